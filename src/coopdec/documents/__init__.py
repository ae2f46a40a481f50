"""Document generation for decentralised cooperation projects (pure logic, no Django).

Typical use::

    context = build_context(project_file, today=date.today())
    pdf = render_pdf("convention", context)

or ``render("convention", project_file, "docx", today=...)``, where ``project_file`` is a
:class:`coopdec.projectfile.ProjectFile`. A document that lacks a
field raises :class:`MissingFieldsError` listing every field path to supply.
"""

from coopdec.documents.bilingual import BILINGUAL_KINDS
from coopdec.documents.blocks import Document
from coopdec.documents.context import build_context
from coopdec.documents.deadline import DeadlineExceeded
from coopdec.documents.errors import (
    MissingFieldsError,
    UnknownDocumentKindError,
    UnknownFormatError,
)
from coopdec.documents.formatting import format_date, format_money, format_percent
from coopdec.documents.model import DocumentContext
from coopdec.documents.names import DataFileNameResolver, NameResolver, default_resolver
from coopdec.documents.render import (
    DOCUMENT_KINDS,
    DOCUMENT_LABELS,
    FORMATS,
    MEDIA_TYPES,
    compose,
    render,
    render_bilingual,
    render_docx,
    render_pdf,
)
from coopdec.documents.requirements import problems_for

__all__ = [
    "BILINGUAL_KINDS",
    "DOCUMENT_KINDS",
    "DOCUMENT_LABELS",
    "FORMATS",
    "MEDIA_TYPES",
    "DataFileNameResolver",
    "DeadlineExceeded",
    "Document",
    "DocumentContext",
    "MissingFieldsError",
    "NameResolver",
    "UnknownDocumentKindError",
    "UnknownFormatError",
    "build_context",
    "compose",
    "default_resolver",
    "format_date",
    "format_money",
    "format_percent",
    "problems_for",
    "render",
    "render_bilingual",
    "render_docx",
    "render_pdf",
]
