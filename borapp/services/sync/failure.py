"""A sync that failed, said in words. A failure the services name (offline, revoked, another version) says itself; a
full disk, a read-only folder or a damaged vault keeps the words `errors.describe` has for it; anything else is a
fault in BOR Desk, said as such, never by a Python class name ("(IntegrityError)"). What went wrong is logged as
the exception's class and where it was raised, never its message: that can hold the values of a record."""

from __future__ import annotations

import functools
import logging
import os
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from borapp.i18n import N_, Said
from borapp.services.errors import BorError, known_cause, known_problem
from borapp.services.sync.transport import SyncError

log = logging.getLogger(__name__)


class SyncFault(SyncError):
    """A sync stopped on an unexpected error: a fault of this program, not of the coordinator's input."""

    def __init__(self) -> None:
        super().__init__(Said(N_("The sync stopped on an unexpected error in BOR Desk. What was sent and received "
                                 "before is kept, and the changes made here that have not gone yet wait on this "
                                 "laptop. Try again later; if it keeps failing, tell whoever supports BOR Desk.")),
                         "unexpected")


def in_words(exc: BaseException) -> str:
    """What a failed sync says to the coordinator."""
    return known_cause(exc) or str(SyncFault())


def kept_words(exc: BaseException) -> str:
    """Why a sync failed, as the vault keeps it for the screens: the message's English and its values where it has
    them (`Said`), said again in the language of whenever it is read (`said_again`); its words as they are else."""
    words = exc.args[0] if isinstance(exc, BorError) and exc.args else known_problem(exc) or SyncFault().args[0]
    return words.kept() if isinstance(words, Said) else str(words)


def said_in_words(sync):
    """Let a sync's named failures through; an unexpected one becomes a SyncFault (the cause logged, not its
    message). A full disk, a read-only folder and a damaged vault go on as they are: their words and exit codes."""
    @functools.wraps(sync)
    def run(*args, **kwargs):
        with said_as(SyncFault):
            return sync(*args, **kwargs)
    return run


@contextmanager
def said_as(fault: Callable[[], SyncError]) -> Iterator[None]:
    """Within it, a failure nobody foresaw is raised as `fault()` (a SyncError in words: joining says it has not
    joined), logged by its class and place; named failures go on as they are."""
    try:
        yield
    except BorError:
        raise
    except Exception as exc:
        if known_cause(exc):
            raise
        log.error("sync stopped on %s", _where(exc))
        raise fault() from exc


def _where(exc: BaseException) -> str:
    """"sqlalchemy.exc.IntegrityError in apply.py:212 (_apply)": the class and the deepest frame of BOR Desk's."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if f"{os.sep}borapp{os.sep}" in f.filename] or frames
    place = f" in {Path(ours[-1].filename).name}:{ours[-1].lineno} ({ours[-1].name})" if ours else ""
    return f"{type(exc).__module__}.{type(exc).__name__}{place}"
