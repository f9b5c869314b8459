"""Which letters may go to a referrer: some BOR services report nothing of the supervision to third parties,
others must (courts want written feedback). The organisation chooses the kinds (`privacy.referrer_letter_kinds`,
empty = all); a letter of another kind to a referrer is not made ready, exported or sent (`outbox.letters`)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from borapp.i18n import _
from borapp.models import Letter
from borapp.models.documents import REFERRER_KINDS
from borapp.services import settings
from borapp.services.errors import ValidationError
from borapp.services.outbox.listing import kind_label

SETTING = "privacy.referrer_letter_kinds"


def allowed_kinds(session: Session) -> tuple[str, ...]:
    stored = [k.strip() for k in settings.get(session, SETTING).split(";")
              if k.strip() in REFERRER_KINDS]
    return tuple(stored) if stored else REFERRER_KINDS


def save_allowed_kinds(workspace, kinds: list[str]) -> None:
    kinds = [k for k in REFERRER_KINDS if k in kinds]
    if not kinds:
        raise ValidationError(_("Choose at least one kind of letter; to send none, do not make letters."))
    with workspace.session() as session:
        settings.put(session, SETTING, "" if len(kinds) == len(REFERRER_KINDS) else ";".join(kinds))


def check_letter(session: Session, letter: Letter) -> None:
    """Refuse a letter to a referrer of a kind the organisation does not send to referrers."""
    said = refusal(session, letter)
    if said:
        raise ValidationError(said)


def refusal(session: Session, letter: Letter, command_line: bool = False) -> str:
    """Why `letter` may not go out under the organisation's choice ("" when it may): in the app's words, or with
    the setting as `borapp config set` takes it."""
    if letter.parent_role or letter.kind not in REFERRER_KINDS:
        return ""  # a letter to a parent
    if letter.kind in allowed_kinds(session):
        return ""
    kind = kind_label(letter.kind)
    # the same choice covers the closing report to the commissioning party: another organisation all the same
    if command_line:
        return (_("Your organisation does not send a \u201c{kind}\u201d to the commissioning party ({setting}). "
                  "Delete the letter in the app, or change that setting with 'borapp config set {setting}'.")
                if letter.addressee == "commissioner" else
                _("Your organisation does not send a \u201c{kind}\u201d to referrers ({setting}). Delete the letter "
                  "in the app, or change that setting with 'borapp config set {setting}'.")).format(
            kind=kind, setting=SETTING)
    return (_("Your organisation does not send a \u201c{kind}\u201d to the commissioning party (Settings, "
              "Privacy). Delete the letter or change that setting.")
            if letter.addressee == "commissioner" else
            _("Your organisation does not send a \u201c{kind}\u201d to referrers (Settings, Privacy). Delete the "
              "letter or change that setting.")).format(kind=kind)
