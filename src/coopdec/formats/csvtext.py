"""Decoding CSV files as French users produce them: UTF-8 (with or without BOM) or Windows
cp1252 (Excel's "CSV (séparateur : point-virgule)"), separated by commas or semicolons.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from coopdec.formats.i18n import _

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
SEPARATORS = (",", ";")


class CsvTextError(Exception):
    """The file cannot be decoded at all: too large, or not text."""

    def __init__(self, reason: str, *, file: str) -> None:
        self.reason = reason
        self.file = file
        super().__init__(f"{file} : {reason}")


@dataclass(frozen=True, slots=True)
class CsvText:
    text: str
    encoding: str  # "utf-8", "utf-8-sig" or "cp1252"
    separator: str


def read_bytes(source: Path | str | bytes, *, filename: str, max_bytes: int) -> bytes:
    """The raw content, refusing files over ``max_bytes`` before reading them."""
    size = len(source) if isinstance(source, bytes) else Path(source).stat().st_size
    if size > max_bytes:
        raise CsvTextError(
            _("fichier de %(size)s, au-delà de la taille maximale de %(limit)s")
            % {"size": _human(size), "limit": _human(max_bytes)},
            file=filename,
        )
    return source if isinstance(source, bytes) else Path(source).read_bytes()


def _human(size: int) -> str:
    if size >= 1024 * 1024:
        return _("%(n).1f Mo") % {"n": size / (1024 * 1024)}
    return _("%(n)d octets") % {"n": size}


def decode(data: bytes, *, filename: str) -> CsvText:
    """Detect the encoding (BOM, then strict UTF-8, then cp1252) and the separator."""
    if data.startswith(b"\xef\xbb\xbf"):
        encoding = "utf-8-sig"
    else:
        try:
            data.decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError:
            # Not UTF-8: what Excel writes on French Windows. cp1252 leaves five bytes
            # undefined, so a binary file still fails here rather than decoding as garbage.
            encoding = "cp1252"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise CsvTextError(
            _(
                "encodage non reconnu (ni UTF-8 ni Windows-1252), "
                "octet %(byte)s à la position %(pos)d"
            )
            % {"byte": hex(data[exc.start]), "pos": exc.start},
            file=filename,
        ) from None
    if "\x00" in text:
        raise CsvTextError(_("fichier binaire, pas un texte CSV"), file=filename)
    return CsvText(text=text, encoding=encoding, separator=sniff_separator(text))


def sniff_separator(text: str) -> str:
    """The separator used on the header line: the one that occurs most outside quotes."""
    header = text.split("\n", 1)[0]
    counts = dict.fromkeys(SEPARATORS, 0)
    quoted = False
    for char in header:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    # Ties (including no separator at all) go to the comma, the RFC 4180 default.
    return max(SEPARATORS, key=lambda sep: (counts[sep], sep == ","))


def records(text: CsvText, *, filename: str) -> Iterator[tuple[int, list[str]]]:
    """``(line, cells)`` for every non-blank record; ``line`` is where the record starts,
    which matters when quoted cells contain newlines."""
    reader = csv.reader(io.StringIO(text.text, newline=""), delimiter=text.separator, strict=True)
    start = 1
    try:
        for cells in reader:
            if cells and any(cell.strip() for cell in cells):
                yield start, cells
            start = reader.line_num + 1
    except csv.Error as exc:
        raise CsvTextError(
            _("ligne %(line)d : CSV mal formé (%(detail)s)") % {"line": start, "detail": exc},
            file=filename,
        ) from None
