"""One streaming pass over an IATI activity file for the catalogue import (pure, no Django).

Each ``iati-activity`` is validated against the shipped 2.03 XSD *in place* (no copy of the
element), then projected onto what the catalogue stores: identifiers, texts in every language,
organisations, status, dates, countries, sectors, tags and budgets. Transactions, results,
locations and the like are not read: the catalogue has no place for them, and skipping them is
most of the speed (``iter_activities`` builds the whole model: ~3.5x slower on heavy files).

Values stay the strings of the file (stripped): the XSD has already checked their form, and
converting them (dates, decimals) is left to the consumer, which runs in another process
when the file is large (see ``iati_pipeline``).

The hardening is that of ``coopdec.formats.iati.xmlsafe`` (no DTD, no entity, bounded text);
versions are checked as ``iter_activities`` does (1.x refused, naming the version).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import IO, Any, NamedTuple, cast

from lxml import etree

from coopdec.formats.i18n import _
from coopdec.formats.iati import ValidationIssue
from coopdec.formats.iati.reader import DATASTORE_VERSION, check_version
from coopdec.formats.iati.schema import load_schema
from coopdec.formats.iati.xmlsafe import (
    DEFAULT_MAX_TEXT_LENGTH,
    Element,
    local_name,
    release,
    secure_iterparse,
)

ROOT = "iati-activities"
RECORD = "iati-activity"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

Texts = tuple[tuple[str | None, str], ...]  # ((lang, text), ...)
# Nested records are plain tuples: they cross a process boundary, and unpickling named tuples
# costs several times more than plain ones (a third of the transfer, measured).
Org = tuple[
    str | None, str | None, Texts, str | None, str | None
]  # ref, type, names, role, activity-id
Budget = tuple[str | None, str, str | None, str, str]  # type, value, currency, start, end


class ActivityRow(NamedTuple):
    """An activity as the catalogue needs it; strings as in the file."""

    line: int
    identifier: str
    version: str
    language: str | None
    default_currency: str | None
    last_updated: str | None
    publisher: Org
    titles: Texts
    descriptions: tuple[tuple[str | None, Texts], ...]
    participants: tuple[Org, ...]
    status: str | None
    dates: tuple[tuple[str, str], ...]
    countries: tuple[str, ...]
    sectors: tuple[tuple[str, str], ...]  # (vocabulary, code)
    tags: tuple[tuple[str, str], ...]  # (vocabulary, code)
    budgets: tuple[Budget, ...]


class FileEnd(NamedTuple):
    records: int
    sha256: str


Message = ActivityRow | ValidationIssue | FileEnd


class _HashingReader:
    """A binary stream that hashes what it serves (the import batch's checksum, in one pass)."""

    def __init__(self, raw: IO[bytes], digest: Any) -> None:
        self._raw = raw
        self.digest = digest
        self.name = getattr(raw, "name", None)

    def read(self, size: int = -1) -> bytes:
        chunk = self._raw.read(size)
        if self.digest is not None:
            self.digest.update(chunk)
        return chunk


def _attr(element: Element, name: str) -> str | None:
    value: str | None = element.get(name)
    if value is None:
        return None
    return value.strip() or None


def _texts(element: Element, default: str | None) -> Texts:
    out = []
    for narrative in element.iterchildren("narrative"):
        lang = narrative.get(XML_LANG)
        lang = lang.strip().lower() or default if lang else default
        text = narrative.text
        out.append((lang, text.strip() if text else ""))
    return tuple(out)


def _org(element: Element, default: str | None, *, participant: bool = False) -> Org:
    return (
        _attr(element, "ref"),
        _attr(element, "type"),
        _texts(element, default),
        _attr(element, "role") if participant else None,
        _attr(element, "activity-id") if participant else None,
    )


def _budget(element: Element, currency: str | None) -> Budget:
    # One pass over the (three, schema-checked) children rather than three searches.
    parts: dict[str, Element] = {child.tag: child for child in element.iterchildren()}
    value = parts["value"]
    return (
        _attr(element, "type"),
        (value.text or "").strip(),
        _attr(value, "currency") or currency,
        cast(str, parts["period-start"].get("iso-date")).strip()[:10],
        cast(str, parts["period-end"].get("iso-date")).strip()[:10],
    )


# The children the catalogue reads. Asking libxml2 for these only spares a Python object for
# every transaction, result, location... of a heavy activity (most of its children).
_KEPT = (
    "iati-identifier",
    "reporting-org",
    "title",
    "description",
    "participating-org",
    "activity-status",
    "activity-date",
    "recipient-country",
    "sector",
    "tag",
    "budget",
)


def extract(element: Element, version: str) -> ActivityRow:
    """Project a schema-valid ``iati-activity`` element onto an ActivityRow."""
    lang = _attr(element, XML_LANG)
    lang = lang.lower() if lang else None
    currency = _attr(element, "default-currency")
    identifier, status = "", None
    publisher: Org = (None, None, (), None, None)
    titles: Texts = ()
    title_seen = False
    descriptions: list[tuple[str | None, Texts]] = []
    participants: list[Org] = []
    dates: list[tuple[str, str]] = []
    countries: list[str] = []
    sectors: list[tuple[str, str]] = []
    tags: list[tuple[str, str]] = []
    budgets: list[Budget] = []
    for child in element.iterchildren(*_KEPT):
        tag = child.tag
        if tag == "budget":
            budgets.append(_budget(child, currency))
        elif tag == "sector":
            sectors.append((_attr(child, "vocabulary") or "1", cast(str, _attr(child, "code"))))
        elif tag == "recipient-country":
            countries.append(cast(str, _attr(child, "code")).upper())
        elif tag == "participating-org":
            participants.append(_org(child, lang, participant=True))
        elif tag == "description":
            descriptions.append((_attr(child, "type"), _texts(child, lang)))
        elif tag == "activity-date":
            dates.append(
                (cast(str, _attr(child, "type")), cast(str, _attr(child, "iso-date"))[:10])
            )
        elif tag == "tag":
            tags.append((cast(str, _attr(child, "vocabulary")), cast(str, _attr(child, "code"))))
        elif tag == "title":
            if not title_seen:  # the schema allows one; the first one counts
                titles, title_seen = _texts(child, lang), True
        elif tag == "iati-identifier":
            identifier = (child.text or "").strip()
        elif tag == "reporting-org":
            publisher = _org(child, lang)
        else:  # activity-status
            status = _attr(child, "code")
    return ActivityRow(
        cast(int, element.sourceline),
        identifier,
        version,
        lang,
        currency,
        _attr(element, "last-updated-datetime"),
        publisher,
        titles,
        tuple(descriptions),
        tuple(participants),
        status,
        tuple(dates),
        tuple(countries),
        tuple(sectors),
        tuple(tags),
        tuple(budgets),
    )


def _issues(schema: Any, file_name: str, record: int | None) -> list[ValidationIssue]:
    issues = []
    for error in schema.error_log:
        path = cast(str, error.path or "")
        if record is None:
            if error.type_name == "SCHEMAV_ELEMENT_CONTENT":
                continue  # the empty copy of the root lacks its activities, by construction
            path = "/" + ROOT
        else:
            path = path.replace("/" + RECORD, f"/{ROOT}/{RECORD}[{record}]", 1)
        issues.append(
            ValidationIssue(
                file=file_name,
                line=max(cast(int, error.line), 1),
                element=path.rsplit("/", 1)[-1].split("[", 1)[0] or ROOT,
                path=path,
                rule=cast(str, error.type_name),
                message=cast(str, error.message),
            )
        )
    return issues


def read_for_import(
    stream: IO[bytes],
    *,
    file_name: str,
    max_text_length: int = DEFAULT_MAX_TEXT_LENGTH,
    checksum: bool = True,
) -> Iterator[Message]:
    """Yield, in file order, the schema issues of each activity or its ActivityRow, then a
    FileEnd (with the file's SHA-256 unless ``checksum`` is false). Raises IatiError
    (malformed, truncated, refused, 1.x) like ``iter_activities``."""
    schema = load_schema("iati-activities-schema.xsd")
    source = _HashingReader(stream, hashlib.sha256() if checksum else None)
    root: Element = None
    root_version: str | None = None
    records = 0
    for event, element in secure_iterparse(
        cast(IO[bytes], source),
        file_name=file_name,
        max_text_length=max_text_length,
        tags=(ROOT, RECORD),
    ):
        if root is None:
            root = element
            root_version = _root_version(root, file_name)
            schema.validate(etree.Element(root.tag, dict(root.attrib), nsmap=root.nsmap))
            yield from _issues(schema, file_name, None)
            continue
        if event != "end" or element.getparent() is not root:
            continue
        records += 1
        version = root_version or _attr(element, DATASTORE_VERSION) or "2.03"
        check_version(version, file_name=file_name, line=element.sourceline, element=RECORD)
        if schema.validate(element):
            yield extract(element, version)
        else:
            yield from _issues(schema, file_name, records)
        release(element)
    if root is not None and records == 0:
        yield ValidationIssue(
            file=file_name,
            line=cast(int, root.sourceline or 1),
            element=ROOT,
            path="/" + ROOT,
            rule="SCHEMAV_ELEMENT_CONTENT",
            message=_("aucun élément <%(record)s>") % {"record": RECORD},
        )
    yield FileEnd(records=records, sha256=source.digest.hexdigest() if checksum else "")


def _root_version(root: Element, file_name: str) -> str | None:
    version = _attr(root, "version")
    if version is not None:
        check_version(version, file_name=file_name, line=root.sourceline, element=local_name(root))
    return version
