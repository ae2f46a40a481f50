"""A small, format-neutral document model.

Each document kind is written once, as a list of blocks; the DOCX and the PDF renderers
only lay blocks out. That keeps the legal wording in one place, so the two formats cannot
drift apart, and lets the PDF receive its content as plain JSON data (never as Typst markup,
which is how a title containing ``#`` or ``]`` stays literal).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Run:
    """A piece of inline text; bold is used for the operative words of acts."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1
    type: str = field(default="heading", init=False)


@dataclass(frozen=True)
class Paragraph:
    runs: tuple[Run, ...]
    align: str = "justify"  # justify | left | center | right
    type: str = field(default="paragraph", init=False)


@dataclass(frozen=True)
class BulletList:
    items: tuple[str, ...]
    type: str = field(default="list", init=False)


@dataclass(frozen=True)
class Table:
    """A table whose last row may be a total; ``numeric`` columns are right-aligned."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[int, ...] = ()
    total: tuple[str, ...] | None = None
    widths: tuple[int, ...] = ()  # relative column widths
    type: str = field(default="table", init=False)


@dataclass(frozen=True)
class Signature:
    party: str  # "Pour la Commune de Gaillac"
    signatory: str  # "le maire"


@dataclass(frozen=True)
class Signatures:
    place_date: str | None
    signatures: tuple[Signature, ...]
    type: str = field(default="signatures", init=False)


Block = Heading | Paragraph | BulletList | Table | Signatures


@dataclass(frozen=True)
class Document:
    """A finished document: what both renderers receive."""

    kind: str
    title: str
    subtitle: str | None
    header: tuple[str, ...]  # lines above the title (issuer, references)
    blocks: tuple[Block, ...]
    footer: str  # printed on every page

    def to_data(self) -> dict[str, Any]:
        """Plain JSON-ready data for the Typst template."""
        return asdict(self)


def para(*parts: str | Run, align: str = "justify") -> Paragraph:
    """A paragraph from strings (plain runs) and :class:`Run` objects."""
    runs = tuple(p if isinstance(p, Run) else Run(p) for p in parts if p)
    return Paragraph(runs, align)


def bold(text: str) -> Run:
    return Run(text, bold=True)
