"""Links both ways between the guide and the engines (pure: no Django).

Guide -> engines: every ``[[rule:…]]``, ``[[programme:…]]``, ``[[theme:…]]`` and
``[[page:…#…]]`` of the content must name something that exists. Engines -> guide: every rule
of the rules engine has a section that explains it (a page's ``explains`` front matter), and
every step of the project cycle has its section in the ``cycle-de-projet`` page.
:func:`problems` lists what is broken; a test keeps the list empty.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from coopdec import assistant
from coopdec.assistant import reference
from coopdec.guide.content import Guide, Page
from coopdec.guide.markup import Block, Span

THEMES_FILE = Path(assistant.__file__).resolve().parents[1] / "data" / "themes" / "themes.yaml"
CYCLE_PAGE = "cycle-de-projet"
RULES_PAGE = "references"  # the guide's page listing every rule and cited programme


@dataclass(frozen=True)
class Target:
    """Where a reference points inside the guide: a page and an anchor."""

    page: str
    anchor: str


@cache
def rule_titles() -> dict[str, str]:
    return {rule.id: rule.title for rule in assistant.list_rules()}


@cache
def themes() -> dict[str, dict[str, str]]:
    data = yaml.safe_load(THEMES_FILE.read_text("utf-8"))
    return {t["id"]: {"fr": t["label_fr"], "en": t["label_en"]} for t in data["themes"]}


def programme(programme_id: str) -> dict[str, object] | None:
    """The programme record of the funding data (old ``daect-`` ids are accepted)."""
    return reference.programs_by_id().get(reference.canonical_program_id(programme_id))


def rule_anchor(rule_id: str) -> str:
    """The anchor of a rule on the references page (ids contain dots, anchors do not)."""
    return "regle-" + rule_id.replace(".", "-").replace("_", "-")


def programme_anchor(programme_id: str) -> str:
    return "programme-" + reference.canonical_program_id(programme_id)


def iter_spans(blocks: tuple[Block, ...]) -> Iterator[Span]:
    for block in blocks:
        yield from block.spans
        for item in block.items:
            yield from item
        for row in block.rows:
            for cell in row:
                yield from cell


def references(page: Page) -> Iterator[tuple[str, str, int]]:
    """(kind, target, line) of every reference of a page."""
    for span in iter_spans(page.blocks):
        if span.kind == "ref":
            kind, _, target = span.target.partition(":")
            yield kind, target, span.line


def explaining_sections(guide: Guide) -> dict[str, Target]:
    """rule id -> the section that explains it (from the pages' ``explains`` front matter)."""
    found: dict[str, Target] = {}
    for page in guide.pages:
        for rule_id, anchor in page.explains.items():
            found.setdefault(rule_id, Target(page.id, anchor))
    return found


def step_section(guide: Guide, step_slug: str) -> Target | None:
    """The section of the project-cycle page for a workspace step (same slug as anchor)."""
    page = guide.page(CYCLE_PAGE)
    if page and any(s.anchor == step_slug for s in page.sections):
        return Target(page.id, step_slug)
    return None


def cited_programmes(guide: Guide) -> list[str]:
    """Canonical ids of the programmes the guide cites, in order of first citation."""
    seen: dict[str, None] = {}
    for page in guide.pages:
        for kind, target, _ in references(page):
            if kind == "programme" and programme(target):
                seen.setdefault(reference.canonical_program_id(target), None)
    return list(seen)


def problems(guide: Guide) -> list[str]:
    """Every broken link of the guide in one language, as sentences naming file and line."""
    found: list[str] = []
    anchors = {p.id: {s.anchor for s in p.sections} for p in guide.pages}
    for page in guide.pages:
        where = f"{guide.lang}/{page.path.name}"
        for kind, target, line in references(page):
            if kind == "rule" and target not in rule_titles():
                found.append(f"{where}, ligne {line} : règle inconnue « {target} »")
            elif kind == "programme" and programme(target) is None:
                found.append(f"{where}, ligne {line} : programme inconnu « {target} »")
            elif kind == "theme" and target not in themes():
                found.append(f"{where}, ligne {line} : thème inconnu « {target} »")
            elif kind == "page":
                page_id, _, anchor = target.partition("#")
                if page_id not in anchors and page_id != RULES_PAGE:
                    found.append(f"{where}, ligne {line} : page inconnue « {page_id} »")
                elif anchor and anchor not in anchors.get(page_id, set()):
                    found.append(f"{where}, ligne {line} : ancre inconnue « {target} »")
        for rule_id, anchor in page.explains.items():
            section = next((s for s in page.sections if s.anchor == anchor), None)
            if rule_id not in rule_titles():
                found.append(f"{where} : explains cite une règle inconnue « {rule_id} »")
            elif section is None:
                found.append(f"{where} : explains, ancre inconnue « {anchor} »")
            elif not any(
                s.kind == "ref" and s.target == f"rule:{rule_id}"
                for s in iter_spans(section.blocks)
            ):
                found.append(
                    f"{where} : la section « {anchor} » doit citer [[rule:{rule_id}]] "
                    "qu'elle explique"
                )
    explained = explaining_sections(guide)
    for rule_id in rule_titles():
        if rule_id not in explained:
            found.append(
                f"{guide.lang} : aucune section du guide n'explique la règle « {rule_id} »"
            )
    return found
