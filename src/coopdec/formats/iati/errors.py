"""Errors and issues reported on IATI files, with their location and a French reason."""

from __future__ import annotations

from dataclasses import dataclass

from coopdec.formats.i18n import _


class IatiError(Exception):
    """A file that cannot be read or written: where, on which element, and why.

    ``line`` and ``element`` are None when the problem is not tied to a place in the file
    (an unreadable file, an activity that cannot be written).
    """

    def __init__(
        self,
        reason: str,
        *,
        file: str,
        line: int | None = None,
        element: str | None = None,
    ) -> None:
        self.reason = reason
        self.file = file
        self.line = line
        self.element = element
        super().__init__(self.describe())

    def describe(self) -> str:
        where = [self.file]
        if self.line is not None:
            where.append(_("ligne %(line)d") % {"line": self.line})
        if self.element is not None:
            where.append(_("élément <%(element)s>") % {"element": self.element})
        return f"{', '.join(where)} : {self.reason}"


class IatiSecurityError(IatiError):
    """The file uses a construct that is refused on principle (DTD, entity declaration)."""


class IatiVersionError(IatiError):
    """The file declares a version this reader does not accept (1.x, unknown)."""


@dataclass(frozen=True, slots=True)
class ValidationIssue:
    """One XML Schema violation.

    ``rule`` is libxml2's error type (e.g. SCHEMAV_ELEMENT_CONTENT), stable enough to group
    issues; ``path`` is the XPath of the offending element within its activity.
    """

    file: str
    line: int
    element: str
    path: str
    rule: str
    message: str

    def describe(self) -> str:
        return _("%(file)s, ligne %(line)d, élément <%(element)s> : %(message)s (%(rule)s)") % {
            "file": self.file,
            "line": self.line,
            "element": self.element,
            "message": self.message,
            "rule": self.rule,
        }
