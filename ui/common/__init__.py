"""What every view shares: user-facing messages, the colour palette, small Qt helpers, the import preview."""
