"""The guide's publications built from the same pages: full PDF, EPUB 3, 4-page synthesis.

One function per interface need: :func:`build` (the CLI writes its bytes, the site serves
them through :func:`build_cached`), :func:`editions` (what the download links show). Every
output carries the coopdec version and the edition date (the latest page review).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import dataclass
from functools import cache
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version
from pathlib import Path
from typing import Any

import typst
from django.utils import translation
from django.utils.translation import gettext as _

from coopdec.guide import services
from coopdec.guide.content import load_guide
from coopdec.guide.epub import EpubWords, build_epub
from coopdec.guide.typst_data import Labels, guide_data, synthesis_data

FORMATS = ("pdf", "epub", "synthesis")
MEDIA_TYPES = {"pdf": "application/pdf", "epub": "application/epub+zip",
               "synthesis": "application/pdf"}  # fmt: skip
TYPST = Path(__file__).resolve().parent / "templates" / "typst"

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Edition:
    format: str
    lang: str
    content: bytes
    media_type: str
    filename: str
    version: str
    date: dt.date


def coopdec_version() -> str:
    try:
        return package_version("coopdec")
    except PackageNotFoundError:  # running from a source tree without installation
        return "0+unknown"


def _labels() -> Labels:
    return Labels(
        uncertain=_("à vérifier"),
        rule=_("règle"),
        part=_("Partie"),
        reviewed=_("Dernière relecture :"),
        sources=_("Sources"),
        verified=_("vérifié"),
        to_check=_("à vérifier"),
        rules_title=_("Les règles du moteur"),
        rules_intro=_(
            "Chaque règle du moteur de coopdec et la section du guide qui l'explique. Le moteur "
            "vérifie un projet à la date du droit choisie ; ses paramètres datés figurent dans "
            "la documentation des règles."
        ),
        explained_in=_("Expliquée dans :"),
        contents=_("Sommaire"),
        edition=_("édition coopdec"),
    )


def _words() -> EpubWords:
    labels = _labels()
    return EpubWords(
        uncertain=labels.uncertain,
        contents=labels.contents,
        reviewed=labels.reviewed,
        sources=labels.sources,
        verified=labels.verified,
        to_check=labels.to_check,
        rules_title=labels.rules_title,
        rules_intro=labels.rules_intro,
        explained_in=labels.explained_in,
        programmes_title=_("Programmes de financement cités"),
        part=labels.part,
        edition=labels.edition,
        anchor=_("Lien vers la section « %(title)s »"),
    )


def _typst(template: str, key: str, data: dict[str, Any], date: dt.date) -> bytes:
    pdf, warnings = typst.compile_with_warnings(
        str(TYPST / template),
        root=str(TYPST),
        sys_inputs={key: json.dumps(data, ensure_ascii=False)},
        ignore_system_fonts=True,
        timestamp=dt.datetime(date.year, date.month, date.day, tzinfo=dt.UTC),
    )
    for warning in warnings:
        logger.warning("typst: %s", warning)
    if not isinstance(pdf, bytes):
        raise TypeError("typst returned no PDF")
    return pdf


def build(fmt: str, lang: str = "fr") -> Edition:
    """Build one publication of the guide in one language."""
    if fmt not in FORMATS:
        raise ValueError(
            _("Format inconnu : « %(fmt)s » (attendus : %(formats)s).")
            % {"fmt": fmt, "formats": ", ".join(FORMATS)}
        )
    lang = services.language(lang)
    guide = load_guide(lang)
    version = coopdec_version()
    date = guide.reviewed
    with translation.override(lang):
        rules = services.rules_reference(lang)
        if fmt == "epub":
            content = build_epub(guide, _words(), rules, version=version, date=date)
        elif fmt == "pdf":
            data = guide_data(guide, _labels(), rules, version=version, date_text=date.isoformat())
            content = _typst("guide.typ", "guide", data, date)
        else:
            data = synthesis_data(
                guide, _labels(), rules, title=_("Synthèse du guide"), version=version,
                date_text=date.isoformat(), cycle_title=_("Le cycle de projet"),
            )  # fmt: skip
            content = _typst("synthesis.typ", "synthesis", data, date)
    stem = "guide-synthese" if fmt == "synthesis" else "guide"
    extension = "epub" if fmt == "epub" else "pdf"
    filename = f"coopdec-{stem}-{lang}-{version}-{date.isoformat()}.{extension}"
    return Edition(fmt, lang, content, MEDIA_TYPES[fmt], filename, version, date)


@cache
def build_cached(fmt: str, lang: str) -> Edition:
    """:func:`build`, once per process: the pages ship with the code and do not change."""
    return build(fmt, lang)


def editions(lang: str | None = None) -> list[dict[str, str]]:
    """The download links of the reader: format, label, and version and date."""
    lang = services.language(lang)
    date = load_guide(lang).reviewed
    detail = _("%(kind)s — version %(version)s du %(date)s")
    labels = {
        "pdf": (_("Le guide complet (PDF)"), "PDF"),
        "epub": (_("Le guide complet (EPUB)"), "EPUB"),
        "synthesis": (_("La synthèse en 4 pages (PDF)"), "PDF"),
    }
    return [
        {
            "format": fmt,
            "label": labels[fmt][0],
            "detail": detail
            % {"kind": labels[fmt][1], "version": coopdec_version(), "date": date.isoformat()},
        }
        for fmt in FORMATS
    ]
