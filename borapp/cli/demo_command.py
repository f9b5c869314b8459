"""`borapp demo` (being written)."""


def register(sub, common) -> None:
    return None
