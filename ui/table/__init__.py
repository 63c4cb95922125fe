"""The 台账 table: its lazily fetched model and the filter panel beside it."""
