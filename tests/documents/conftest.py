"""A realistic project: a commune of the Tarn with a commune of Burkina Faso, water and
sanitation, financed by own cash and in-kind, the 1 % eau and a DCTCIV call."""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
from typing import Any

import docx
import pytest
from pypdf import PdfReader

from coopdec.projectfile import ProjectFile, parse_project

TODAY = dt.date(2026, 3, 12)

PROJECT: dict[str, Any] = {
    "coopdec_project": 1,
    "title": "Accès à l'eau potable et à l'assainissement à Réo",
    "description": (
        "Réhabilitation de forages, construction de latrines publiques et renforcement du "
        "service municipal de l'eau."
    ),
    "objectives": ["Réhabiliter 12 forages", "Former 20 agents du service de l'eau"],
    "lead_authority": {"kind": "commune", "code": "81099"},  # Gaillac (Tarn)
    "co_authorities": [{"kind": "epci", "code": "200066124"}],  # CA Gaillac-Graulhet
    "partners": [
        {"name": "Commune de Réo", "country": "BF", "kind": "local_authority", "area": "Sanguié"}
    ],
    "themes": ["eau_assainissement", "sante"],
    "sdg_targets": ["6.1", "6.2"],
    "start_date": "2026-01-01",
    "end_date": dt.date(2028, 12, 31),
    "instruments": {
        "convention": {"signed": False, "transmitted_to_prefect": False},
        "deliberation": {"adopted": True, "adopted_on": "2025-11-20"},
        "twinning": True,
    },
    "budget": {"currency": "EUR", "total": "125000", "monitoring_evaluation": 6250},
    "financing": [
        {"source": "own_cash", "amount": 32500},
        {"source": "own_in_kind", "amount": "10000.00"},
        {"source": "one_percent", "service": "eau_assainissement", "amount": 20000},
        {"source": "program", "program": "dctciv-aap-generaliste", "amount": 52500},
        {"source": "partner", "amount": 10000},
    ],
    "service_budgets": {"eau_assainissement": 2500000},
}

# Narrow no-break space between thousands, no-break space before the euro sign.
FIGURES = ("125\u202f000,00\u00a0€", "32\u202f500,00\u00a0€", "52\u202f500,00\u00a0€")


@pytest.fixture
def project() -> dict[str, Any]:
    return copy.deepcopy(PROJECT)


def parsed(data: dict[str, Any]) -> ProjectFile:
    """The documents take a parsed project file; fragments get the format version."""
    return parse_project({"coopdec_project": 1, **data})


def docx_text(data: bytes) -> str:
    """Every piece of text a reader sees: body, tables (nested too), headers, footers."""
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    for section in document.sections:
        parts += [p.text for p in section.footer.paragraphs]
        parts += [p.text for p in section.header.paragraphs]
    return "\n".join(parts)


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def flat(text: str) -> str:
    """Line breaks and ordinary spaces collapsed; no-break spaces are kept, they are part
    of the figures under test."""
    return re.sub(r"[ \t\r\n]+", " ", text)


PLACEHOLDERS = re.compile(
    r"\{\{|\}\}|\[à compléter|TODO|XXX|\bNone\b|\bnan\b|\{[a-z_]+\}", re.IGNORECASE
)
