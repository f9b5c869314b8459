"""Team sync, the laptop's side: change capture in the vault, joining a team, pushing and pulling
(docs/sync-protocol.md). Importing this package registers the change capture."""

from borapp.services.sync import capture  # noqa: F401 - registers the session events
