"""Hardened, streaming XML parsing for files that come from outside.

Two independent guards keep DTDs away:
1. the bytes before the root element are scanned and any ``<!DOCTYPE`` or ``<!ENTITY`` is
   refused before libxml2 sees it, so no entity can be declared, expanded, or fetched
   (billion laughs, ``file://`` or ``http://`` external entities);
2. libxml2 itself runs with ``resolve_entities=False, no_network=True, load_dtd=False,
   huge_tree=False``, and the document is refused if it still reports a DTD.

``huge_tree=False`` keeps libxml2's own limits (10 MB per text node, depth 256); a tighter
``max_text_length`` is checked on every text node of every reported element (first on the
subtree's whole text, counted by libxml2: only a subtree longer than the bound is looked at
node by node). Elements are yielded on their "end" event; the caller clears them, which is
what keeps memory bounded whatever the file size. Whitespace-only text between elements
(indentation) is not kept.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any, cast

from lxml import etree

from coopdec.formats.i18n import _
from coopdec.formats.iati.errors import IatiError, IatiSecurityError

Source = str | os.PathLike[str] | IO[bytes]
Element = Any  # lxml ships no type stubs here; elements are handled through a narrow API.

DEFAULT_MAX_TEXT_LENGTH = 1_000_000  # characters; a long IATI description is ~10,000.
_PROLOG_LIMIT = 64 * 1024  # bytes allowed before the root element (XML declaration, comments)
_FORBIDDEN = ("<!DOCTYPE", "<!ENTITY")


def source_name(source: Source) -> str:
    """A name for messages: the path, the stream's ``name``, or ``<flux>``."""
    if isinstance(source, str | os.PathLike):
        return os.fspath(source)
    name = getattr(source, "name", None)
    return name if isinstance(name, str) else _("<flux>")


class _GuardedStream:
    """Serves the checked prolog, then the rest of the underlying stream."""

    def __init__(self, raw: IO[bytes], head: bytes) -> None:
        self._raw = raw
        self._head = head

    def read(self, size: int = -1) -> bytes:
        if self._head:
            # lxml copies what read() returns into a buffer of ``size`` bytes: never more.
            cut = len(self._head) if size < 0 else size
            chunk, self._head = self._head[:cut], self._head[cut:]
            return chunk
        return self._raw.read(size)


def _decode_head(head: bytes) -> str:
    # Markers are ASCII, so latin-1 finds them in any ASCII-compatible encoding; UTF-16
    # needs a real decode or "<!DOCTYPE" would hide behind zero bytes.
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head[: len(head) - len(head) % 2].decode("utf-16", errors="replace")
    return head.decode("latin-1")


def _root_start(text: str) -> int:
    """Index of the root element's ``<``, or -1 when the prolog has not ended yet."""
    index = text.find("<")
    while index != -1 and index + 1 < len(text):
        if text[index + 1] not in "?!":
            return index
        index = text.find("<", index + 1)
    return -1


def _check_prolog(raw: IO[bytes], file_name: str) -> tuple[bytes, str | None]:
    """The bytes read so far and the root element's name (None if not reached)."""
    head = raw.read(_PROLOG_LIMIT)
    text = _decode_head(head)
    end = _root_start(text)
    prolog = text if end == -1 else text[:end]
    for marker in _FORBIDDEN:
        if marker in prolog:
            line = prolog[: prolog.index(marker)].count("\n") + 1
            raise IatiSecurityError(
                _(
                    "déclaration %(marker)s refusée : les DTD et les entités ne sont pas "
                    "acceptées dans un fichier IATI (protection contre l'expansion d'entités "
                    "et l'accès à des fichiers externes)"
                )
                % {"marker": marker[2:]},
                file=file_name,
                line=line,
            )
    if end == -1 and len(head) == _PROLOG_LIMIT:
        raise IatiSecurityError(
            _("aucun élément racine dans les %(limit)d premiers octets") % {"limit": len(head)},
            file=file_name,
            line=prolog.count("\n") + 1,
        )
    root_name = None
    if end != -1:
        root_name = re.split(r"[\s/>]", text[end + 1 :], maxsplit=1)[0]
    return head, root_name


