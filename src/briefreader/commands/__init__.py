"""One module per group of CLI subcommands; `briefreader.cli` parses and dispatches here."""
