"""Helpers of the import tests: files written in tmp_path, and table counts to prove that a
refused import wrote nothing."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import pytest

from coopdec.catalogue.models import (
    ForeignAuthority,
    FrenchAuthority,
    ImportBatch,
    Partnership,
    Project,
)

HEADER = (
    "id,french_authority_name,french_authority_kind,french_authority_code,partner_name,"
    "partner_country_iso2,relation_type,themes,start_year,end_year,title,summary,"
    "open_to_new_members,funders,source_url,source_date"
)


def snapshot() -> dict[str, int]:
    """Rows of every table an import writes (links included)."""
    counts = {
        model.__name__: model._default_manager.count()
        for model in (Partnership, Project, ForeignAuthority, FrenchAuthority, ImportBatch)
    }
    for model in (Partnership, Project):
        for field in ("french_authorities", "foreign_authorities", "themes"):
            through = getattr(model, field).through
            counts[f"{model.__name__}.{field}"] = through.objects.count()
    return counts


@pytest.fixture
def write_file(tmp_path: Path) -> Callable[..., Path]:
    """write_file("name.csv", lines, encoding="utf-8", separator=",") -> path."""

    def write(
        name: str, lines: list[str], *, encoding: str = "utf-8", separator: str = ","
    ) -> Path:
        text = "\n".join(lines) + "\n"
        if separator != ",":  # re-quote as a spreadsheet would, e.g. "eau;sante" with ";"
            buffer = io.StringIO()
            csv.writer(buffer, delimiter=separator, lineterminator="\n").writerows(
                csv.reader(io.StringIO(text))
            )
            text = buffer.getvalue()
        path = tmp_path / name
        path.write_bytes(text.encode(encoding))
        return path

    return write
