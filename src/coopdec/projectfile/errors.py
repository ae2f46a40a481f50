"""The one error type of the project file: every wrong field with its JSON path."""

from __future__ import annotations

from dataclasses import dataclass

from .i18n import _


@dataclass(frozen=True, order=True)
class FieldError:
    """One problem: ``path`` is a JSON path such as ``financing[2].amount`` ("" = the root).

    ``message`` says in French (English once translated) what to supply. The one error type
    of the project file: the parser's errors and what a document lacks are both this.
    """

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
        """The source and every error as ``{"path", "message"}`` (the API's error shape)."""
        return {
            "source": self.source,
            "errors": [{"path": e.path, "message": e.message} for e in self.errors],
        }


class NestingTooDeepError(ProjectFileError):
    """The file nests lists and objects deeper than any project file (``MAX_DEPTH``).

    Raised before a recursive decoder sees the text; interfaces answer it as a bad request
    (HTTP 400, exit code 2) like any other invalid file.
    """
