"""Streaming readers for IATI activity and organisation files.

Memory stays bounded whatever the file size: each record is converted to plain data as soon as
its end tag is parsed, then its element and the already-seen siblings are freed.

Versions: the root's ``version`` attribute decides. Files cut out of the codeforIATI datastore
have no root version but carry ``iati-extra:version`` on each record; that is accepted as well.
A file with no version at all is refused unless the caller passes ``default_version``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TypeVar, cast

from coopdec.formats.i18n import _
from coopdec.formats.iati import model as m
from coopdec.formats.iati.errors import IatiError, IatiVersionError
from coopdec.formats.iati.v2 import READ_VERSIONS
from coopdec.formats.iati.v2.parse import parse_activity, parse_organisation
from coopdec.formats.iati.xmlsafe import (
    DEFAULT_MAX_TEXT_LENGTH,
    Element,
    Source,
    local_name,
    release,
    secure_iterparse,
    source_name,
)

DATASTORE_VERSION = "{https://datastore.codeforiati.org/ns}version"
T = TypeVar("T")

# One entry per supported version: adding 2.04 or a 1.x reader means adding a module.
_ACTIVITY_PARSERS: dict[str, Callable[..., m.Activity]] = dict.fromkeys(
    READ_VERSIONS, parse_activity
)
_ORGANISATION_PARSERS: dict[str, Callable[..., m.Organisation]] = dict.fromkeys(
    READ_VERSIONS, parse_organisation
)


def check_version(version: str, *, file_name: str, line: int | None, element: str) -> None:
    """Raise IatiVersionError unless ``version`` is one this package reads."""
    if version in READ_VERSIONS:
        return
    if version.startswith("1."):
        reason = _(
            "version IATI %(version)s refusée : les fichiers 1.x ne sont pas acceptés, "
            "seules les versions 2.01 à 2.03 le sont"
        )
    else:
        reason = _(
            "version IATI %(version)s inconnue : seules les versions 2.01 à 2.03 sont acceptées"
        )
    raise IatiVersionError(
        reason % {"version": version}, file=file_name, line=line, element=element
    )


def iter_activities(
    source: Source,
    *,
    max_text_length: int = DEFAULT_MAX_TEXT_LENGTH,
    default_version: str | None = None,
) -> Iterator[m.Activity]:
    """Yield every activity of an ``iati-activities`` file, streaming.

    ``source`` is a path or a binary file object. Raises IatiError (file, line, element,
    reason in French) for malformed, truncated, refused or unsupported input.
    """
    return _iter_records(
        source,
        root_tag="iati-activities",
        record_tag="iati-activity",
        parsers=_ACTIVITY_PARSERS,
        max_text_length=max_text_length,
        default_version=default_version,
    )


def iter_organisations(
    source: Source,
    *,
    max_text_length: int = DEFAULT_MAX_TEXT_LENGTH,
    default_version: str | None = None,
) -> Iterator[m.Organisation]:
    """Yield every organisation of an ``iati-organisations`` file, streaming."""
    return _iter_records(
        source,
        root_tag="iati-organisations",
        record_tag="iati-organisation",
        parsers=_ORGANISATION_PARSERS,
        max_text_length=max_text_length,
        default_version=default_version,
    )


def _iter_records(
    source: Source,
    *,
    root_tag: str,
    record_tag: str,
    parsers: dict[str, Callable[..., T]],
    max_text_length: int,
    default_version: str | None,
) -> Iterator[T]:
    file_name = source_name(source)
    root: Element = None
    root_version: str | None = None
    for event, element in secure_iterparse(
        source, file_name=file_name, max_text_length=max_text_length, tags=(root_tag, record_tag)
    ):
        if root is None:
            root = element
            root_version = _root_version(element, root_tag, file_name)
            continue
        if event != "end" or element.getparent() is not root:
            continue  # a record's start, a nested record-named element, or the root's end
        if element.tag == record_tag:
            version = root_version or element.get(DATASTORE_VERSION) or default_version
            if version is None:
                raise IatiVersionError(
                    _("version IATI absente (attribut « version » de <%(root)s>)")
                    % {"root": root_tag},
                    file=file_name,
                    line=cast(int | None, root.sourceline),
                    element=root_tag,
                )
            check_version(version, file_name=file_name, line=element.sourceline, element=record_tag)
            yield parsers[version](element, file_name=file_name)
        release(element)


def _root_version(root: Element, root_tag: str, file_name: str) -> str | None:
    if local_name(root) != root_tag or root.tag != root_tag:
        raise IatiError(
            _("élément racine <%(found)s> inattendu : <%(expected)s> attendu")
            % {"found": local_name(root), "expected": root_tag},
            file=file_name,
            line=cast(int | None, root.sourceline),
            element=local_name(root),
        )
    version = cast(str | None, root.get("version"))
    if version is not None:
        version = version.strip()
        check_version(version, file_name=file_name, line=root.sourceline, element=root_tag)
    return version
