"""The guide as plain data for the Typst templates (pure).

As in ``coopdec.documents``, content travels to Typst as JSON in ``sys.inputs`` and the
templates turn every string into text with ``text()``: nothing written in the guide is ever
read as Typst markup. References become internal links to labels of the same PDF (a page's
section, the rules appendix) or plain text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from coopdec.guide import links
from coopdec.guide.content import Guide
from coopdec.guide.markup import Block, Span


@dataclass(frozen=True)
class Labels:
    """Words the PDF prints that are not content (translated by the caller)."""

    uncertain: str
    rule: str
    part: str
    reviewed: str
    sources: str
    verified: str
    to_check: str
    rules_title: str
    rules_intro: str
    explained_in: str
    contents: str
    edition: str


def label_key(page_id: str, anchor: str = "") -> str:
    return f"{page_id}--{anchor}" if anchor else page_id


def spans_data(spans: tuple[Span, ...], guide: Guide, labels: Labels) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for span in spans:
        if span.kind in ("text", "strong", "em"):
            out.append({"kind": span.kind, "text": span.text})
        elif span.kind == "link":
            out.append({"kind": "link", "text": span.text, "url": span.target})
        else:
            kind, _, target = span.target.partition(":")
            if kind == "uncertain":
                out.append({"kind": "strong", "text": f"[{labels.uncertain}]"})
            elif kind == "rule":
                out.append(
                    {
                        "kind": "internal",
                        "text": span.text or f"{labels.rule} {target}",
                        "label": "rule-" + links.rule_anchor(target),
                    }
                )
            elif kind == "page":
                page_id, _, anchor = target.partition("#")
                page = guide.page(page_id)
                text = span.text or (page.title if page else page_id)
                out.append({"kind": "internal", "text": text, "label": label_key(page_id, anchor)})
            elif kind == "programme":
                record = links.programme(target) or {}
                out.append({"kind": "text", "text": span.text or str(record.get("name", target))})
            else:  # theme
                label = links.themes().get(target, {}).get(guide.lang, target)
                out.append({"kind": "text", "text": span.text or label})
    return out


def block_data(block: Block, page_id: str, guide: Guide, labels: Labels) -> dict[str, Any]:
    data: dict[str, Any] = {"kind": block.kind}
    if block.kind == "heading":
        data.update(level=block.level, key=label_key(page_id, block.anchor))
    data["spans"] = spans_data(block.spans, guide, labels)
    data["items"] = [spans_data(item, guide, labels) for item in block.items]
    data["rows"] = [[spans_data(cell, guide, labels) for cell in row] for row in block.rows]
    return data


def guide_data(
    guide: Guide,
    labels: Labels,
    rules: list[dict[str, Any]],
    *,
    version: str,
    date_text: str,
) -> dict[str, Any]:
    """Everything the full-guide template prints."""
    explained = links.explaining_sections(guide)
    parts = []
    for number, title in sorted(guide.parts.items()):
        pages = []
        for page in guide.pages_of(number):
            pages.append(
                {
                    "key": page.id,
                    "title": page.title,
                    "reviewed": f"{labels.reviewed} {page.reviewed.isoformat()}",
                    "blocks": [block_data(b, page.id, guide, labels) for b in page.blocks],
                    "sources": [
                        {
                            "label": s.label,
                            "url": s.url,
                            "mark": labels.verified
                            if s.confidence == "verified"
                            else labels.to_check,
                        }
                        for s in page.sources
                    ],
                }
            )
        parts.append({"title": f"{labels.part} {number} — {title}", "pages": pages})
    rule_rows = []
    for rule in rules:
        target = explained.get(rule["id"])
        found = guide.page(target.page) if target else None
        section = (
            next((s for s in found.sections if s.anchor == target.anchor), None)
            if found and target
            else None
        )
        rule_rows.append(
            {
                "id": rule["id"],
                "key": "rule-" + links.rule_anchor(rule["id"]),
                "title": rule["title"],
                "description": rule["description"],
                "section": section.title if section else "",
                "section_key": label_key(target.page, target.anchor) if target else "",
            }
        )
    return {
        "title": guide.title,
        "intro": guide.intro,
        "edition": f"{labels.edition} {version} — {date_text}",
        "labels": {
            "sources": labels.sources,
            "rules_title": labels.rules_title,
            "rules_intro": labels.rules_intro,
            "explained_in": labels.explained_in,
            "contents": labels.contents,
        },
        "lang": guide.lang,
        "parts": parts,
        "rules": rule_rows,
    }


# The synthesis repeats two tables of part 2 as they are written in the guide.
SYNTHESIS_TABLES = (("un-pour-cent", "mecanismes"), ("appels-du-ministere", "taux"))


def _section_table(guide: Guide, page_id: str, anchor: str, labels: Labels) -> dict[str, Any]:
    page = guide.page(page_id)
    section = next((s for s in page.sections if s.anchor == anchor), None) if page else None
    if page is None or section is None:
        raise LookupError(f"{page_id}#{anchor}")
    table = next(b for b in section.blocks if b.kind == "table")
    return {
        "title": f"{page.title} — {section.title}",
        "rows": [[spans_data(cell, guide, labels) for cell in row] for row in table.rows],
    }


def synthesis_data(
    guide: Guide,
    labels: Labels,
    rules: list[dict[str, Any]],
    *,
    title: str,
    version: str,
    date_text: str,
    cycle_title: str,
) -> dict[str, Any]:
    """The four-page synthesis: one page per part, the project cycle, the rules at a glance."""
    cycle = guide.page(links.CYCLE_PAGE)
    return {
        "title": title,
        "guide_title": guide.title,
        "intro": guide.intro,
        "edition": f"{labels.edition} {version} — {date_text}",
        "lang": guide.lang,
        "parts": [
            {
                "title": f"{labels.part} {number} — {part_title}",
                "pages": [
                    {
                        "title": p.title,
                        "summary": p.summary,
                        "sections": [s.title for s in p.sections if s.level == 2],
                    }
                    for p in guide.pages_of(number)
                ],
            }
            for number, part_title in sorted(guide.parts.items())
        ],
        "tables": [_section_table(guide, p, a, labels) for p, a in SYNTHESIS_TABLES],
        "cycle_title": cycle_title,
        "cycle": [s.title for s in cycle.sections if s.level == 2] if cycle else [],
        "rules_title": labels.rules_title,
        "rules": [{"id": r["id"], "title": r["title"]} for r in rules],
    }
