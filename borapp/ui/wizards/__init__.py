"""Wizards that walk the coordinator through a process step by step (intake; matching)."""
