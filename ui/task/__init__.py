"""The task panel: the selected task's fields, indicators, steps, evidence and history."""
