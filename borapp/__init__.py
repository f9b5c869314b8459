"""BOR Desk: the coordinator's tool for a Begeleide Omgangsregeling."""

__version__ = "0.1.0"
