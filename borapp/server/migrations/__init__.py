"""Alembic scripts of the office server schema (not the vault's)."""
