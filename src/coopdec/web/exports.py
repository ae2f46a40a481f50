"""Downloads of the current result set (every page of it) as CSV and JSON, streamed.

Same parameters as the page, same search service: what is downloaded is exactly what the
page lists. The CSV is made for the spreadsheet of a French office: semicolon-separated (the
list separator of French Excel, which opens a comma file as one column) with a UTF-8
byte-order mark (without it Excel reads the accents as Windows-1252), lists joined by " | ";
re-users who want RFC 4180 commas take the open-data export (``/api/v1/export/catalogue.csv``).
Links to the pages are absolute, so they still work once the file is copied elsewhere. The
JSON has the fields of ``GET /api/v1/search`` results.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import asdict, replace

from django.urls import reverse
from django.utils.translation import gettext as _

from coopdec.catalogue.search import Hit, SearchQuery, search
from coopdec.catalogue.search.query import MAX_PAGE_SIZE
from coopdec.formats.spreadsheets import csv_row

SEPARATOR = " | "
DELIMITER = ";"


def hits(query: SearchQuery) -> Iterator[Hit]:
    """Every hit of the query, page after page, in the page's order."""
    page = replace(query, page=1, page_size=MAX_PAGE_SIZE, facet_limit=0)
    while True:
        result = search(page)
        yield from result.results
        if page.page >= result.pages:
            return
        page = replace(page, page=page.page + 1)


def page_path(hit: Hit) -> str:
    view = "web:partnership" if hit.type == "partnership" else "web:project"
    return reverse(view, kwargs={"pk": hit.id})


def csv_lines(query: SearchQuery, absolute: Callable[[str], str] = str) -> Iterator[str]:
    """The CSV, line by line; ``absolute`` turns a page's path into its full address."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=DELIMITER)

    def flush() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    writer.writerow(
        [
            _("type"), _("identifiant"), _("titre"), _("collectivités françaises"),
            _("partenaires"), _("pays (ISO)"), _("pays"), _("thèmes"), _("début"), _("fin"),
            _("statut"), _("type de relation"), _("ouvert à de nouvelles collectivités"),
            _("page"), _("exemple de bonne pratique"),
        ]
    )  # fmt: skip
    yield "\ufeff" + flush()
    for hit in hits(query):
        writer.writerow(
            csv_row(  # third-party titles and names: no live formula (formats.spreadsheets)
                [
                    hit.type, hit.id, hit.title,
                    SEPARATOR.join(a.label for a in hit.french_authorities),
                    SEPARATOR.join(hit.foreign_authorities),
                    SEPARATOR.join(c.value for c in hit.countries),
                    SEPARATOR.join(c.label for c in hit.countries),
                    SEPARATOR.join(t.label for t in hit.themes),
                    hit.start_year or "", hit.end_year or "", hit.status.label,
                    hit.relation_type.label, _("oui") if hit.open_to_new_members else _("non"),
                    absolute(page_path(hit)), _("oui") if hit.example else _("non"),
                ]
            )
        )  # fmt: skip
        yield flush()


def json_chunks(query: SearchQuery, absolute: Callable[[str], str] = str) -> Iterator[str]:
    """``{"query": {...}, "results": [...], "total": n}``, written as it is read."""
    yield '{"query": ' + json.dumps(query.to_params(), ensure_ascii=False) + ', "results": ['
    count = 0
    for hit in hits(query):
        row = {**asdict(hit), "url": hit.api_path, "page": absolute(page_path(hit))}
        row.pop("score", None)
        yield ("," if count else "") + json.dumps(row, ensure_ascii=False)
        count += 1
    yield f'], "total": {count}}}'
