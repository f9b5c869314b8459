"""`borapp config set|get|list`: the organisation's settings in the vault (letterhead, mail server, ...).

The SMTP password is never a setting: `borapp config smtp-password` puts it in the operating system's keyring.
`borapp config smtp-test [--to ADDRESS]` sends a test message with the saved mail server settings.
"""

from __future__ import annotations

import getpass
import json
import os
import sys
from pathlib import Path

from borapp.cli.letters_command import PASSWORD_ENV, password_provider
from borapp.cli.opening import open_vault
from borapp.cli.command import EXIT_CODES_HELP, Later, add_command
from borapp.i18n import _
from borapp.services.errors import EXIT_FAILED, EXIT_OK, EXIT_USAGE, NotFound, UsageError, ValidationError

# Kept by the app itself, not for setting by hand.
INTERNAL = ("demo", "backup.last", "vault.checked_on", "backup.elsewhere", "privacy.access_exports",
            "documents.written")


def config_keys() -> tuple[str, ...]:
    """The settings `borapp config` sets and shows (imported when needed: the settings module loads the models)."""
    from borapp.services import settings

    return tuple(key for key in settings.SETTINGS if key not in INTERNAL and not key.startswith("sync."))


def register(sub, common) -> None:
    help_text = _("the organisation's settings: letterhead, mail server, language, ...")
    parser = sub.add_parser("config", help=help_text, description=help_text, epilog=_(EXIT_CODES_HELP))
    actions = parser.add_subparsers(dest="config_action", metavar=_("ACTION"), required=True)
    cmd = add_command(actions, common, "set", _("set a setting (organisation.logo takes an image file, "
                                                "template.KIND.LANG a text file; \"\" for the built-in text)"),
                      run_set)
    key = cmd.add_argument("key", metavar=_("SETTING"))
    key.settable = Later(lambda: (*(k for k in config_keys() if not k.startswith("template.")),
                                  _("template.KIND.LANG")))
    key.help = _("one of: {keys}").format(keys="%(settable)s")  # argparse fills in the action's attribute
    cmd.add_argument("value", metavar=_("VALUE"))
    cmd = add_command(actions, common, "get", _("print one setting"), run_get)
    cmd.add_argument("key", metavar=_("SETTING"))
    cmd = add_command(actions, common, "list", _("print every setting"), run_list)
    cmd.add_argument("--json", action="store_true", help=_("print one JSON document"))
    add_command(actions, common, "smtp-password", _("keep the mail server's password in this computer's keyring "
                                                    "(from {env}, else a prompt)").format(env=PASSWORD_ENV),
                run_password)
    cmd = add_command(actions, common, "coordinator", _("set a coordinator's e-mail address and phone number, "
                                                        "which letters give for the cases they coordinate"),
                      run_coordinator)
    cmd.add_argument("name", metavar=_("NAME"), help=_("the coordinator's name, as in Settings, Coordinators"))
    cmd.add_argument("--email", metavar=_("ADDRESS"), default=None, help=_("the e-mail address (\"\" to clear it)"))
    cmd.add_argument("--phone", metavar=_("PHONE"), default=None, help=_("the phone number (\"\" to clear it)"))
    cmd = add_command(actions, common, "smtp-test", _("send a test message with the saved mail server settings "
                                                      "(the password from the keyring, else {env}, else a prompt)")
                      .format(env=PASSWORD_ENV), run_smtp_test)
    cmd.add_argument("--to", metavar=_("ADDRESS"), default="",
                     help=_("where the test message goes (default: the sender address)"))


def _check_key(key: str) -> None:
    """A setting `borapp config` does not know is not found (exit 6), as an unknown case or letter is: named with
    the nearest known one, and the known ones with the letter templates as one pattern."""
    import difflib

    from borapp.i18n import LANGUAGES
    from borapp.models.documents import LETTER_KINDS

    known = config_keys()
    if key in known:
        return
    if key == "smtp.password":
        raise NotFound(_("Unknown setting '{key}': the mail server's password is never kept as a setting. Keep it "
                         "in this computer's keyring with 'borapp config smtp-password'.").format(key=key))
    keys = ", ".join([*(k for k in known if not k.startswith("template.")), _(
        "template.KIND.LANG (KIND: {kinds}; LANG: {languages})").format(kinds=", ".join(LETTER_KINDS),
                                                                       languages=", ".join(LANGUAGES))])
    near = difflib.get_close_matches(key, known, n=1)
    if near:
        raise NotFound(_("Unknown setting '{key}'. Did you mean '{near}'? Known: {keys}.").format(
            key=key, near=near[0], keys=keys))
    raise NotFound(_("Unknown setting '{key}'. Known: {keys}.").format(key=key, keys=keys))


