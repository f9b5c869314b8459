"""The office sync service (`borapp server ...`): the organisation's shared record in PostgreSQL behind a small ASGI
service that laptops talk to over HTTPS with a device token (docs/sync-protocol.md). Runs on the office server only:
never imports the UI, Qt or the laptop's SQLCipher vault."""
