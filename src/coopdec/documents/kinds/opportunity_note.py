"""Note d'opportunité for a council or a bureau: should the authority act abroad, and how?

Unlike the project documents, the note is written from an authority's diagnostic (not from a
project file): the service ``coopdec.diagnostic.note`` fills :class:`NoteInput` from the same
diagnostic the page, the API and the CLI show, and this module lays it out in blocks that the
DOCX and PDF renderers print. Two to four pages: the situation (footprint, peers, figures with
their sources and dates), the priorities and their SDG targets, two or three options, funding
and deadlines, the legal steps, the next steps, the sources. Nothing is a placeholder: a part
with no data says so in a sentence.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from coopdec.documents.blocks import Block, BulletList, Document, Heading, Table, bold, para
from coopdec.documents.docx_renderer import render_document_docx
from coopdec.documents.formatting import format_date
from coopdec.documents.pdf_renderer import render_document_pdf
from coopdec.i18n import N_, _

KIND = "note-opportunite"
LABEL = N_("Note d'opportunité")


@dataclass(frozen=True)
class Figure:
    """A figure and where it comes from."""

    text: str
    source: str


@dataclass(frozen=True)
class Option:
    title: str
    text: str
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class NoteInput:
    """What the note says, already worded in French and formatted by the service."""

    authority: str  # "Commune de Quimper"
    issuer: str  # "Quimper (commune, INSEE 29232)"
    today: dt.date
    profile: tuple[Figure, ...]  # population, département, région
    coverage: str  # the catalogue's coverage, with its source and date
    footprint: tuple[tuple[str, str, str, str], ...]  # country, actions, years, themes
    footprint_text: str  # what the table shows, or that nothing is known
    related: tuple[str, ...]  # "Département du Finistère : 1 action (Bénin)"
    peers: tuple[str, ...]  # sentences with counts, band stated
    similar: tuple[str, ...]  # "Chambéry (73) — pays en commun : ..."
    priorities: tuple[str, ...]
    targets: tuple[str, ...]  # "6.1 — D'ici à 2030, ..."
    options: tuple[Option, ...]
    funding: tuple[tuple[str, str, str], ...]  # programme, funder, state and dates
    legal: tuple[str, ...]
    next_steps: tuple[str, ...]
    sources: tuple[str, ...]
    notes: tuple[str, ...] = field(default_factory=tuple)  # limits of the data


def build(note: NoteInput) -> Document:
    """The note as blocks (see the module docstring for its parts)."""
    blocks: list[Block] = [Heading(_("1. La situation de la collectivité"), 2)]
    blocks.append(BulletList(tuple(f"{f.text} (source : {f.source})" for f in note.profile)))
    blocks.append(para(note.coverage))
    blocks.append(Heading(_("Son action internationale recensée"), 3))
    blocks.append(para(note.footprint_text))
    if note.footprint:
        blocks.append(
            Table(
                header=(_("Pays"), _("Actions"), _("Années"), _("Thèmes")),
                rows=note.footprint,
                numeric=(1,),
                widths=(3, 1, 2, 5),
            )
        )
    if note.related:
        blocks.append(para(_("Les collectivités qui la couvrent ou qu'elle couvre :")))
        blocks.append(BulletList(note.related))
    blocks.append(Heading(_("Les collectivités comparables"), 3))
    blocks.append(BulletList(note.peers))
    if note.similar:
        blocks.append(para(_("Les plus proches d'elle, et pourquoi :")))
        blocks.append(BulletList(note.similar))

    blocks.append(
        Heading(_("2. Les priorités du mandat et les objectifs de développement durable"), 2)
    )
    if note.priorities:
        blocks.append(para(bold(_("Priorités retenues : ")), ", ".join(note.priorities) + "."))
        blocks.append(
            para(_("Elles servent les cibles suivantes des objectifs de développement durable :"))
        )
        blocks.append(BulletList(note.targets))
    else:
        blocks.append(
            para(
                _(
                    "Aucune priorité n'a été retenue pour cette note : les options ci-dessous "
                    "partent de l'action de la collectivité et de celle de ses pairs."
                )
            )
        )

    blocks.append(Heading(_("3. Les options"), 2))
    for number, option in enumerate(note.options, start=1):
        blocks.append(Heading(f"{_('Option')} {number} — {option.title}", 3))
        blocks.append(para(option.text))
        if option.reasons:
            blocks.append(BulletList(option.reasons))

    blocks.append(Heading(_("4. Les financements et les prochaines échéances"), 2))
    if note.funding:
        blocks.append(
            Table(
                header=(_("Programme"), _("Financeur"), _("État et échéances")),
                rows=note.funding,
                widths=(5, 3, 4),
            )
        )
    else:
        blocks.append(para(_("Aucun programme de financement recensé ne lui est ouvert.")))

    blocks.append(Heading(_("5. Les étapes juridiques"), 2))
    blocks.append(BulletList(note.legal))
    blocks.append(Heading(_("6. Les prochaines étapes proposées"), 2))
    blocks.append(BulletList(note.next_steps))
    if note.notes:
        blocks.append(Heading(_("Limites des données"), 3))
        blocks.append(BulletList(note.notes))
    blocks.append(Heading(_("Sources"), 2))
    blocks.append(BulletList(note.sources))
    return Document(
        kind=KIND,
        title=_("Note d'opportunité"),
        subtitle=_("L'action internationale de {authority}").format(authority=note.authority),
        header=(note.issuer, _("Note au conseil — {date}").format(date=format_date(note.today))),
        blocks=tuple(blocks),
        footer=_("Note d'opportunité — {authority} — établie le {date} avec coopdec").format(
            authority=note.authority, date=format_date(note.today)
        ),
    )


def render(note: NoteInput, fmt: str) -> bytes:
    """The note as DOCX or PDF bytes (``fmt``: docx | pdf)."""
    document = build(note)
    if fmt == "docx":
        return render_document_docx(document, today=note.today)
    if fmt == "pdf":
        return render_document_pdf(document, today=note.today)
    raise ValueError(f"format inconnu : {fmt}")
