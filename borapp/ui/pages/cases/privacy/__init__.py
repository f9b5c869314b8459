"""The case file's privacy actions: who looked at the file, a request for access, erasure."""
