"""The matching wizard's page ids: the candidates, then either the confirmation or the no-match path."""

CANDIDATES, CONFIRM, NO_MATCH = range(3)
