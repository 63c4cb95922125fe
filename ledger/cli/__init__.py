"""The command line (main.py's subcommands): parser and handlers. No other room imports it."""
