"""`borapp server init|run|device add|list|revoke`: the office sync service on the office server
(docs/sync-protocol.md). The server's modules (FastAPI, uvicorn, psycopg) load only in the handlers, so
`borapp --help` stays quick and a laptop installation without them still starts."""

from __future__ import annotations

import argparse
import importlib
import json

from borapp.cli.command import EXIT_CODES_HELP
from borapp.i18n import _
from borapp.services.errors import EXIT_OK, BorError, NotFound, UsageError


def register(sub, common) -> None:
    help_text = _("the office sync service: set up its database, run it, add and revoke laptops")
    parser = sub.add_parser("server", help=help_text, description=help_text, epilog=_(EXIT_CODES_HELP))
    actions = parser.add_subparsers(dest="server_action", metavar=_("ACTION"), required=True)
    options = argparse.ArgumentParser(add_help=False)
    options.add_argument("--lang", choices=("nl", "en"), help=_("language of messages and documents"))
    options.add_argument("--database", metavar="URL",
                         help=_("the PostgreSQL database, e.g. postgresql://bor@localhost/bor "
                                "(else BORAPP_SERVER_DATABASE)"))

    def command(parent, name: str, text: str, handler) -> argparse.ArgumentParser:
        cmd = parent.add_parser(name, parents=[options], help=text, description=text, epilog=_(EXIT_CODES_HELP))
        cmd.set_defaults(handler=handler)
        return cmd

    command(actions, "init", _("create or update the server's tables in the database"), run_init)
    cmd = command(actions, "run", _("run the sync service that the laptops talk to"), run_serve)
    cmd.add_argument("--listen", required=True, metavar=_("HOST:PORT"),
                     help=_("the address and port to listen on, e.g. 0.0.0.0:8443"))
    cmd.add_argument("--tls-cert", metavar=_("FILE"), help=_("the TLS certificate (PEM), with --tls-key"))
    cmd.add_argument("--tls-key", metavar=_("FILE"), help=_("the TLS certificate's private key (PEM)"))
    text = _("the laptops that may sync: add one (a one-time code), list them, revoke a lost one")
    device = actions.add_parser("device", help=text, description=text, epilog=_(EXIT_CODES_HELP))
    device_actions = device.add_subparsers(dest="device_action", metavar=_("ACTION"), required=True)
    cmd = command(device_actions, "add", _("add a laptop and print its one-time enrolment code (valid 24 hours)"),
                  run_device_add)
    cmd.add_argument("name", metavar=_("NAME"), help=_("the laptop's name in the team, e.g. laptop-anna"))
    cmd = command(device_actions, "list", _("list the laptops, enrolled or not, and which are revoked"),
                  run_device_list)
    cmd.add_argument("--json", action="store_true", help=_("print one JSON document"))
    cmd = command(device_actions, "revoke", _("revoke a laptop (lost or stolen): it can no longer sync, and wipes "
                                              "its vault if it ever connects again"), run_device_revoke)
    cmd.add_argument("name", metavar=_("NAME"), help=_("the laptop's name, as in 'borapp server device list'"))


def _url(args) -> str:
    from borapp.server.database import database_url

    url = database_url(args.database)
    if not url:
        raise UsageError(_("No database given: use --database URL or set BORAPP_SERVER_DATABASE."))
    if not url.startswith(("postgresql://", "postgres://", "postgresql+psycopg://")):  # the URL may hold a password
        raise UsageError(_("The server's database is a PostgreSQL address, e.g. postgresql://bor@localhost/bor."))
    return url


def _server_modules():
    try:
        for name in ("fastapi", "psycopg", "uvicorn"):
            importlib.import_module(name)
    except ImportError as exc:
        raise BorError(_("The office server is not part of this installation. Install BOR Desk with the 'server' "
                         "extra on the office server (pip install 'borapp[server]').")) from exc


def _unreachable(exc: Exception) -> BorError:
    """The driver's own first line says why (for whoever keeps the server); SQLAlchemy's wrapping and its link to
    its website are left out."""
    reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    return BorError(_("Could not reach the server's database: {reason}").format(reason=reason[0] if reason else ""))


def _connection(args):
    import psycopg

    from borapp.server.database import connect

    try:
        return connect(_url(args))
    except psycopg.OperationalError as exc:
        raise _unreachable(exc) from exc


