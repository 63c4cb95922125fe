"""The Qt window over the ledger: everything PySide6 lives here and calls ledger/."""
