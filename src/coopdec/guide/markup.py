"""The guide's Markdown subset, parsed into blocks that the HTML, Typst and EPUB writers share.

Why our own small parser rather than a Markdown library: the guide needs references that a
test can check (``[[rule:l1115_5.foreign_state]]``, ``[[programme:afd-ficol]]``,
``[[theme:dechets]]``, ``[[page:cadre-juridique#etat-etranger]]``, ``[[uncertain]]``) and one
structure for three outputs; a general Markdown library would give HTML only, and raw HTML in
content would reach the page. The subset is small and closed:

- ``## Title {#anchor}`` and ``### Title {#anchor}`` (the anchor is explicit, identical in every
  language, so a rule's section has one address);
- paragraphs, ``- `` lists, ``1. `` ordered lists, ``- [ ] `` checklists;
- ``> `` callouts; pipe tables whose second line is ``|---|``;
- inline ``**strong**``, ``*emphasis*``, ``[label](https://...)`` and ``[[kind:target|label]]``.

Pure: no Django import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

REF_KINDS = ("rule", "programme", "theme", "page", "uncertain")


class MarkupError(ValueError):
    """A line the subset does not accept, with where it is."""

    def __init__(self, source: str, line: int, message: str) -> None:
        super().__init__(f"{source}, ligne {line} : {message}")
        self.source = source
        self.line = line


@dataclass(frozen=True)
class Span:
    """A run of inline text: plain, strong, emphasis, an outside link or a reference."""

    kind: str  # text | strong | em | link | ref
    text: str
    target: str = ""  # link URL, or "kind:target" for a reference
    line: int = 0


@dataclass(frozen=True)
class Block:
    kind: str  # heading | para | list | olist | checklist | callout | table
    spans: tuple[Span, ...] = ()
    level: int = 0
    anchor: str = ""
    items: tuple[tuple[Span, ...], ...] = ()
    rows: tuple[tuple[tuple[Span, ...], ...], ...] = ()  # first row is the header
    line: int = 0


@dataclass
class _State:
    blocks: list[Block] = field(default_factory=list)
    para: list[str] = field(default_factory=list)
    para_line: int = 0


_HEADING = re.compile(r"^(#{2,3}) (.+?) \{#([a-z0-9][a-z0-9-]*)\}\s*$")
_ITEM = re.compile(r"^- (?!\[ \] )(.+)$")
_CHECK = re.compile(r"^- \[ \] (.+)$")
_OITEM = re.compile(r"^\d+\. (.+)$")
_INLINE = re.compile(
    r"\[\[(?P<ref>[a-z]+)(?::(?P<target>[^|\]]+))?(?:\|(?P<label>[^\]]+))?\]\]"
    r"|\*\*(?P<strong>.+?)\*\*"
    r"|(?<![\w*])\*(?P<em>[^*\s][^*]*?)\*(?![\w*])"
    r"|\[(?P<ltext>[^\]]+)\]\((?P<url>https?://[^\s)]+)\)"
)


def parse_inline(text: str, line: int = 0, source: str = "") -> tuple[Span, ...]:
    """Split one line of text into spans; an unknown reference kind is an error."""
    spans: list[Span] = []
    pos = 0
    for match in _INLINE.finditer(text):
        if match.start() > pos:
            spans.append(Span("text", text[pos : match.start()], line=line))
        if match.group("ref"):
            kind = match.group("ref")
            if kind not in REF_KINDS:
                raise MarkupError(source, line, f"référence inconnue « [[{kind}:…]] »")
            target = match.group("target") or ""
            if kind != "uncertain" and not target:
                raise MarkupError(source, line, f"référence « [[{kind}]] » sans cible")
            label = match.group("label") or ""
            spans.append(Span("ref", label, f"{kind}:{target.strip()}", line))
        elif match.group("strong"):
            spans.append(Span("strong", match.group("strong"), line=line))
        elif match.group("em"):
            spans.append(Span("em", match.group("em"), line=line))
        else:
            spans.append(Span("link", match.group("ltext"), match.group("url"), line))
        pos = match.end()
    if pos < len(text):
        spans.append(Span("text", text[pos:], line=line))
    return tuple(spans)


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def parse_blocks(text: str, source: str = "", first_line: int = 1) -> list[Block]:
    """Parse a page body; raises :class:`MarkupError` naming the file and line."""
    state = _State()
    lines = text.splitlines()

    def flush() -> None:
        if state.para:
            joined = " ".join(state.para)
            state.blocks.append(
                Block("para", parse_inline(joined, state.para_line, source), line=state.para_line)
            )
            state.para.clear()

    i = 0
    while i < len(lines):
        raw = lines[i]
        number = first_line + i
        line = raw.rstrip()
        if not line.strip():
            flush()
            i += 1
            continue
        if line.startswith("#"):
            flush()
            match = _HEADING.match(line)
            if not match:
                raise MarkupError(
                    source, number, "titre attendu sous la forme « ## Titre {#ancre} »"
                )
            state.blocks.append(
                Block(
                    "heading",
                    parse_inline(match.group(2), number, source),
                    level=len(match.group(1)),
                    anchor=match.group(3),
                    line=number,
                )
            )
            i += 1
            continue
        if line.startswith("|"):
            flush()
            table: list[str] = []
            while i < len(lines) and lines[i].strip().startswith("|"):
                table.append(lines[i])
                i += 1
            if len(table) < 2 or not set(table[1].replace("|", "").strip()) <= {"-", ":", " "}:
                raise MarkupError(source, number, "tableau : la 2e ligne doit être « |---|---| »")
            width = len(_cells(table[0]))
            rows = []
            for offset, row in enumerate([table[0], *table[2:]]):
                cells = _cells(row)
                if len(cells) != width:
                    raise MarkupError(
                        source, number + offset, f"tableau : {width} colonnes attendues"
                    )
                rows.append(tuple(parse_inline(c, number + offset, source) for c in cells))
            state.blocks.append(Block("table", rows=tuple(rows), line=number))
            continue
        for kind, pattern in (("checklist", _CHECK), ("list", _ITEM), ("olist", _OITEM)):
            if pattern.match(line):
                flush()
                items = []
                start = number
                while i < len(lines) and (found := pattern.match(lines[i].rstrip())):
                    text, item_line = found.group(1), first_line + i
                    i += 1
                    # An item may go on over indented lines.
                    while i < len(lines) and lines[i].startswith("  ") and lines[i].strip():
                        text += " " + lines[i].strip()
                        i += 1
                    items.append(parse_inline(text, item_line, source))
                state.blocks.append(Block(kind, items=tuple(items), line=start))
                break
        else:
            if line.startswith("> "):
                flush()
                parts = []
                start = number
                while i < len(lines) and lines[i].startswith("> "):
                    parts.append(lines[i][2:].strip())
                    i += 1
                state.blocks.append(
                    Block("callout", parse_inline(" ".join(parts), start, source), line=start)
                )
                continue
            if not state.para:
                state.para_line = number
            state.para.append(line.strip())
            i += 1
    flush()
    return state.blocks


def plain_text(spans: tuple[Span, ...]) -> str:
    """The words of spans, for search and for titles (references give their label)."""
    return "".join(span.text for span in spans)
