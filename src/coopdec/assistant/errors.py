"""Errors raised for an invalid project file: every wrong field with its JSON path."""

from __future__ import annotations

from dataclasses import dataclass

from .i18n import _


@dataclass(frozen=True)
class FieldError:
    """One problem: ``path`` is a JSON path such as ``financing[2].amount`` ("" = the root)."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path or '(racine)'} : {self.message}"


class ProjectFileError(ValueError):
    """The project file is invalid; ``errors`` lists every wrong field (path + French message)."""

    def __init__(self, errors: list[FieldError], source: str | None = None) -> None:
        self.errors = list(errors)
        self.source = source
        head = _("Fichier de projet invalide")
        if source:
            head = f"{head} ({source})"
        super().__init__(head + " :\n" + "\n".join(f"  - {e}" for e in self.errors))

    def to_json(self) -> dict[str, object]:
        return {
            "source": self.source,
            "errors": [{"path": e.path, "message": e.message} for e in self.errors],
        }
