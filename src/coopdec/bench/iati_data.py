"""The varied IATI file of ``coopdec bench iati`` (pure: lxml and the interop layer only).

Templates are serialised once, with markers in place of the identifier, the first title
narrative and the recipient countries; each generated activity fills them in, so generating
100,000 activities costs string joins, not XML building.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from lxml import etree

# The valid samples; usaid-activity.xml (123 kB, 152 transactions) is left out: it alone would
# make a 100,000-activity file weigh 1.5 GB.
SAMPLE_FILES = (
    "acfspain/acfspain-bf.xml",
    "acfspain/acfspain-fr.xml",
    "acfspain/acfspain-ml.xml",
    "acfspain/acfspain-ne.xml",
    "acfspain/acfspain-sn.xml",
    "iati-flattener-fixtures/fcdo-activity.xml",
    "reference_examples/activity-standard-example-annotated.xml",
)
EXAMPLES = ("carmaux-koudougou-eau.yaml", "albigeois-chefchaouen-mobilite.json")
COUNTRIES = [
    "SN",
    "ML",
    "BF",
    "NE",
    "BJ",
    "TG",
    "CI",
    "GN",
    "MR",
    "MA",
    "TN",
    "DZ",
    "MG",
    "KM",
    "HT",
    "VN",
    "KH",
    "LA",
    "LB",
    "PS",
    "AM",
    "GE",
    "UA",
    "CM",
    "TD",
    "CD",
    "CG",
    "GA",
    "BI",
    "RW",
]
_ID = re.compile(r"(<iati-identifier>)\s*([^<]*?)\s*(</iati-identifier>)")
_TITLE = re.compile(r"(<title>\s*<narrative[^>]*>)([^<]*)(</narrative>)")
_COUNTRY = re.compile(r'(<recipient-country\b[^>]*?\bcode=")([A-Za-z]{2})(")')


def _sample_activities(samples: Path) -> list[str]:
    return [a for relative in SAMPLE_FILES for a in _activities(samples / relative)]


def _activities(path: Path) -> list[str]:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)
    root = etree.parse(str(path), parser).getroot()
    return [etree.tostring(a, encoding="unicode") for a in root.iter("iati-activity")]


def write_examples(out: Path) -> None:
    """The shipped project-file examples as an IATI file (needs Django: authorities, themes)."""
    from coopdec.assistant import load_project_file
    from coopdec.opendata.iati_export import export_project_files

    folder = Path(__file__).resolve().parents[1] / "assistant" / "examples"
    projects = [(name, load_project_file(folder / name)) for name in EXAMPLES]
    export_project_files(
        projects, out, today=date(2026, 1, 1), generated=datetime(2026, 1, 1, tzinfo=UTC)
    )


def _template(activity: str) -> list[str]:
    """``activity`` cut around its markers: [before id, id, ..., title, ..., country, ...]."""
    activity = _ID.sub(lambda m: f"{m.group(1)}\x00ID{m.group(2)}\x00{m.group(3)}", activity, 1)
    activity = _TITLE.sub(lambda m: f"{m.group(1)}\x00TI{m.group(2)}\x00{m.group(3)}", activity, 1)
    activity = _COUNTRY.sub(lambda m: f"{m.group(1)}\x00CC\x00{m.group(3)}", activity)
    return activity.split("\x00")


def _fill(parts: list[str], number: int) -> str:
    out = []
    country = 0
    for part in parts:
        if part.startswith("ID"):
            out.append(f"{part[2:]}-B{number:07d}")
        elif part.startswith("TI"):
            out.append(f"{part[2:]} (n° {number})")
        elif part == "CC":
            out.append(COUNTRIES[(number + 7 * country) % len(COUNTRIES)])
            country += 1
        else:
            out.append(part)
    return "".join(out)


def generate(path: Path, activities: int, examples: Path, samples: Path | None) -> dict[str, Any]:
    """Write ``activities`` varied activities to ``path``, from the activities of the file
    ``examples`` (see ``write_examples``) and of ``samples``; describe the mix."""
    sources = _activities(examples)
    if samples is not None:
        sources += _sample_activities(samples)
    templates = [_template(a) for a in sources]
    with path.open("w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        out.write('<iati-activities version="2.03" generated-datetime="2026-01-01T00:00:00Z">\n')
        for number in range(activities):
            out.write(_fill(templates[number % len(templates)], number))
            out.write("\n")
        out.write("</iati-activities>\n")
    return {
        "templates": len(templates),
        "from_samples": samples is not None,
        "average_activity_bytes": round(sum(map(len, map("".join, templates))) / len(templates)),
    }