def _shown(key: str, value: str) -> str:
    if key == "organisation.logo" and value:
        return _("(an image, {n} characters)").format(n=len(value))
    if key.startswith("template."):
        return _("(own text, {n} characters)").format(n=len(value)) if value else _("(built-in text)")
    return value


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        raise UsageError(_("Cannot read {path}.").format(path=path)) from None


def run_set(args) -> int:
    from borapp.services import settings
    from borapp.services.documents.letterhead import logo_from_file
    from borapp.cli.opening import cli_workspace

    _check_key(args.key)
    value = args.value
    if args.key == "organisation.logo" and value:
        value = logo_from_file(Path(value).expanduser())
    elif args.key.startswith("template.") and value:
        value = _read_text(Path(value).expanduser())
    vault = open_vault(args)
    try:
        if args.key.startswith("template."):  # checked by the templates service: placeholders, braces
            from borapp.services.documents.templates import restore_default, save_template

            _prefix, kind, lang = args.key.split(".")
            try:
                if value.strip():
                    save_template(cli_workspace(vault), kind, lang, value)
                else:
                    restore_default(cli_workspace(vault), kind, lang)
            except ValidationError as exc:  # bad input: a usage error, like any other bad value
                raise UsageError(str(exc)) from None
        else:
            settings.write_settings(vault, {args.key: value})
        value = settings.read_setting(vault, args.key)  # as kept: a typed date as 2026-03-05, "ja" as 1
    finally:
        vault.lock()
    print(f"{args.key} = {_shown(args.key, value.strip())}")
    return EXIT_OK


def run_coordinator(args) -> int:
    """Settings, Coordinators from the command line: what is not given stays as it was."""
    from borapp.services import organisation_setup
    from borapp.cli.opening import cli_workspace

    vault = open_vault(args)
    try:
        workspace = cli_workspace(vault)
        rows = organisation_setup.coordinators(workspace)
        wanted = " ".join(args.name.split()).casefold()
        found = next((row for row in rows if row.name.casefold() == wanted), None)
        if found is None:
            raise NotFound(_("No coordinator named '{name}'. Known: {names}.").format(
                name=args.name, names=", ".join(row.name for row in rows) or "-"))
        email = found.email if args.email is None else args.email
        phone = found.phone if args.phone is None else args.phone
        try:
            organisation_setup.save_coordinator_contact(workspace, found.id, email, phone)
        except ValidationError as exc:  # bad input: a usage error, like any other bad value
            raise UsageError(str(exc)) from None
        saved = next(row for row in organisation_setup.coordinators(workspace) if row.id == found.id)
    finally:
        vault.lock()
    print(_("{name}: e-mail {email}, phone {phone}").format(name=saved.name, email=saved.email or "-",
                                                            phone=saved.phone or "-"))
    return EXIT_OK


def run_get(args) -> int:
    from borapp.services import settings

    _check_key(args.key)
    vault = open_vault(args)
    try:
        value = settings.read_setting(vault, args.key)
    finally:
        vault.lock()
    print(_shown(args.key, value))
    return EXIT_OK


def run_list(args) -> int:
    from borapp.services import settings

    vault = open_vault(args)
    try:
        values = settings.read_all(vault)
    finally:
        vault.lock()
    shown = {key: _shown(key, values[key]) for key in config_keys()}
    if args.json:
        print(json.dumps({"ok": True, **shown}, ensure_ascii=False))
    else:
        for key, value in shown.items():
            print(f"{key} = {value}")
    return EXIT_OK


def run_password(args) -> int:
    from borapp.services import settings
    from borapp.services.outbox import smtp_secret

    vault = open_vault(args)
    try:
        user = settings.read_setting(vault, "smtp.user").strip()
    finally:
        vault.lock()
    if not user:
        raise UsageError(_("Set smtp.user first, then store its password."))
    password = os.environ.get(PASSWORD_ENV) or (
        getpass.getpass(_("Mail server password: ")) if sys.stdin is not None and sys.stdin.isatty() else "")
    if not password:
        raise UsageError(_("No password: set {env} or run this on a terminal.").format(env=PASSWORD_ENV))
    smtp_secret.store_password(user, password)
    print(_("The password for {user} is kept in this computer's keyring.").format(user=user))
    return EXIT_OK


def run_smtp_test(args) -> int:
    from borapp.services.outbox import mail_setup
    from borapp.cli.opening import cli_workspace

    workspace = cli_workspace(open_vault(args))
    try:
        result = mail_setup.send_test_for_vault(workspace, args.to, password_provider)
    finally:
        workspace.lock()
    if result.ok:
        print(result.message)
        return EXIT_OK
    print(f"borapp: {result.command_line or result.message}", file=sys.stderr)  # as every refusal says it
    return EXIT_USAGE if result.kind in ("settings", "plaintext", "password") else EXIT_FAILED
