"""The guide for every interface: pages, table of contents, search, links to the engines.

Web views, API routes and CLI commands call these functions; the content, parser, links and
search underneath are pure modules of this package.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from coopdec import assistant
from coopdec.guide import links
from coopdec.guide.content import LANGUAGES, Guide, Page, load_guide
from coopdec.guide.render_html import Link, render_blocks
from coopdec.guide.search import Hit
from coopdec.guide.search import search as search_sections
from coopdec.languages import assistant_messages, speaking


def language(lang: str | None = None) -> str:
    """The guide's language: the one asked, else the active one, else French."""
    lang = (lang or get_language() or "fr")[:2]
    return lang if lang in LANGUAGES else "fr"


def guide(lang: str | None = None) -> Guide:
    return load_guide(language(lang))


def page_url(page_id: str, anchor: str = "") -> str:
    url = reverse("guide:page", args=[page_id])
    return f"{url}#{anchor}" if anchor else url


def rule_guide_url(rule_id: str) -> str | None:
    """URL of the guide section that explains a rule of the engine (None if there is none).

    Page ids and anchors are the same in every language: the reader's language is the
    page's, so the link is the same for everybody."""
    target = links.explaining_sections(load_guide("fr")).get(rule_id)
    return page_url(target.page, target.anchor) if target else None


def step_guide_url(step_slug: str) -> str | None:
    """URL of the section of the project-cycle page for a workspace step."""
    target = links.step_section(load_guide("fr"), step_slug)
    return page_url(target.page, target.anchor) if target else None


def rule_reference_url(rule_id: str) -> str:
    return reverse("guide:references") + "#" + links.rule_anchor(rule_id)


@dataclass(frozen=True)
class WebResolver:
    """References of the content as links of this site."""

    lang: str

    def resolve(self, kind: str, target: str) -> Link:
        if kind == "rule":
            return Link(rule_reference_url(target), target)
        if kind == "programme":
            record = links.programme(target) or {}
            url = reverse("guide:references") + "#" + links.programme_anchor(target)
            return Link(url, str(record.get("name") or target))
        if kind == "theme":
            label = links.themes().get(target, {}).get(self.lang, target)
            return Link(reverse("web:catalogue") + f"?theme={target}", label)
        page_id, _sep, anchor = target.partition("#")
        found = load_guide(self.lang).page(page_id)
        return Link(page_url(page_id, anchor), found.title if found else page_id)

    def uncertain_label(self) -> str:
        return _("à vérifier")

    def anchor_label(self, title: str) -> str:
        return _("Lien vers la section « %(title)s »") % {"title": title}


def table_of_contents(lang: str | None = None) -> list[dict[str, Any]]:
    """Parts, their pages and each page's sections, in reading order."""
    current = guide(lang)
    return [
        {
            "number": number,
            "title": title,
            "pages": [
                {
                    "id": page.id,
                    "title": page.title,
                    "summary": page.summary,
                    "url": page_url(page.id),
                    "reviewed": page.reviewed,
                    "sections": [
                        {"anchor": s.anchor, "title": s.title, "level": s.level}
                        for s in page.sections
                    ],
                }
                for page in current.pages_of(number)
            ],
        }
        for number, title in sorted(current.parts.items())
    ]


def page_html(page: Page) -> str:
    return render_blocks(page.blocks, WebResolver(page.lang))


def read_page(page_id: str, lang: str | None = None) -> dict[str, Any] | None:
    """One page for the reader: HTML, sections, previous and next pages, sources, date."""
    current = guide(lang)
    page = current.page(page_id)
    if page is None:
        return None
    index = current.pages.index(page)
    previous = current.pages[index - 1] if index > 0 else None
    following = current.pages[index + 1] if index + 1 < len(current.pages) else None
    return {
        "page": page,
        "part_title": current.parts[page.part],
        "html": page_html(page),
        "sections": list(page.sections),
        "previous": previous,
        "next": following,
        "sources": page.sources,
        "reviewed": page.reviewed,
    }


def search(query: str, lang: str | None = None) -> list[Hit]:
    """Sections of the guide that hold every word of the query."""
    return search_sections(query, language(lang)) if query.strip() else []


def rules_reference(lang: str | None = None) -> list[dict[str, Any]]:
    """Every rule of the engine with its sources, dates, confidence and guide section (its
    title and description in the guide's language)."""
    with speaking(language(lang)), assistant_messages():
        rules = assistant.list_rules()
    return [
        {
            "id": rule.id,
            "anchor": links.rule_anchor(rule.id),
            "title": rule.title,
            "description": rule.description,
            "sources": rule.sources,
            "valid_from": rule.valid_from,
            "valid_to": rule.valid_to,
            "confidence": rule.confidence,
            "guide_url": rule_guide_url(rule.id),
        }
        for rule in rules
    ]


def programmes_reference(lang: str | None = None) -> list[dict[str, Any]]:
    """The funding programmes the guide cites, with funder and source."""
    rows = []
    for programme_id in links.cited_programmes(guide(lang)):
        record: dict[str, Any] = dict(links.programme(programme_id) or {})
        sources = list(record.get("sources") or [])
        rows.append(
            {
                "id": programme_id,
                "anchor": links.programme_anchor(programme_id),
                "name": record.get("name") or programme_id,
                "funder": record.get("funder") or "",
                "url": record.get("url") or (sources[0] if sources else ""),
                "confidence": record.get("confidence") or "",
            }
        )
    return rows


def page_json(page: Page) -> dict[str, Any]:
    """A page for the API: metadata, sections with their Markdown-free text, sources."""
    return {
        "id": page.id,
        "lang": page.lang,
        "title": page.title,
        "part": page.part,
        "reviewed": page.reviewed.isoformat(),
        "summary": page.summary,
        "url": page_url(page.id),
        "sections": [
            {"anchor": s.anchor, "title": s.title, "url": page_url(page.id, s.anchor)}
            for s in page.sections
        ],
        "explains": {
            rule_id: page_url(page.id, anchor) for rule_id, anchor in page.explains.items()
        },
        "sources": [
            {"label": s.label, "url": s.url, "confidence": s.confidence} for s in page.sources
        ],
    }


def edition_date(lang: str | None = None) -> dt.date:
    """The date an edition carries: the latest review of any page."""
    return guide(lang).reviewed
