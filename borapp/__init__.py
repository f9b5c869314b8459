"""BOR Desk: the coordinator's tool for a Begeleide Omgangsregeling."""


def version() -> str:
    """The installed distribution's version (pyproject.toml, or the bundle's copied metadata)."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as distribution_version

    try:
        return distribution_version("borapp")
    except PackageNotFoundError:  # run from a checkout that was never installed
        return "0+unknown"
