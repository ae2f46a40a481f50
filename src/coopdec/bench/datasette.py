"""Datasette's side of the benchmark: a facet table it can read, and the same queries.

Datasette facets columns of one table, so ``prepare_datasette`` writes the facet values of
every search document as plain and JSON-array columns (the values the API uses) into
``datasette_facets`` in the same SQLite file, keyed by the document id that FTS5 indexes:
Datasette then searches ``search_fts`` (``_fts_table``) and facets that table, with the same
words, filters and facets as our API. Datasette pages with keyset tokens, so every Datasette
request asks for the first page.
"""

from __future__ import annotations

import json

import numpy as np
from django.db import connection, transaction

from coopdec.catalogue.search.documents import ENCODED
from coopdec.catalogue.search.labels import Labels
from coopdec.catalogue.search.text import parse_text

SCALARS = ("type", "relation_type", "status", "open")
ARRAYS = ("theme", "sdg", "country", "zone", "authority", "authority_kind", "region",
          "departement")  # fmt: skip
_FILTER_COLUMN = {name: f"{name}s" for name in ARRAYS}


def prepare_datasette() -> int:
    labels = Labels()
    names = {name: labels.dimensions.get(name) for name in ENCODED}
    columns = ["id", "title", "start_year", "end_year", *SCALARS, *_FILTER_COLUMN.values()]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS datasette_facets")
        cursor.execute(
            "CREATE TABLE datasette_facets (id INTEGER PRIMARY KEY, title TEXT, start_year INT, "
            "end_year INT, type TEXT, relation_type TEXT, status TEXT, open TEXT, "
            + ", ".join(f"{c} TEXT" for c in _FILTER_COLUMN.values())
            + ")"
        )
        cursor.execute(
            'SELECT id, title, start_year, end_year, "values" FROM search_document '
            "WHERE NOT deleted"
        )
        rows = []
        for slot, title, start, end, blob in cursor.fetchall():
            flat = np.frombuffer(bytes(blob), "<i4").tolist()
            decoded: dict[str, list[str]] = {}
            position = 0
            for name in ENCODED:
                count = flat[position]
                stored = flat[position + 1 : position + 1 + count]
                position += 1 + count
                dimension = names[name]
                decoded[name] = [
                    dimension.to_value.get(v, str(v)) if dimension else str(v) for v in stored
                ]
            rows.append(
                (slot, title, start, end, *(decoded[n][0] if decoded[n] else None for n in SCALARS),
                 *(json.dumps(decoded[n]) for n in ARRAYS))
            )  # fmt: skip
        marks = ", ".join(["%s"] * len(columns))
        cursor.executemany(f"INSERT INTO datasette_facets VALUES ({marks})", rows)  # noqa: S608
    return len(rows)


def datasette_params(params: dict[str, str]) -> list[tuple[str, str]]:
    """Our search parameters as Datasette's (same words, filters and every facet)."""
    words = parse_text(params.get("q", ""))
    expression = " AND ".join(
        f'"{w.word}"*' if w.prefix else f'"{w.term}"' for w in words
    )  # fmt: skip
    out: list[tuple[str, str]] = [("_size", "20"), ("_fts_table", "search_fts"), ("_fts_pk", "id")]
    if expression:
        out += [("_search", expression), ("_searchmode", "raw")]
    out += [("_facet", name) for name in (*SCALARS, "start_year")]
    out += [("_facet_array", column) for column in _FILTER_COLUMN.values()]
    for name, value in params.items():
        if name in _FILTER_COLUMN:
            out.append((f"{_FILTER_COLUMN[name]}__arraycontains", value))
        elif name in SCALARS:
            out.append((name, value))
        elif name == "year_from":
            year = int(value)
            where = f"start_year is not null and (end_year is null or end_year >= {year})"
            out.append(("_where", where))
    return out