def run_init(args) -> int:
    _server_modules()
    import psycopg
    import sqlalchemy.exc

    from borapp.server import schema

    try:
        before, after = schema.upgrade(_url(args))
    except (psycopg.OperationalError, sqlalchemy.exc.OperationalError) as exc:
        raise _unreachable(exc) from exc
    if before == after:
        print(_("The server's database is up to date (schema {revision}).").format(revision=after))
    else:
        print(_("The server's database is ready (schema {revision}). Add a laptop with "
                "'borapp server device add NAME'.").format(revision=after))
    return EXIT_OK


def _listen(text: str) -> tuple[str, int]:
    host, sep, port = text.rpartition(":")
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise UsageError(_("--listen is HOST:PORT, e.g. 0.0.0.0:8443."))
    return host.strip("[]"), int(port)


def run_serve(args) -> int:
    _server_modules()
    import logging

    import psycopg
    import sqlalchemy.exc
    import uvicorn

    from borapp.server import schema
    from borapp.server.app import create_app

    host, port = _listen(args.listen)
    if bool(args.tls_cert) != bool(args.tls_key):
        raise UsageError(_("Give both --tls-cert and --tls-key, or neither."))
    url = _url(args)
    try:
        revision = schema.current(url)
    except (psycopg.OperationalError, sqlalchemy.exc.OperationalError) as exc:
        raise _unreachable(exc) from exc
    if revision != schema.head():
        raise BorError(_("The server's database is not set up for this version (schema {found}, needed {needed}). "
                         "Run 'borapp server init' first.").format(found=revision or "-", needed=schema.head()))
    if not args.tls_cert:
        print(_("Without --tls-cert and --tls-key the service speaks plain HTTP: only behind a proxy that adds "
                "HTTPS, or for a test."))
    print(_("The sync service listens on {host}:{port}. Stop it with Ctrl+C.").format(host=host, port=port),
          flush=True)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    uvicorn.run(create_app(url), host=host, port=port, ssl_certfile=args.tls_cert, ssl_keyfile=args.tls_key,
                log_level="info", server_header=False)
    return EXIT_OK


def _device_error(exc) -> BorError:
    messages = {
        "name": _("'{name}' cannot be a laptop's name: use letters, digits, '.', '-' or '_' (at most 60)."),
        "exists": _("A laptop named '{name}' has joined already. Revoke it first if it is lost, and add the new "
                    "one under another name."),
        "revoked": _("The laptop '{name}' was revoked; add the new one under another name."),
    }
    if exc.reason == "unknown":
        return NotFound(_("There is no laptop named '{name}' (see 'borapp server device list').")
                        .format(name=exc.name))
    return UsageError(messages[exc.reason].format(name=exc.name))


def run_device_add(args) -> int:
    _server_modules()
    from borapp.server import devices

    with _connection(args) as conn:
        try:
            code, expires = devices.add(conn, args.name)
        except devices.DeviceError as exc:
            raise _device_error(exc) from exc
    print(_("Enrolment code for '{name}': {code}").format(name=args.name, code=code))
    print(_("It works once, until {expires}. On the laptop: borapp sync join https://<this server> --code {code}")
          .format(expires=expires.astimezone().strftime("%Y-%m-%d %H:%M"), code=code))
    return EXIT_OK


def run_device_list(args) -> int:
    _server_modules()
    from borapp.server import devices

    with _connection(args) as conn:
        found = devices.listing(conn)
    if args.json:
        print(json.dumps([{"name": d.name, "enrolled": d.enrolled.isoformat() if d.enrolled else None,
                           "revoked": d.revoked, "created": d.created.isoformat()} for d in found]))
        return EXIT_OK
    if not found:
        print(_("No laptops yet. Add one with 'borapp server device add NAME'."))
    for d in found:
        if d.revoked:
            state = _("revoked")
        elif d.enrolled:
            state = _("joined {date}").format(date=d.enrolled.astimezone().strftime("%Y-%m-%d"))
        else:
            state = _("waiting for its code to be used")
        print(f"{d.name}\t{state}")
    return EXIT_OK


def run_device_revoke(args) -> int:
    _server_modules()
    from borapp.server import devices

    with _connection(args) as conn:
        try:
            devices.revoke(conn, args.name)
        except devices.DeviceError as exc:
            raise _device_error(exc) from exc
    print(_("'{name}' is revoked: it can no longer sync, and removes its vault when it next connects.")
          .format(name=args.name))
    return EXIT_OK
