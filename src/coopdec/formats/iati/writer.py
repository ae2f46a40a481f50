"""Streaming writers for IATI 2.03 activity and organisation files.

Records are serialised one at a time through ``lxml.etree.xmlfile``, so writing a catalogue of
any size needs the memory of one activity. The output is deterministic (same input, same
bytes), which is what makes export -> import -> export comparable byte for byte.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import TypeVar

from lxml import etree

from coopdec.formats.i18n import _
from coopdec.formats.iati import model as m
from coopdec.formats.iati.v2 import WRITE_VERSIONS
from coopdec.formats.iati.v2.write import activity_element, organisation_element
from coopdec.formats.iati.xmlsafe import Element, Source, source_name

T = TypeVar("T")


def write_activities(
    activities: Iterable[m.Activity],
    out: Source,
    *,
    generated_datetime: datetime,
    version: str = "2.03",
) -> int:
    """Write an ``iati-activities`` file to ``out`` (path or binary file); return the count.

    Raises ValueError for an unsupported version or a naive ``generated_datetime``, and
    IatiError (naming the activity and the element) when an activity lacks something the
    schema requires; a partly written file must then be discarded by the caller.
    """
    return _write(activities, out, "iati-activities", activity_element, generated_datetime, version)


def write_organisation(
    organisation: m.Organisation,
    out: Source,
    *,
    generated_datetime: datetime | None = None,
    version: str = "2.03",
) -> None:
    """Write an ``iati-organisations`` file holding one organisation record."""
    _write(
        [organisation], out, "iati-organisations", organisation_element, generated_datetime, version
    )


def _write(
    records: Iterable[T],
    out: Source,
    root_tag: str,
    build: Callable[..., Element],
    generated_datetime: datetime | None,
    version: str,
) -> int:
    if version not in WRITE_VERSIONS:
        raise ValueError(
            _("version IATI %(version)s non prise en charge en écriture (versions : %(known)s)")
            % {"version": version, "known": ", ".join(sorted(WRITE_VERSIONS))}
        )
    attributes = {"version": version}
    if generated_datetime is not None:
        if generated_datetime.utcoffset() is None:
            raise ValueError(_("generated_datetime doit porter un fuseau horaire"))
        attributes["generated-datetime"] = generated_datetime.isoformat()
    file_name = source_name(out)
    count = 0
    with etree.xmlfile(out, encoding="utf-8") as xf:
        xf.write_declaration()
        with xf.element(root_tag, attributes):
            for record in records:
                xf.write("\n")
                xf.write(build(record, file_name=file_name), pretty_print=True)
                count += 1
            xf.write("\n")
    return count
