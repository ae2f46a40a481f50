"""A deadline for rendering one document, checked by the renderers as they go.

Why checkpoints rather than a timer that kills the work: a request runs in a worker thread
(gunicorn gthread) and Python cannot stop a thread from outside; ``signal.alarm`` only works
in the main thread; a child process per document would cost more than rendering one (about
0.1 s to start, against 30 ms for a deliberation) and forking a threaded server is unsafe.
The renderers call :func:`checkpoint` between blocks and between table rows, so a document
stops within one row's work of its deadline, in every thread. Rendering is bounded before
that by the model's caps (``projectfile.model.MAX_ITEMS``) and is linear in the number of
rows; the Typst compiler (native code) is bounded by the same caps.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from coopdec.i18n import _

_deadline: ContextVar[float | None] = ContextVar("coopdec_document_deadline", default=None)


class DeadlineExceeded(RuntimeError):
    """A document took longer than its deadline; nothing is returned."""


@contextmanager
def deadline(seconds: float | None) -> Iterator[None]:
    """Within the block, :func:`checkpoint` raises once ``seconds`` have passed (None: never)."""
    token = _deadline.set(None if seconds is None else time.monotonic() + seconds)
    try:
        yield
    finally:
        _deadline.reset(token)


def checkpoint() -> None:
    """Raise :class:`DeadlineExceeded` when the current deadline has passed."""
    limit = _deadline.get()
    if limit is not None and time.monotonic() > limit:
        raise DeadlineExceeded(_("Le document a dépassé le temps de production autorisé."))
