"""The words after an export or a send: how many went, how many wait and why, how many need a person."""

from __future__ import annotations

from borapp.i18n import _, ngettext
from borapp.services.errors import describe
from borapp.services.outbox.export import ExportResult
from borapp.services.outbox.sending import LetterOutcome, SendResult


def send_summary(result: SendResult) -> str:
    if not result.outcomes:
        return _("No letters were ready to send.")
    parts = [ngettext("{n} letter sent.", "{n} letters sent.", len(result.sent)).format(n=len(result.sent))]
    if result.kept:
        parts.append(ngettext("{n} letter kept for later; it goes with the next send.",
                              "{n} letters kept for later; they go with the next send.",
                              len(result.kept)).format(n=len(result.kept)))
        parts.extend(_by_reason(result.kept))
    if result.failed:
        parts.append(ngettext("{n} letter failed; fix it, then choose Try again.",
                              "{n} letters failed; fix them, then choose Try again.",
                              len(result.failed)).format(n=len(result.failed)))
        parts.extend(_by_reason(result.failed))
    if result.skipped:
        parts.append(ngettext("{n} letter was not sent; it stays ready:", "{n} letters were not sent; they stay ready:",
                              len(result.skipped)).format(n=len(result.skipped)))
        parts.extend(_by_reason(result.skipped))
    if result.warning:
        parts.append(result.warning)
    return "\n\n".join(parts)


def _by_reason(outcomes: list[LetterOutcome]) -> list[str]:
    """One paragraph per reason (a server that cannot be reached is said once), the letters under it."""
    reasons: dict[str, list[str]] = {}
    for outcome in outcomes:
        reasons.setdefault(outcome.error, []).append(f"• {outcome.label()}")
    return [(reason + "\n" if reason else "") + "\n".join(letters) for reason, letters in reasons.items()]


def export_summary(result: ExportResult, names: dict[int, str] | None = None) -> str:
    """What the export did; a letter left behind is named as the list names it (`names`: id → "kind, case"), not
    by its number, which the list does not show."""
    names = names or {}
    if not result.exported and not result.problems and not result.stopped:
        return _("No letters were ready to export.")
    count = len(result.exported)
    parts = []
    if count or not result.stopped:
        parts.append(ngettext("{n} letter exported to {folder}.", "{n} letters exported to {folder}.", count)
                     .format(n=count, folder=result.folder))
    if count:
        parts.append(_("Open each .eml file with your mail program to check and send it. The files are not "
                       "encrypted: delete them once the letters are sent."))
    if result.stopped:
        parts.append(result.stop_line())
    if result.problems:
        parts.append(_("Not exported (they stay ready):") + "\n" + "\n".join(
            (f"• {names[letter_id]}: {why}" if letter_id in names else
             _("• letter {id}: {why}").format(id=letter_id, why=why)) for letter_id, why in result.problems))
    return "\n\n".join(parts)


def failure_text(exc: BaseException) -> str:
    """A failure in the user's language, never a traceback."""
    return describe(exc)
