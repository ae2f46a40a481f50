"""Render a :class:`Document` to PDF with the Typst compiler shipped in the ``typst`` wheel.

The document travels to Typst as JSON in ``sys.inputs`` and the template turns every
string into text with ``text()``; nothing the user wrote is ever interpolated into Typst
markup, so markup characters in a title print as themselves.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from pathlib import Path

import typst

from coopdec.documents.blocks import Document
from coopdec.documents.deadline import checkpoint

TEMPLATES = Path(__file__).resolve().parent / "templates"
TEMPLATE = TEMPLATES / "document.typ"

logger = logging.getLogger(__name__)


def render_document_pdf(document: Document, *, today: dt.date) -> bytes:
    """Compile ``document``; ``today`` becomes the PDF creation date for reproducible bytes."""
    data = json.dumps(document.to_data(), ensure_ascii=False)
    checkpoint()  # the compiler is native code: the last point to stop before it
    # System fonts are ignored so the output is the same on every machine: the wheel
    # embeds Libertinus Serif, which covers French typography (œ, « », narrow spaces).
    pdf, warnings = typst.compile_with_warnings(
        str(TEMPLATE),
        root=str(TEMPLATES),
        sys_inputs={"document": data},
        ignore_system_fonts=True,
        timestamp=dt.datetime(today.year, today.month, today.day, tzinfo=dt.UTC),
    )
    for warning in warnings:
        # e.g. a partner name in a script the embedded font lacks: worth knowing, but the
        # rest of the document is still right.
        logger.warning("typst: %s", warning)
    if not isinstance(pdf, bytes):  # only a list when rendering to images
        raise TypeError("typst returned no PDF")
    return pdf