def secure_iterparse(
    source: Source,
    *,
    file_name: str,
    max_text_length: int = DEFAULT_MAX_TEXT_LENGTH,
    tags: tuple[str, ...] | None = None,
) -> Iterator[tuple[str, Element]]:
    """Yield ``("start", root)`` once, then ``("end", element)`` for every element.

    With ``tags`` (``tags[0]`` being the expected root), only those elements are reported,
    and a file whose root is not ``tags[0]`` is refused before parsing; the
    text bound is then checked on each reported element's whole subtree. Filtering in libxml2
    spares a Python round trip per element, which is most of the reading time.

    Raises IatiSecurityError for DTDs and oversized text, IatiError for malformed or
    truncated XML (with the line libxml2 reports).
    """
    if isinstance(source, str | os.PathLike):
        with Path(source).open("rb") as stream:
            yield from _iterparse(stream, file_name, max_text_length, tags)
    else:
        yield from _iterparse(source, file_name, max_text_length, tags)


def _iterparse(
    raw: IO[bytes], file_name: str, max_text_length: int, tags: tuple[str, ...] | None
) -> Iterator[tuple[str, Element]]:
    head, root_name = _check_prolog(raw, file_name)
    if tags and root_name is not None and root_name != tags[0]:
        raise IatiError(
            _("élément racine <%(found)s> inattendu : <%(expected)s> attendu")
            % {"found": root_name, "expected": tags[0]},
            file=file_name,
            line=head[: head.find(b"<" + root_name.encode("latin-1"))].count(b"\n") + 1,
            element=root_name,
        )
    context = etree.iterparse(
        _GuardedStream(raw, head),
        events=("start", "end"),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
        # Indentation between elements is most of the text nodes of a real file (78 % in the
        # benchmark's): not building them spares a few percent of each of the parse, the
        # text bound below, the schema validation and the readers. libxml2 keeps whitespace
        # that is an element's only content, and text in mixed content, so no value the
        # readers use changes (checked on the benchmark's and the real samples' activities).
        remove_blank_text=True,
        tag=tags,
    )
    root_seen = False
    try:
        for event, element in context:
            if not root_seen:
                _refuse_dtd(element, file_name)
                root_seen = True
                yield event, element
            elif event == "end":
                if tags is None:
                    _check_text((element.text or "",), element, file_name, max_text_length)
                elif _TEXT_LENGTH(element) > max_text_length:
                    # No node can be longer than all the subtree's text together: only then
                    # are the nodes looked at one by one (a Python string each, the slow way).
                    _check_text(element.itertext(), element, file_name, max_text_length)
                yield event, element
    except etree.XMLSyntaxError as exc:
        # The exception's own message is sometimes a generic "no element found" at line 0;
        # the parser's log holds the first real error with its position.
        entries = list(context.error_log)
        first = entries[0] if entries else None
        detail = cast(str, first.message if first is not None else exc.msg)
        line = cast(int | None, first.line if first is not None else exc.lineno)
        raise IatiError(
            _("XML mal formé ou fichier tronqué : %(detail)s") % {"detail": detail},
            file=file_name,
            line=line or None,
        ) from None
    if not root_seen:
        raise IatiError(_("fichier vide : aucun élément XML"), file=file_name)


# The characters of a subtree's text, counted in libxml2 without building Python strings.
_TEXT_LENGTH = etree.XPath("string-length(.)")


def _check_text(
    texts: Iterable[str], element: Element, file_name: str, max_text_length: int
) -> None:
    for text in texts:
        if len(text) > max_text_length:
            raise IatiSecurityError(
                _("texte de %(size)d caractères, au-delà de la limite de %(limit)d")
                % {"size": len(text), "limit": max_text_length},
                file=file_name,
                line=cast(int | None, element.sourceline),
                element=local_name(element),
            )


def _refuse_dtd(root: Element, file_name: str) -> None:
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise IatiSecurityError(
            _("DTD refusée : les fichiers IATI ne doivent pas déclarer de DOCTYPE"),
            file=file_name,
            line=1,
        )


def local_name(element: Element) -> str:
    """The tag without its namespace (IATI elements have none; extensions do)."""
    tag = cast(str, element.tag)
    return tag.rsplit("}", 1)[-1]


def release(element: Element) -> None:
    """Free a processed child of the root, and its already-processed siblings."""
    element.clear(keep_tail=False)
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]
