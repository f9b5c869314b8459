"""`borapp import cases|volunteers FILE` and `borapp import template KIND` (being written)."""


def register(sub, common) -> None:
    return None
