"""briefreader: a terminal news reader that follows names across articles."""

__version__ = "0.1.0"
