"""The intake wizard: a new case in ten steps, kept as an encrypted draft at every step so it can be resumed."""
