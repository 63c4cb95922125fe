"""The rectification ledger (整改台账): domain, storage and commands, with no Qt."""
