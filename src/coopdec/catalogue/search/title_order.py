"""The title order of the indexed documents (the sort key of every page: ``engine._page``),
read whole on a full load and brought up to date by a diff.

Reading the whole order again after each publication cost 25 to 29 ms per change on the
starter catalogue (docs/benchmarks.md, issue 21), more than the rest of the diff. A diff now
takes the changed documents out of the previous order and puts the live ones back where
their key falls, found by a binary search that reads the keys of the documents it probes
(``log2(n)`` small reads, all the changed documents at once in each). The key is the one the
full read sorts on: ``(sort_title, kind, object_id)`` in byte order, which is also the order
of Python's strings (UTF-8 keeps the order of code points), so both give the same order.

A document the search probes must still hold the key the previous order was made with: if
another process changed it since the diff's reading (its row has a newer generation), the
previous order no longer tells where it stands, and the order is read whole instead.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
from django.db import connection

IntArray = npt.NDArray[Any]
Key = tuple[str, str, int]  # (sort_title, kind, object_id)
_FETCH = 200_000


def read_whole(sql: str, capacity: int, base: int = 0) -> IntArray:
    """The slots (ids less ``base``) of the live documents in title order
    (``Backend.title_order_sql``), those the store has room for."""
    parts = []
    with connection.chunked_cursor() as cursor:  # in chunks: 1.6 million ids at a million
        cursor.execute(sql)
        while rows := cursor.fetchmany(_FETCH):
            parts.append(np.fromiter((row[0] for row in rows), np.int64, count=len(rows)))
    slots = (np.concatenate(parts) if parts else np.zeros(0, np.int64)) - base
    return slots[(slots >= 0) & (slots < capacity)]


def ranks(order: IntArray, capacity: int) -> IntArray:
    """Each slot's position in ``order``; slots not in it come after every one of them."""
    rank = np.full(capacity, len(order), np.int32)
    rank[order] = np.arange(len(order), dtype=np.int32)
    return rank


def read_keys(
    slots: Sequence[int], *, base: int = 0, unchanged_since: int | None = None
) -> dict[int, Key]:
    """The sort keys of the documents at these slots (ids less ``base``). With
    ``unchanged_since``, a document written after that generation (or deleted) is left out:
    its key is no longer the one it was ordered by."""
    if not slots:
        return {}
    marks = ", ".join(["%s"] * len(slots))
    sql = (
        "SELECT id, sort_title, kind, object_id, generation, deleted "  # noqa: S608
        f"FROM search_document WHERE id IN ({marks})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [int(slot) + base for slot in slots])
        rows = cursor.fetchall()
    return {
        document_id - base: (title, kind, int(object_id))
        for document_id, title, kind, object_id, generation, deleted in rows
        if unchanged_since is None or (generation <= unchanged_since and not deleted)
    }


def updated(
    order: IntArray,
    changed: IntArray,
    live: npt.NDArray[np.bool_],
    keys_of: Callable[[Sequence[int]], dict[int, Key]],
    probe_keys: Callable[[Sequence[int]], dict[int, Key]],
) -> IntArray | None:
    """The order after a diff: ``order`` less the ``changed`` slots, with the changed slots
    still ``live`` inserted at their keys' places. ``keys_of`` reads the changed documents'
    keys, ``probe_keys`` those of unchanged documents (leaving out any that changed since the
    order was made). None when a probed document has changed: the caller reads the order
    whole."""
    capacity = len(live)
    changed = changed[changed < capacity]
    is_changed = np.zeros(capacity, np.bool_)
    is_changed[changed] = True
    kept = order[~is_changed[order]] if len(changed) else order
    entering = [int(s) for s in changed if live[s]]
    if not entering:
        return kept
    found = keys_of(entering)
    if len(found) < len(entering):
        return None  # a document of the diff is no longer in the table: read it all again
    new = sorted(entering, key=found.__getitem__)
    new_keys = [found[s] for s in new]
    low = np.zeros(len(new), np.int64)
    high = np.full(len(new), len(kept), np.int64)
    while True:  # every search halves its range at each round: log2(n) reads in all
        active = np.flatnonzero(low < high)
        if not len(active):
            break
        middle = (low[active] + high[active]) // 2
        probed = sorted({int(s) for s in kept[middle]})
        keys = probe_keys(probed)
        if len(keys) < len(probed):
            return None
        for i, mid in zip(active.tolist(), middle.tolist(), strict=True):
            if keys[int(kept[mid])] < new_keys[i]:
                low[i] = mid + 1
            else:
                high[i] = mid
    return np.insert(kept, low, np.asarray(new, kept.dtype))
