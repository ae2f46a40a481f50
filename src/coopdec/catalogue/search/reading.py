"""What the indexer reads of the catalogue tables, a chunk of records at a time, in plain SQL.

Indexing a million projects reads a few million rows. Through the ORM (``values_list``, an
``id__in`` of thousands of ids, converters per value) the reading cost as much as building
the documents; the same queries written here cost a fraction of it. Rows come back as
tuples in id order, with the values the same on both engines (``_year``, ``_flag``).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection
from django.db.models import Model

from coopdec.catalogue.models import (
    Example,
    ForeignAuthority,
    FrenchAuthority,
    Partnership,
    Project,
)

# Table names from the models (the SQL below names columns Django's way: ``<field>_id``).
_FRENCH = FrenchAuthority._meta.db_table
_FOREIGN = ForeignAuthority._meta.db_table
_PARTNERSHIP = Partnership._meta.db_table
_PROJECT = Project._meta.db_table
_EXAMPLE = Example._meta.db_table


def _ids_clause(column: str, ids: Sequence[int]) -> str:
    """``column`` among ``ids``: a range when they are (nearly) a run of consecutive ids, as a
    rebuild reads them, else a list of integer literals (``int()`` makes each one safe)."""
    if not ids:
        return "1 = 0"
    low, high = min(ids), max(ids)
    if high - low + 1 <= 2 * len(ids):
        return f"{column} BETWEEN {int(low)} AND {int(high)}"
    return f"{column} IN ({', '.join(str(int(i)) for i in ids)})"


def _select(sql: str) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return list(cursor.fetchall())


def _wanted(rows: list[tuple[Any, ...]], ids: Sequence[int]) -> list[tuple[Any, ...]]:
    """Rows whose first value is one of ``ids`` (a range read may bring a few others)."""
    if not rows or _dense(ids):
        return rows
    keep = set(ids)
    return [row for row in rows if row[0] in keep]


def links(model: type[Model], field_name: str, ids: Sequence[int]) -> dict[int, list[int]]:
    """Targets per owner id through the many-to-many table of ``model.field_name``, in
    target order."""
    field = getattr(model, field_name).field
    table = field.remote_field.through._meta.db_table
    owner, target = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
    sql = (
        f"SELECT {owner}, {target} FROM {table} "  # noqa: S608 (names from the models)
        f"WHERE {_ids_clause(owner, ids)} ORDER BY {owner}, {target}"
    )
    out: dict[int, list[int]] = defaultdict(list)
    wanted = None if not ids or _dense(ids) else set(ids)
    for owner_id, target_id in _select(sql):
        if wanted is None or owner_id in wanted:
            out[owner_id].append(target_id)
    return out


def _dense(ids: Sequence[int]) -> bool:
    """A whole run of consecutive ids: a range read brings exactly them."""
    return max(ids) - min(ids) + 1 == len(ids) == len(set(ids))


def authorities(ids: Iterable[int]) -> dict[int, tuple[str, str, int | None, int | None]]:
    """French authorities: name, kind, région id, département id."""
    wanted = sorted(set(ids))
    sql = (
        f"SELECT id, name, kind, region_id, departement_id FROM {_FRENCH} "  # noqa: S608
        f"WHERE {_ids_clause('id', wanted)}"
    )
    return {row[0]: row[1:] for row in _wanted(_select(sql), wanted)}


def foreign_authorities(ids: Iterable[int]) -> dict[int, tuple[str, int]]:
    """Foreign authorities: name, country id."""
    wanted = sorted(set(ids))
    sql = (
        f"SELECT id, name, country_id FROM {_FOREIGN} "  # noqa: S608
        f"WHERE {_ids_clause('id', wanted)}"
    )
    return {row[0]: row[1:] for row in _wanted(_select(sql), wanted)}


def partnership_rows(ids: Sequence[int]) -> list[tuple[Any, ...]]:
    """(id, title, summary, start year, end year, status, relation type, open) by id."""
    sql = (
        "SELECT id, title, summary, start_year, end_year, status, relation_type, "  # noqa: S608
        f"open_to_new_members FROM {_PARTNERSHIP} WHERE {_ids_clause('id', ids)} "
        "ORDER BY id"
    )
    return [(*row[:7], _flag(row[7])) for row in _wanted(_select(sql), ids)]


def project_rows(ids: Sequence[int]) -> list[tuple[Any, ...]]:
    """(id, title, summary, description, start year, end year, status, open, partnership id,
    the partnership's relation type, narratives, flagged as an example) by id."""
    sql = (
        "SELECT p.id, p.title, p.summary, p.description, p.start_date, p.end_date, "  # noqa: S608
        "p.status, p.open_to_new_members, p.partnership_id, pp.relation_type, p.narratives, "
        "e.id "
        f"FROM {_PROJECT} p LEFT JOIN {_PARTNERSHIP} pp ON pp.id = p.partnership_id "
        f"LEFT JOIN {_EXAMPLE} e ON e.project_id = p.id AND e.published "
        f"WHERE {_ids_clause('p.id', ids)} ORDER BY p.id"
    )
    return [
        (pid, title, summary, description, _year(start), _year(end), status, _flag(is_open),
         parent, relation, _json(narratives), example is not None)
        for pid, title, summary, description, start, end, status, is_open, parent, relation,
        narratives, example in _wanted(_select(sql), ids)
    ]  # fmt: skip


def _year(value: Any) -> int | None:
    """The year of a date column: a ``date`` on PostgreSQL, ``'YYYY-MM-DD'`` text on SQLite."""
    if value is None:
        return None
    return int(value[:4]) if isinstance(value, str) else int(value.year)


def _flag(value: Any) -> bool:
    return bool(value)  # 0/1 on SQLite


def _json(value: Any) -> object:
    """A JSON column (text on both engines: Django reads ``jsonb`` as text too)."""
    if value is None or value == "{}":
        return {}
    return json.loads(value) if isinstance(value, str | bytes) else value
