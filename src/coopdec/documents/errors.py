"""Errors raised when a document cannot be written from the project file."""

from __future__ import annotations

from collections.abc import Iterable

from coopdec.i18n import _
from coopdec.projectfile import FieldError


class MissingFieldsError(ValueError):
    """A document kind lacks fields; nothing is rendered rather than print a placeholder.

    Every problem is listed at once, so the user fixes the file in one pass.
    """

    def __init__(self, kind: str, problems: Iterable[FieldError]) -> None:
        self.kind = kind
        # The project file's own error type: a path and a French message, like a parse error.
        self.problems: tuple[FieldError, ...] = tuple(sorted(set(problems)))
        lines = "\n".join(f"- {p.path} : {p.message}" for p in self.problems)
        super().__init__(
            _("Le document « {kind} » ne peut pas être produit ; à fournir :\n{lines}").format(
                kind=kind, lines=lines
            )
        )

    @property
    def paths(self) -> tuple[str, ...]:
        """The field paths, in order, without duplicates."""
        return tuple(dict.fromkeys(p.path for p in self.problems))


class UnknownDocumentKindError(ValueError):
    """The requested document kind is not one of ``DOCUMENT_KINDS``."""


class UnknownFormatError(ValueError):
    """The requested output format is neither ``docx`` nor ``pdf``."""
