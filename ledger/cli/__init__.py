"""The command line (main.py's subcommands): parser and handlers; the top room, imported by no other."""
