"""IATI codelists shipped in the package (embedded and non-embedded), with French names.

Codelist files are trusted package data, but they are parsed with the same hardened settings
as everything else: one parser configuration to reason about.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from typing import Any, cast

from lxml import etree

from coopdec.formats.i18n import _

CODELIST_DIR = "data/iati/codelists"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_FOLDERS = ("embedded", "non_embedded")


@dataclass(frozen=True, slots=True)
class CodelistItem:
    code: str
    names: dict[str, str] = field(hash=False)
    status: str = "active"
    category: str | None = None

    def name(self, lang: str = "fr") -> str:
        """The name in ``lang``, falling back to English, then to the code."""
        return self.names.get(lang) or self.names.get("en") or self.code


@dataclass(frozen=True, slots=True)
class Codelist:
    name: str
    items: dict[str, CodelistItem] = field(hash=False)
    category_codelist: str | None = None

    def __contains__(self, code: object) -> bool:
        return code in self.items

    def __len__(self) -> int:
        return len(self.items)

    def is_active(self, code: str) -> bool:
        """True for a known code that is not withdrawn."""
        item = self.items.get(code)
        return item is not None and item.status == "active"

    def label(self, code: str, lang: str = "fr") -> str:
        """The name of ``code`` in ``lang``; KeyError with a French message if unknown."""
        try:
            return self.items[code].name(lang)
        except KeyError:
            raise KeyError(
                _("code « %(code)s » absent de la liste IATI %(codelist)s")
                % {"code": code, "codelist": self.name}
            ) from None


def available_codelists() -> tuple[str, ...]:
    """Names of every shipped codelist."""
    root = files("coopdec").joinpath(CODELIST_DIR)
    return tuple(
        sorted(
            entry.name.removesuffix(".xml")
            for folder in _FOLDERS
            for entry in root.joinpath(folder).iterdir()
            if entry.name.endswith(".xml")
        )
    )


@cache
def load_codelist(name: str) -> Codelist:
    """Load a shipped codelist by its IATI name (e.g. "Sector", "OrganisationType"); cached."""
    root = files("coopdec").joinpath(CODELIST_DIR)
    for folder in _FOLDERS:
        resource = root.joinpath(folder, f"{name}.xml")
        if resource.is_file():
            return _parse(name, resource.read_bytes())
    raise LookupError(_("liste de codes IATI inconnue : %(name)s") % {"name": name})


def _parse(name: str, data: bytes) -> Codelist:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    root: Any = etree.fromstring(data, parser)
    default_lang = cast(str, root.get(_XML_LANG) or "en")
    items: dict[str, CodelistItem] = {}
    for item in root.iterfind("codelist-items/codelist-item"):
        code = (cast(str | None, item.findtext("code")) or "").strip()
        names = {
            cast(str, n.get(_XML_LANG) or default_lang): " ".join((n.text or "").split())
            for n in item.iterfind("name/narrative")
        }
        category = cast(str | None, item.findtext("category"))
        items[code] = CodelistItem(
            code=code,
            names=names,
            status=cast(str, item.get("status") or "active"),
            category=category.strip() if category else None,
        )
    return Codelist(
        name=name, items=items, category_codelist=cast(str | None, root.get("category-codelist"))
    )
