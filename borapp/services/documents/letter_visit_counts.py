"""The visit counts a letter states (`{visits_total}`, `{visits_held}`, `{visits_ended_early}`, `{visits_cancelled}`,
`{visits_no_show}`, ...),
as they stood on the letter's moment: the part of `LetterValues` that counts visits."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from borapp.i18n import _, ngettext
from borapp.services.cases.labels import CANCELLED_BY_LABELS, ROLE_LABELS, label
from borapp.services.documents import letter_news as news
from borapp.services.documents.facts import VisitFacts


def state_on(visit: VisitFacts, day: dt.date) -> str:
    """What a visit was on `day`: held or called off by then, or still to come ("planned", whatever came of it
    after); "" for one dated by then that was never recorded as held or called off. A visit counts as called off on
    the day it was called off (on 10 March for 20 March: called off as of 10 March); one recorded before that day
    was kept, on its own day."""
    called_off = visit.state == "cancelled" and not visit.lapsed
    if called_off and called_off_on(visit) <= day:
        return "cancelled"
    if visit.on > day:
        return "planned"
    return visit.state if visit.state in ("held", "no_show") else ""


def called_off_on(visit: VisitFacts) -> dt.date:
    """The day a cancelled visit was called off; its own day where that was not recorded."""
    return visit.cancelled_on or visit.on


class VisitCounts:
    """Mixed into `LetterValues`, whose facts (`f`), `kind`, `today`, `names` and `_held` it reads."""

    def _moment(self) -> dt.date | None:
        """The day the letter's visit counts stand on: the midway letter's evaluation, the start letter's first visit
        (made weeks later, it still tells what was so then); None: as they stand today."""
        if self.kind == "evaluation":
            return news.midway_on(self.f)
        if self.kind == "start":
            held = self._held()
            return held[0].on if held else None
        return None

    def _visits(self) -> tuple[VisitFacts, ...]:
        """The visits as the letter counts them: as they stood on its moment, else as they stand."""
        day = self._moment()
        if day is None:
            return self.f.visits
        return tuple(replace(v, state=state, lapsed=False) for v in self.f.visits if (state := state_on(v, day)))

    def v_visits_total(self) -> str:
        return str(sum(1 for v in self._visits() if not v.lapsed))

    def v_visits_held(self) -> str:
        return str(sum(1 for v in self._visits() if v.state == "held"))

    def v_visits_ended_early(self) -> str:
        """Held visits that were ended early (counted among the held ones too)."""
        return str(sum(1 for v in self._visits() if v.state == "held" and v.ended_early))

    def v_visits_planned(self) -> str:
        """Still to come: a visit long past that is still marked planned is no plan (the schedule says so too)."""
        day = self._moment() or self.today
        return str(sum(1 for v in self._visits() if v.state == "planned" and v.on >= day))

    def v_visits_summary(self) -> str:
        """The closing report's line on the visits; plainly that none took place when none did (a case stopped at
        intake read "0 in all, 0 held; cancelled: 0"). Visits ended early are named with the held ones, when there
        are any and the template does not say them with `{visits_ended_early}`."""
        total = self.v_visits_total()
        early = self._ended_early_words()
        if total != "0" and early:
            return _("Visits: {total} in all, {held} held ({early}); cancelled: {cancelled}.").format(
                total=total, held=self.v_visits_held(), early=early, cancelled=self.v_visits_cancelled())
        if total != "0":
            return _("Visits: {total} in all, {held} held; cancelled: {cancelled}.").format(
                total=total, held=self.v_visits_held(), cancelled=self.v_visits_cancelled())
        lapsed = self._lapsed()
        return _("No visits took place ({lapsed}).").format(lapsed=lapsed) if lapsed else _("No visits took place.")

    def _ended_early_words(self) -> str:
        """"1 ended early" for the visits line; "" when none was, or the template says it with its own placeholder."""
        early = int(self.v_visits_ended_early())
        if not early or "visits_ended_early" in self.names:
            return ""
        return ngettext("{n} ended early", "{n} ended early", early).format(n=early)

    def v_visits_cancelled(self) -> str:
        """Called off, with by whom; the visits still planned when the case closed are no cancellation and are
        named apart ("0 (6 planned visits lapsed when the case was closed)"), and so are the visits a parent did not
        come to without calling them off ("0; 1 keer niet verschenen (uitwonende ouder)"): said after the
        cancellations, so a template without `{visits_no_show}` says them too; one with it says them there, once."""
        called_off, lapsed = self._called_off(), self._lapsed()
        if lapsed:
            called_off = f"{called_off} ({lapsed})" if called_off == "0" else f"{called_off}; {lapsed}"
        no_shows = "" if "visits_no_show" in self.names else self._no_shows()
        return f"{called_off}; {no_shows}" if no_shows else called_off

    def v_visits_no_show(self) -> str:
        """The times a parent did not come without calling the visit off: "0", "1 (uitwonende ouder)", or
        "3 (1 verzorgende ouder, 2 uitwonende ouder)" when both parents stayed away."""
        counts = self._no_show_counts()
        if len(counts) < 2:
            return "".join(f"{n} ({self._absent_parent(code)})" for code, n in counts.items()) or "0"
        return f"{sum(counts.values())} ({', '.join(f'{n} {self._absent_parent(c)}' for c, n in counts.items())})"

    def _no_shows(self) -> str:
        """"1 keer niet verschenen (uitwonende ouder)", per parent; "" when every parent came or called off."""
        return ", ".join(ngettext("{n} no-show ({who})", "{n} no-shows ({who})", n).format(
            n=n, who=self._absent_parent(code)) for code, n in self._no_show_counts().items())

    def _no_show_counts(self) -> dict[str, int]:
        """Parent code → the times that parent did not come, in the order of the visits."""
        counts: dict[str, int] = {}
        for visit in self._visits():
            if visit.state == "no_show":
                counts[visit.no_show_by] = counts.get(visit.no_show_by, 0) + 1
        return counts

    @staticmethod
    def _absent_parent(code: str) -> str:
        return (label(ROLE_LABELS, code) or _("a parent not recorded")).lower()

    def _lapsed(self) -> str:
        """"6 planned visits lapsed when the case was closed", or "" when none did."""
        lapsed = sum(1 for v in self._visits() if v.lapsed)
        if not lapsed:
            return ""
        return ngettext("{n} planned visit lapsed when the case was closed",
                        "{n} planned visits lapsed when the case was closed", lapsed).format(n=lapsed)

    def _called_off(self) -> str:
        cancelled = [v.cancelled_by for v in self._visits() if v.state == "cancelled" and not v.lapsed]
        if not cancelled:
            return "0"
        groups: dict[str, int] = {}
        for code in cancelled:
            groups[code] = groups.get(code, 0) + 1
        names = {code: label(CANCELLED_BY_LABELS, code) or _("someone not recorded") for code in groups}
        if len(groups) == 1:
            who = _("by {who}").format(who=next(iter(names.values())))
        else:
            who = ", ".join(_("{n} by {who}").format(n=n, who=names[code]) for code, n in groups.items())
        return f"{len(cancelled)} ({who})"
