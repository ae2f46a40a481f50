"""Search inside the guide (pure): every section of one language, matched word by word.

The guide is two dozen read-only files shipped with the package, so its index is built in
memory once per language rather than stored in the catalogue's database index. The words go
through the catalogue search's own analyser (``coopdec.catalogue.search.text``: folding of
accents and ligatures as in ``coopdec.textnorm``, French stop words, Snowball stemmer), so
"délibérations" finds "délibération" here as in the catalogue; English pages use the English
Snowball stemmer on the same folded words.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import snowballstemmer

from coopdec.catalogue.search import text as catalogue_text
from coopdec.guide.content import Guide, load_guide
from coopdec.guide.markup import Block, Span, plain_text

_english = snowballstemmer.stemmer("english")
MAX_RESULTS = 30
SNIPPET = 220


@dataclass(frozen=True)
class Hit:
    page_id: str
    page_title: str
    anchor: str
    section_title: str
    snippet: str
    score: int


@dataclass(frozen=True)
class _Entry:
    page_id: str
    page_title: str
    anchor: str
    section_title: str
    text: str
    title_terms: frozenset[str]
    terms: tuple[str, ...]


def analyse(text: str, lang: str) -> list[str]:
    """Index terms of a text in the guide's language."""
    if lang == "fr":
        return catalogue_text.terms(text)
    return [str(_english.stemWord(word)) for word in catalogue_text.words(text)]


def _words_of(spans: tuple[Span, ...]) -> str:
    return "".join(span.text or span.target.partition(":")[2] for span in spans)


def _section_text(blocks: tuple[Block, ...]) -> str:
    """The words of a section: spans of one run joined as written, runs by a space."""
    runs: list[str] = []
    for block in blocks:
        runs.append(_words_of(block.spans))
        runs.extend(_words_of(item) for item in block.items)
        runs.extend(_words_of(cell) for row in block.rows for cell in row)
    return " ".join(run.strip() for run in runs if run.strip())


@cache
def _index(lang: str) -> tuple[_Entry, ...]:
    guide: Guide = load_guide(lang)
    entries = []
    for page in guide.pages:
        for section in page.sections:
            body = _section_text(section.blocks[1:])
            entries.append(
                _Entry(
                    page.id,
                    page.title,
                    section.anchor,
                    section.title,
                    body,
                    frozenset(analyse(f"{page.title} {section.title}", lang)),
                    tuple(analyse(body, lang)),
                )
            )
    return tuple(entries)


def _snippet(text: str, words: list[str]) -> str:
    folded = catalogue_text.fold_text(text)
    position = min((i for w in words if (i := folded.find(w)) >= 0), default=0)
    start = max(0, position - SNIPPET // 3)
    piece = text[start : start + SNIPPET].strip()
    return ("… " if start else "") + piece + (" …" if start + SNIPPET < len(text) else "")


def search(query: str, lang: str) -> list[Hit]:
    """Sections holding every word of the query, best first (title words count five times)."""
    wanted = analyse(query, lang)
    if not wanted:
        return []
    hits = []
    for entry in _index(lang):
        score = 0
        for term in wanted:
            found = entry.terms.count(term) + (5 if term in entry.title_terms else 0)
            if not found:
                break
            score += found
        else:
            words = catalogue_text.words(query)
            hits.append(
                Hit(
                    entry.page_id,
                    entry.page_title,
                    entry.anchor,
                    entry.section_title,
                    _snippet(entry.text, words),
                    score,
                )
            )
    hits.sort(key=lambda hit: -hit.score)
    return hits[:MAX_RESULTS]


__all__ = ["Hit", "analyse", "plain_text", "search"]
