"""Errors raised when a document cannot be written from the project file."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from coopdec.documents.i18n import _


@dataclass(frozen=True, order=True)
class FieldProblem:
    """One field of the project file a document needs but cannot use.

    ``path`` uses the project-file keys (``budget.total``, ``financing[2].program``) so the
    caller can point at the exact field; ``reason`` says in French what to supply.
    """

    path: str
    reason: str


class MissingFieldsError(ValueError):
    """A document kind lacks fields; nothing is rendered rather than print a placeholder.

    Every problem is listed at once, so the user fixes the file in one pass.
    """

    def __init__(self, kind: str, problems: Iterable[FieldProblem]) -> None:
        self.kind = kind
        self.problems: tuple[FieldProblem, ...] = tuple(sorted(set(problems)))
        lines = "\n".join(f"- {p.path} : {p.reason}" for p in self.problems)
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
