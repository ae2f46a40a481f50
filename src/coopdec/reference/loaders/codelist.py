"""Read an IATI codelist XML file (items with English and French names)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lxml import etree

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass(frozen=True)
class CodelistItem:
    code: str
    name_en: str
    name_fr: str
    category: str
    active: bool


def read_codelist(path: Path) -> list[CodelistItem]:
    # Shipped, trusted files; still parsed without entity resolution or network access.
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    root = etree.parse(str(path), parser).getroot()
    items = []
    for item in root.iter("codelist-item"):
        names = {
            (n.get(XML_LANG) or "en"): " ".join((n.text or "").split())
            for n in item.findall("name/narrative")
        }
        items.append(
            CodelistItem(
                code=(item.findtext("code") or "").strip(),
                name_en=names.get("en", ""),
                name_fr=names.get("fr") or names.get("en", ""),
                category=(item.findtext("category") or "").strip(),
                active=item.get("status", "active") == "active",
            )
        )
    return items
