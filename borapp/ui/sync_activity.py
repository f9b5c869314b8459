"""Whether a sync runs on this laptop, for every button that starts one: the status bar's sync button and Settings →
Team's "Sync now" each show it as busy while either one's sync (or the timer's) runs. The service refuses a second
sync beside the first (`run.AlreadySyncing`); this says so before anyone clicks.

One object for the process, as the service's guard is one for the vault: the two buttons live far apart (the status
bar, a settings page) and are made at different times."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from borapp.ui.tasks import Task


class SyncActivity(QObject):
    changed = Signal(bool)  # a sync began (True) or the last one running ended (False)

    def __init__(self) -> None:
        super().__init__()
        self._tasks: set[Task] = set()

    @property
    def running(self) -> bool:
        return bool(self._tasks)

    def watch(self, task: Task) -> Task:
        """`task` syncs: busy until it is over (also when a lock dropped its answer). Call before `start()`."""
        task.signals.settled.connect(lambda: self._ended(task))
        self._tasks.add(task)
        if len(self._tasks) == 1:
            self.changed.emit(True)
        return task

    def _ended(self, task: Task) -> None:
        if task in self._tasks:
            self._tasks.discard(task)
            if not self._tasks:
                self.changed.emit(False)


_activity: SyncActivity | None = None


def sync_activity() -> SyncActivity:
    global _activity
    if _activity is None:
        _activity = SyncActivity()
    return _activity
