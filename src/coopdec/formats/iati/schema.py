"""Validation of IATI files against the official 2.03 XML Schema shipped in the package.

The schema is compiled once per process, offline: its ``xml.xsd`` import and ``iati-common``
include are local files, and the parser may not touch the network.

Validation streams like the reader: each record is validated on its own inside a copy of the
root element, so memory stays bounded and every record gets all its issues, with the line
numbers of the original file (lxml keeps them on copies). Problems of the root element itself
(missing ``version``, no record at all) are reported once.
"""

from __future__ import annotations

import copy
from functools import cache
from importlib.resources import as_file, files
from pathlib import Path
from typing import Any, cast

from lxml import etree

from coopdec.formats.i18n import _
from coopdec.formats.iati.errors import ValidationIssue
from coopdec.formats.iati.xmlsafe import (
    Element,
    Source,
    local_name,
    release,
    secure_iterparse,
    source_name,
)

SCHEMA_DIR = "data/iati/schema-2.03"
_ACTIVITIES_XSD = "iati-activities-schema.xsd"
_ORGANISATIONS_XSD = "iati-organisations-schema.xsd"


@cache
def load_schema(file_name: str) -> Any:
    """The compiled XMLSchema for one of the shipped XSD files (cached)."""
    resource = files("coopdec").joinpath(SCHEMA_DIR, file_name)
    with as_file(resource) as path:
        parser = etree.XMLParser(no_network=True, resolve_entities=False, load_dtd=False)
        document = etree.parse(str(Path(path)), parser)
        return etree.XMLSchema(document)


def validate_activities(source: Source) -> list[ValidationIssue]:
    """Every schema violation of an ``iati-activities`` file (empty list when valid).

    Raises IatiError when the file is not well-formed or is refused for security reasons.
    """
    return _validate(source, "iati-activities", "iati-activity", load_schema(_ACTIVITIES_XSD))


def validate_organisations(source: Source) -> list[ValidationIssue]:
    """Every schema violation of an ``iati-organisations`` file."""
    return _validate(
        source, "iati-organisations", "iati-organisation", load_schema(_ORGANISATIONS_XSD)
    )


def _validate(source: Source, root_tag: str, record_tag: str, schema: Any) -> list[ValidationIssue]:
    file_name = source_name(source)
    issues: list[ValidationIssue] = []
    seen_root_messages: set[str] = set()
    root: Element = None
    records = 0
    for event, element in secure_iterparse(source, file_name=file_name):
        if event == "start":
            root = element
            continue
        if element.getparent() is not root:
            continue
        records += 1 if element.tag == record_tag else 0
        wrapper = etree.Element(root.tag, dict(root.attrib), nsmap=root.nsmap)
        wrapper.append(copy.deepcopy(element))
        schema.validate(wrapper)
        for error in schema.error_log:
            issue = _issue(error, file_name, root, f"{record_tag}[{records}]")
            if issue.path.count("/") <= 1:
                # Root-level problems repeat in every wrapper; keep the first.
                if issue.message in seen_root_messages:
                    continue
                seen_root_messages.add(issue.message)
            issues.append(issue)
        release(element)
    if root is not None and records == 0:
        issues.append(
            ValidationIssue(
                file=file_name,
                line=cast(int, root.sourceline or 1),
                element=local_name(root),
                path="/" + local_name(root),
                rule="SCHEMAV_ELEMENT_CONTENT",
                message=_("aucun élément <%(record)s>") % {"record": record_tag},
            )
        )
    return issues


def _issue(error: Any, file_name: str, root: Element, record: str) -> ValidationIssue:
    # Each wrapper holds one record: put its position in the file back into the path.
    path = cast(str, error.path or "").replace("/" + record.split("[", 1)[0], "/" + record, 1)
    element = path.rsplit("/", 1)[-1].split("[", 1)[0] or local_name(root)
    line = cast(int, error.line)
    if line <= 0:
        line = cast(int, root.sourceline or 1)  # the wrapper is new; its line is the root's
    return ValidationIssue(
        file=file_name,
        line=line,
        element=element,
        path=path,
        rule=cast(str, error.type_name),
        message=cast(str, error.message),
    )
