"""Public entry points: compose a document kind and render it as DOCX or PDF."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Literal

from coopdec.documents.bilingual import BILINGUAL_KINDS, bilingual
from coopdec.documents.blocks import Document
from coopdec.documents.context import build_context
from coopdec.documents.deadline import checkpoint, deadline
from coopdec.documents.docx_renderer import render_document_docx
from coopdec.documents.errors import UnknownDocumentKindError, UnknownFormatError
from coopdec.documents.kinds import application, charter, convention, deliberation, letter
from coopdec.documents.model import DocumentContext
from coopdec.documents.names import NameResolver
from coopdec.documents.pdf_renderer import render_document_pdf
from coopdec.documents.requirements import check
from coopdec.i18n import N_, _, translated
from coopdec.projectfile import ProjectFile

_BUILDERS: dict[str, Callable[[DocumentContext], Document]] = {
    convention.KIND: convention.build,
    deliberation.KIND: deliberation.build,
    letter.KIND: letter.build,
    application.KIND: application.build,
    charter.KIND: charter.build,
}

DOCUMENT_KINDS: tuple[str, ...] = tuple(_BUILDERS)
"""The kinds, as the CLI and the API name them: convention, deliberation,
lettre-intention, candidature, charte-jumelage."""

DOCUMENT_LABELS: dict[str, str] = {
    "convention": N_("Convention de partenariat"),
    "deliberation": N_("Projet de délibération"),
    "lettre-intention": N_("Lettre d'intention"),
    "candidature": N_("Dossier de candidature (fiche de synthèse)"),
    "charte-jumelage": N_("Charte de jumelage ou d'amitié"),
}

Format = Literal["docx", "pdf"]
FORMATS: tuple[str, ...] = ("docx", "pdf")
MEDIA_TYPES: dict[str, str] = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def compose(kind: str, context: DocumentContext) -> Document:
    """The format-neutral document; raises :class:`MissingFieldsError` when incomplete."""
    builder = _BUILDERS.get(kind)
    if builder is None:
        raise UnknownDocumentKindError(
            _("Type de document inconnu : « {kind} » (attendus : {kinds}).").format(
                kind=kind, kinds=", ".join(DOCUMENT_KINDS)
            )
        )
    check(kind, context)
    checkpoint()
    return builder(context)


def render_docx(kind: str, context: DocumentContext) -> bytes:
    """A ``kind`` document as DOCX bytes."""
    return render_document_docx(compose(kind, context), today=context.today.value)


def render_pdf(kind: str, context: DocumentContext) -> bytes:
    """A ``kind`` document as PDF bytes (compiled by Typst)."""
    return render_document_pdf(compose(kind, context), today=context.today.value)


def render(
    kind: str,
    project: ProjectFile,
    fmt: str,
    *,
    names: NameResolver | None = None,
    today: dt.date,
    timeout: float | None = None,
) -> bytes:
    """Build the context from a project file and render it in one call.

    ``timeout`` (seconds) stops the rendering with :class:`DeadlineExceeded` once passed.
    """
    renderers = {"docx": render_docx, "pdf": render_pdf}
    renderer = renderers.get(fmt)
    if renderer is None:
        raise UnknownFormatError(
            _("Format inconnu : « {fmt} » (attendus : docx, pdf).").format(fmt=fmt)
        )
    with deadline(timeout):
        return renderer(kind, build_context(project, names=names, today=today))


def render_bilingual(
    kind: str,
    project: ProjectFile,
    fmt: str,
    *,
    english: Callable[[str], str],
    names: NameResolver | None = None,
    today: dt.date,
    timeout: float | None = None,
) -> bytes:
    """The ``kind`` document in French and in English, section by section (see
    :mod:`coopdec.documents.bilingual`); ``english`` translates a French text (the project's
    English catalogue). Only the kinds of ``BILINGUAL_KINDS`` have every text translated."""
    renderers = {"docx": render_document_docx, "pdf": render_document_pdf}
    renderer = renderers.get(fmt)
    if renderer is None:
        raise UnknownFormatError(
            _("Format inconnu : « {fmt} » (attendus : docx, pdf).").format(fmt=fmt)
        )
    if kind not in BILINGUAL_KINDS:
        raise UnknownDocumentKindError(
            _("Version bilingue (français et anglais) disponible pour : {kinds}.").format(
                kinds=", ".join(BILINGUAL_KINDS)
            )
        )
    with deadline(timeout):
        french = compose(kind, build_context(project, names=names, today=today))
        with translated("en", english):
            in_english = compose(kind, build_context(project, names=names, today=today))
        return renderer(bilingual(french, in_english), today=today)
