"""The guide's pages: Markdown files with front matter, one folder per language (pure).

A page's front matter names its ``id`` (also its URL), ``title``, ``part`` and ``order`` in
the guide, the ``reviewed`` date, a ``summary`` (used by the synthesis), its ``sources``
(label, URL, confidence) and, for legal pages, ``explains``: which section explains which rule
of the engine. Page ids and section anchors are the same in every language, so a rule has one
address whatever the reader's language.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from coopdec.guide.markup import Block, MarkupError, parse_blocks, plain_text

CONTENT = Path(__file__).resolve().parent / "content"
LANGUAGES = ("fr", "en")
CONFIDENCES = ("verified", "uncertain")
_REQUIRED = ("id", "title", "part", "order", "reviewed", "summary", "sources")


@dataclass(frozen=True)
class Source:
    label: str
    url: str
    confidence: str


@dataclass(frozen=True)
class Section:
    anchor: str
    title: str
    level: int
    blocks: tuple[Block, ...]  # the heading's own blocks, up to the next heading


@dataclass(frozen=True)
class Page:
    id: str
    lang: str
    title: str
    part: int
    order: int
    reviewed: dt.date
    summary: str
    sources: tuple[Source, ...]
    explains: dict[str, str]
    intro: tuple[Block, ...]  # blocks before the first heading
    sections: tuple[Section, ...]
    path: Path

    @property
    def blocks(self) -> tuple[Block, ...]:
        found = list(self.intro)
        for section in self.sections:
            found.extend(section.blocks)
        return tuple(found)


@dataclass(frozen=True)
class Guide:
    lang: str
    title: str
    intro: str
    parts: dict[int, str]
    pages: tuple[Page, ...]

    def page(self, page_id: str) -> Page | None:
        return next((p for p in self.pages if p.id == page_id), None)

    def pages_of(self, part: int) -> tuple[Page, ...]:
        return tuple(p for p in self.pages if p.part == part)

    @property
    def reviewed(self) -> dt.date:
        """The latest review date of any page: the guide's own date."""
        return max(p.reviewed for p in self.pages)


class GuideContentError(ValueError):
    """A page whose front matter or body is wrong, naming the file and field."""


def _split(text: str, path: Path) -> tuple[dict[str, Any], str, int]:
    if not text.startswith("---\n"):
        raise GuideContentError(f"{path.name}, ligne 1 : « --- » (début de l'en-tête) attendu")
    end = text.find("\n---\n", 4)
    if end < 0:
        raise GuideContentError(f"{path.name} : fin de l'en-tête « --- » introuvable")
    meta = yaml.safe_load(text[4:end]) or {}
    if not isinstance(meta, dict):
        raise GuideContentError(f"{path.name} : l'en-tête doit être un objet YAML")
    body_line = text[: end + 5].count("\n") + 1
    return meta, text[end + 5 :], body_line


def _sections(blocks: list[Block], path: Path) -> tuple[tuple[Block, ...], tuple[Section, ...]]:
    """Cut the body at each heading: blocks before the first one are the page's intro."""
    intro: list[Block] = []
    groups: list[list[Block]] = []
    seen: set[str] = set()
    for block in blocks:
        if block.kind == "heading":
            if block.anchor in seen:
                raise GuideContentError(
                    f"{path.name}, ligne {block.line} : ancre « {block.anchor} » en double"
                )
            seen.add(block.anchor)
            groups.append([block])
        elif groups:
            groups[-1].append(block)
        else:
            intro.append(block)
    sections = tuple(
        Section(group[0].anchor, plain_text(group[0].spans), group[0].level, tuple(group))
        for group in groups
    )
    return tuple(intro), sections


def load_page(path: Path, lang: str) -> Page:
    """Read one page; raises :class:`GuideContentError` naming the file, line and field."""
    meta, body, body_line = _split(path.read_text("utf-8"), path)
    for key in _REQUIRED:
        if key not in meta:
            raise GuideContentError(f"{path.name} : champ « {key} » manquant dans l'en-tête")
    if not isinstance(meta["reviewed"], dt.date):
        raise GuideContentError(f"{path.name} : « reviewed » doit être une date AAAA-MM-JJ")
    sources = []
    for index, item in enumerate(meta["sources"]):
        if item.get("confidence") not in CONFIDENCES:
            raise GuideContentError(
                f"{path.name} : sources[{index}].confidence doit valoir {' ou '.join(CONFIDENCES)}"
            )
        sources.append(Source(str(item["label"]), str(item["url"]), str(item["confidence"])))
    try:
        blocks = parse_blocks(body, path.name, body_line)
    except MarkupError as exc:
        raise GuideContentError(str(exc)) from exc
    intro, sections = _sections(blocks, path)
    return Page(
        id=str(meta["id"]),
        lang=lang,
        title=str(meta["title"]),
        part=int(meta["part"]),
        order=int(meta["order"]),
        reviewed=meta["reviewed"],
        summary=" ".join(str(meta["summary"]).split()),
        sources=tuple(sources),
        explains={str(k): str(v) for k, v in (meta.get("explains") or {}).items()},
        intro=intro,
        sections=sections,
        path=path,
    )


@cache
def load_guide(lang: str) -> Guide:
    """The whole guide in one language, pages in reading order (cached: files ship read-only)."""
    if lang not in LANGUAGES:
        lang = LANGUAGES[0]
    folder = CONTENT / lang
    index = yaml.safe_load((folder / "index.yaml").read_text("utf-8"))
    pages = sorted(
        (load_page(path, lang) for path in folder.glob("*.md")),
        key=lambda p: (p.part, p.order),
    )
    return Guide(
        lang=lang,
        title=str(index["title"]),
        intro=" ".join(str(index["intro"]).split()),
        parts={int(k): str(v) for k, v in index["parts"].items()},
        pages=tuple(pages),
    )
