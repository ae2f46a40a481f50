"""The code lists a project file is checked against, read from the shipped reference data.

Files are parsed once per process: they are versioned with the code and never change while
it runs. Nothing here touches a database, so parsing stays pure (the CLI needs no database).
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, cast

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
REFERENCE_DIR = DATA_DIR / "reference"


@lru_cache(maxsize=1)
def country_codes() -> frozenset[str]:
    """ISO 3166-1 alpha-2 codes (``data/countries/codes.json``)."""
    rows = json.loads((DATA_DIR / "countries" / "codes.json").read_text(encoding="utf-8"))
    return frozenset(str(row[0]) for row in rows)


@lru_cache(maxsize=1)
def sdg_target_codes() -> frozenset[str]:
    """The 169 SDG target codes ("6.1", "6.a", ...) from the IATI UNSDG-Targets codelist."""
    # A regular expression is enough for this shipped, trusted codelist and avoids an XML parser
    # (and its entity-expansion hazards) in the pure layer.
    text = (DATA_DIR / "sdg" / "UNSDG-Targets.xml").read_text(encoding="utf-8")
    return frozenset(re.findall(r"<code>\s*([^<\s]+)\s*</code>", text))


@lru_cache(maxsize=1)
def funding_data() -> dict[str, Any]:
    """``reference/funding_programs.yaml`` as read (the finder's source of programmes)."""
    import yaml  # local import keeps module import cheap for callers that never need data

    with (REFERENCE_DIR / "funding_programs.yaml").open(encoding="utf-8") as handle:
        return cast(dict[str, Any], yaml.safe_load(handle))


@lru_cache(maxsize=1)
def programs_by_id() -> dict[str, dict[str, Any]]:
    """Every funding programme by its id."""
    return {str(p["id"]): p for p in funding_data()["programs"]}


def canonical_program_id(program_id: str) -> str:
    """Map a legacy ``daect-...`` id to its ``dctciv-...`` form (the two names are one funder)."""
    if program_id.startswith("daect-"):
        return "dctciv-" + program_id[len("daect-") :]
    return program_id
