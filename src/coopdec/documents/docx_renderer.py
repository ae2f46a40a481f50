"""Render a :class:`Document` to DOCX with python-docx, built entirely in code.

No binary template is shipped: styles come from python-docx's default template and are
adjusted here, so the output can always be regenerated from source.
"""

from __future__ import annotations

import datetime as dt
import io

from docx import Document as new_docx
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph

from coopdec.documents.blocks import (
    BulletList,
    Document,
    Heading,
    Paragraph,
    Signatures,
    Table,
)
from coopdec.documents.deadline import checkpoint

ALIGN = {
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}
TEXT_WIDTH_CM = 16.4  # A4 minus 2.3 cm margins, as in the Typst template


def render_document_docx(document: Document, *, today: dt.date) -> bytes:
    docx = new_docx()
    _setup(docx, document, today)
    for line in document.header:
        docx.add_paragraph().add_run(line).bold = True
    docx.add_heading(document.title, level=0).alignment = WD_ALIGN_PARAGRAPH.CENTER
    if document.subtitle:
        subtitle = docx.add_paragraph(document.subtitle, style="Subtitle")
        subtitle.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for block in document.blocks:
        checkpoint()
        if isinstance(block, Heading):
            docx.add_heading(block.text, level=block.level)
        elif isinstance(block, Paragraph):
            paragraph = docx.add_paragraph()
            paragraph.alignment = ALIGN[block.align]
            for run in block.runs:
                added = paragraph.add_run(run.text)
                added.bold, added.italic = run.bold, run.italic
        elif isinstance(block, BulletList):
            for item in block.items:
                docx.add_paragraph(item, style="List Bullet")
        elif isinstance(block, Table):
            _table(docx, block)
        elif isinstance(block, Signatures):
            _signatures(docx, block)
    buffer = io.BytesIO()
    docx.save(buffer)
    return buffer.getvalue()


def _setup(docx: DocxDocument, document: Document, today: dt.date) -> None:
    section = docx.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21)
    section.left_margin = section.right_margin = Cm(2.3)
    normal = docx.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(10.5)
    # Tell Word the text is French, so spelling, hyphenation and quotes behave.
    run_props = normal.element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "fr-FR")
    run_props.append(lang)
    props = docx.core_properties
    props.title = f"{document.title} – {document.subtitle or ''}".strip(" –")
    props.author = props.last_modified_by = "coopdec"
    props.language = "fr-FR"
    props.created = props.modified = dt.datetime(today.year, today.month, today.day)
    props.revision = 1
    footer = section.footer.paragraphs[0]
    footer.text = document.footer + " – page "
    for run in footer.runs:
        run.font.size = Pt(8)
    _page_field(footer)


def _page_field(paragraph: DocxParagraph) -> None:
    # python-docx has no API for fields; a simple PAGE field is three XML elements.
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _table(docx: DocxDocument, block: Table) -> None:
    rows = [block.header, *block.rows] + ([block.total] if block.total else [])
    table = docx.add_table(rows=len(rows), cols=len(block.header))
    table.style = docx.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _repeat_header(table)
    widths = block.widths if len(block.widths) == len(block.header) else (1,) * len(block.header)
    # Walk the rows' XML once. ``table.cell(r, c)`` rebuilds the list of every cell of the
    # table on each call, which made a 200-line financing plan take 15 to 54 seconds.
    for r, (values, tr) in enumerate(zip(rows, table._tbl.tr_lst, strict=True)):
        checkpoint()
        emphasised = r == 0 or (block.total is not None and r == len(rows) - 1)
        for c, (value, tc) in enumerate(zip(values, tr.tc_lst, strict=True)):
            cell = _Cell(tc, table)
            cell.width = Cm(TEXT_WIDTH_CM * widths[c] / sum(widths))
            paragraph = cell.paragraphs[0]
            paragraph.add_run(value).bold = emphasised
            if c in block.numeric and r > 0:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    docx.add_paragraph()


def _repeat_header(table: DocxTable) -> None:
    # Mark the first row as a header so it repeats when the table spans pages.
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def _signatures(docx: DocxDocument, block: Signatures) -> None:
    if block.place_date:
        docx.add_paragraph(block.place_date)
    columns = 2 if len(block.signatures) > 1 else 1
    rows = -(-len(block.signatures) // columns)
    table = docx.add_table(rows=rows, cols=columns)
    for i, signature in enumerate(block.signatures):
        cell = table.cell(i // columns, i % columns)
        cell.paragraphs[0].add_run(signature.party).bold = True
        cell.add_paragraph(signature.signatory)
        for _blank in range(4):  # room for the signature and the seal
            cell.add_paragraph()
