"""The guide as an EPUB 3 file, written with the standard library (pure).

An EPUB is a zip with a fixed layout: an uncompressed ``mimetype`` first, a container file
pointing to the package document (OPF: metadata, manifest, spine), a navigation document,
and XHTML pages. Writing those few files directly keeps the output reproducible (fixed dates
in the zip) and avoids a dependency; the tests check the structure, and run epubcheck when
the machine has it.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass
from html import escape
from typing import Any
from urllib.parse import quote

from coopdec.guide import links
from coopdec.guide.content import Guide
from coopdec.guide.render_html import Link, render_blocks

XHTML_NS = "http://www.w3.org/1999/xhtml"
EPUB_NS = "http://www.idpf.org/2007/ops"
CSS = """body { font-family: serif; line-height: 1.4; }
h1, h2, h3 { font-family: sans-serif; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #888; padding: 0.2em 0.4em; vertical-align: top; }
.fr-callout { background: #eee; padding: 0.5em; }
.fr-badge { font-weight: bold; }
.coopdec-guide-anchor { display: none; }
.coopdec-checklist { list-style: none; }
"""


@dataclass(frozen=True)
class EpubWords:
    """Words the EPUB prints that are not content (translated by the caller)."""

    uncertain: str
    contents: str
    reviewed: str
    sources: str
    verified: str
    to_check: str
    rules_title: str
    rules_intro: str
    explained_in: str
    programmes_title: str
    part: str
    edition: str
    anchor: str  # "Link to the section « %(title)s »"


def _uri(url: str) -> str:
    """A source URL as a valid IRI: quotes and other unsafe characters percent-encoded."""
    return quote(url, safe=":/?&=%#+,;@~!$'()*[]-._")


def page_file(page_id: str) -> str:
    return f"{page_id}.xhtml"


@dataclass(frozen=True)
class EpubResolver:
    guide: Guide
    words: EpubWords

    def resolve(self, kind: str, target: str) -> Link:
        if kind == "rule":
            return Link("references.xhtml#" + links.rule_anchor(target), target)
        if kind == "programme":
            record = links.programme(target) or {}
            return Link(
                "references.xhtml#" + links.programme_anchor(target),
                str(record.get("name") or target),
            )
        if kind == "theme":
            return Link("", links.themes().get(target, {}).get(self.guide.lang, target))
        page_id, _, anchor = target.partition("#")
        page = self.guide.page(page_id)
        url = page_file(page_id) + (f"#{anchor}" if anchor else "")
        return Link(url, page.title if page else page_id)

    def uncertain_label(self) -> str:
        return self.words.uncertain

    def anchor_label(self, title: str) -> str:
        return self.words.anchor % {"title": title}


def _xhtml(title: str, body: str, lang: str, *, nav: bool = False) -> str:
    epub_ns = f' xmlns:epub="{EPUB_NS}"' if nav else ""
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n'
        f'<html xmlns="{XHTML_NS}"{epub_ns} xml:lang="{lang}" lang="{lang}">\n'
        f'<head><meta charset="utf-8"/><title>{escape(title)}</title>'
        '<link rel="stylesheet" type="text/css" href="style.css"/></head>\n'
        f"<body>\n{body}\n</body>\n</html>\n"
    )


def _page_body(guide: Guide, page_id: str, words: EpubWords) -> str:
    page = guide.page(page_id)
    if page is None:
        raise LookupError(page_id)
    resolver = EpubResolver(guide, words)
    sources = "".join(
        f'<li><a href="{escape(_uri(s.url))}">{escape(s.label)}</a> — '
        f"{escape(words.verified if s.confidence == 'verified' else words.to_check)}</li>"
        for s in page.sources
    )
    return (
        f'<section id="top"><h1>{escape(page.title)}</h1>'
        f"<p><em>{escape(words.reviewed)} {page.reviewed.isoformat()}</em></p>"
        f"{render_blocks(page.blocks, resolver)}"
        f"<h2>{escape(words.sources)}</h2><ul>{sources}</ul></section>"
    )


def _references_body(guide: Guide, words: EpubWords, rules: list[dict[str, Any]]) -> str:
    explained = links.explaining_sections(guide)
    parts = [f"<h1>{escape(words.rules_title)}</h1><p>{escape(words.rules_intro)}</p>"]
    for rule in rules:
        target = explained.get(rule["id"])
        link = (
            f'<p>{escape(words.explained_in)} <a href="{page_file(target.page)}#{target.anchor}">'
            f"{escape(guide.page(target.page).title)}</a></p>"  # type: ignore[union-attr]
            if target
            else ""
        )
        parts.append(
            f'<section id="{links.rule_anchor(rule["id"])}"><h2>{escape(rule["id"])} — '
            f"{escape(rule['title'])}</h2><p>{escape(rule['description'])}</p>{link}</section>"
        )
    parts.append(f"<h1>{escape(words.programmes_title)}</h1><ul>")
    for programme_id in links.cited_programmes(guide):
        record = links.programme(programme_id) or {}
        parts.append(
            f'<li id="{links.programme_anchor(programme_id)}">'
            f"<strong>{escape(str(record.get('name') or programme_id))}</strong> — "
            f"{escape(str(record.get('funder') or ''))}</li>"
        )
    parts.append("</ul>")
    return "".join(parts)


def build_epub(
    guide: Guide,
    words: EpubWords,
    rules: list[dict[str, Any]],
    *,
    version: str,
    date: dt.date,
) -> bytes:
    """The EPUB 3 bytes of the whole guide, dated ``date`` (also the files' zip dates)."""
    lang = guide.lang
    edition = f"{words.edition} {version} — {date.isoformat()}"
    files: dict[str, str] = {}
    title_body = (
        f"<section><h1>{escape(guide.title)}</h1><p>{escape(edition)}</p>"
        f"<p>{escape(guide.intro)}</p></section>"
    )
    files["title.xhtml"] = _xhtml(guide.title, title_body, lang)
    for page in guide.pages:
        files[page_file(page.id)] = _xhtml(page.title, _page_body(guide, page.id, words), lang)
    files["references.xhtml"] = _xhtml(
        words.rules_title, _references_body(guide, words, rules), lang
    )
    toc = []
    for number, part_title in sorted(guide.parts.items()):
        items = "".join(
            f'<li><a href="{page_file(p.id)}">{escape(p.title)}</a></li>'
            for p in guide.pages_of(number)
        )
        toc.append(
            f'<li><a href="{page_file(guide.pages_of(number)[0].id)}">'
            f"{escape(words.part)} {number} — {escape(part_title)}</a><ol>{items}</ol></li>"
        )
    toc.append(f'<li><a href="references.xhtml">{escape(words.rules_title)}</a></li>')
    nav_body = (
        f'<nav epub:type="toc" id="toc"><h1>{escape(words.contents)}</h1>'
        f'<ol><li><a href="title.xhtml">{escape(guide.title)}</a></li>{"".join(toc)}</ol></nav>'
    )
    files["nav.xhtml"] = _xhtml(words.contents, nav_body, lang, nav=True)

    order = ["title.xhtml", *(page_file(p.id) for p in guide.pages), "references.xhtml"]
    manifest = [
        '<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>',
        '<item id="css" href="style.css" media-type="text/css"/>',
    ]
    for index, name in enumerate(order):
        manifest.append(f'<item id="f{index}" href="{name}" media-type="application/xhtml+xml"/>')
    spine = "".join(f'<itemref idref="f{index}"/>' for index in range(len(order)))
    identifier = f"urn:coopdec:guide:{lang}:{version}:{date.isoformat()}"
    opf = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid" '
        f'xml:lang="{lang}">\n<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f'<dc:identifier id="uid">{identifier}</dc:identifier>'
        f"<dc:title>{escape(guide.title)}</dc:title><dc:language>{lang}</dc:language>"
        f"<dc:creator>coopdec</dc:creator><dc:date>{date.isoformat()}</dc:date>"
        f"<dc:description>{escape(edition)}</dc:description>"
        f'<meta property="dcterms:modified">{date.isoformat()}T00:00:00Z</meta>'
        f"</metadata>\n<manifest>{''.join(manifest)}</manifest>\n"
        f"<spine>{spine}</spine>\n</package>\n"
    )
    container = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">'
        '<rootfiles><rootfile full-path="OEBPS/content.opf" '
        'media-type="application/oebps-package+xml"/></rootfiles></container>\n'
    )
    stamp = (date.year, date.month, date.day, 0, 0, 0)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype", stamp), "application/epub+zip",
                         compress_type=zipfile.ZIP_STORED)  # fmt: skip
        entries = {"META-INF/container.xml": container, "OEBPS/content.opf": opf,
                   "OEBPS/style.css": CSS}  # fmt: skip
        entries.update({f"OEBPS/{name}": text for name, text in files.items()})
        for name, text in entries.items():
            archive.writestr(zipfile.ZipInfo(name, stamp), text.encode("utf-8"),
                             compress_type=zipfile.ZIP_DEFLATED)  # fmt: skip
    return buffer.getvalue()
