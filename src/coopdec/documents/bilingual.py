"""A bilingual document: each section in French, then the same section in English.

The two versions are composed by the same builder from the same project, once with the
French text and once with the English catalogue (``i18n.translated``), so their sections
match one to one; this module interleaves them. Alternating sections (rather than columns)
keep every renderer as it is and read the same in DOCX and PDF. The English text is set in
italics so the two versions are told apart at a glance; the parties sign once, under both
wordings. The French version prevails (the convention's own "Langue" article says so).
"""

from __future__ import annotations

from dataclasses import replace

from coopdec.documents.blocks import (
    Block,
    Document,
    Heading,
    Paragraph,
    Run,
    Signature,
    Signatures,
)

BILINGUAL_KINDS = ("convention",)
"""The kinds whose every text has its English version (checked by the tests)."""


def _sections(blocks: tuple[Block, ...]) -> list[list[Block]]:
    """The blocks cut before each heading (a section: a heading and what follows it)."""
    sections: list[list[Block]] = []
    for block in blocks:
        if isinstance(block, Heading) or not sections:
            sections.append([])
        sections[-1].append(block)
    return sections


def _both(french: str | None, english: str | None) -> str | None:
    if french is None or english is None or french == english:
        return french
    return f"{french} / {english}"


def _signed_once(french: Signatures, english: Signatures) -> Signatures:
    """One signature block, each line in both languages."""
    return Signatures(
        _both(french.place_date, english.place_date),
        tuple(
            Signature(str(_both(f.party, e.party)), str(_both(f.signatory, e.signatory)))
            for f, e in zip(french.signatures, english.signatures, strict=True)
        ),
    )


def _in_english(block: Block) -> Block:
    """The English block as set in the bilingual document: paragraphs in italics."""
    if isinstance(block, Paragraph):
        return replace(block, runs=tuple(Run(r.text, r.bold, True) for r in block.runs))
    return block


def bilingual(french: Document, english: Document) -> Document:
    """One document holding ``french`` and ``english`` (the same kind, from the same
    project), section by section: the French section first, then its English version."""
    french_sections, english_sections = _sections(french.blocks), _sections(english.blocks)
    if len(french_sections) != len(english_sections):
        raise ValueError("the two versions of a bilingual document must have the same sections")
    blocks: list[Block] = []
    for fr_section, en_section in zip(french_sections, english_sections, strict=True):
        fr_signed = [b for b in fr_section if isinstance(b, Signatures)]
        en_signed = [b for b in en_section if isinstance(b, Signatures)]
        signed = _signed_once(fr_signed[0], en_signed[0]) if fr_signed and en_signed else None
        blocks += [b for b in fr_section if not isinstance(b, Signatures)]
        blocks += [_in_english(b) for b in en_section if not isinstance(b, Signatures)]
        if signed is not None:
            blocks.append(signed)
    return Document(
        kind=french.kind,
        title=str(_both(french.title, english.title)),
        subtitle=french.subtitle,
        header=french.header,
        blocks=tuple(blocks),
        footer=str(_both(french.footer, english.footer)),
    )
