"""Read a project file from disk (.yaml, .yml or .json, UTF-8)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from .errors import FieldError, ProjectFileError
from .i18n import _
from .model import Project
from .parsing import parse_project


def _decode(path: Path, text: str) -> Any:
    suffix = path.suffix.lower()
    if suffix == ".json":
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise ProjectFileError(
                [
                    FieldError(
                        "",
                        _("JSON invalide, ligne %d, colonne %d : %s")
                        % (exc.lineno, exc.colno, exc.msg),
                    )
                ],
                str(path),
            ) from exc
    if suffix in {".yaml", ".yml"}:
        try:
            return yaml.safe_load(text)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            problem = getattr(exc, "problem", None) or str(exc)
            if mark is not None:
                message = _("YAML invalide, ligne %d, colonne %d : %s") % (
                    mark.line + 1,
                    mark.column + 1,
                    problem,
                )
            else:
                message = _("YAML invalide : %s") % problem
            raise ProjectFileError([FieldError("", message)], str(path)) from exc
    raise ProjectFileError(
        [FieldError("", _("extension non prise en charge (attendu : .yaml, .yml ou .json)"))],
        str(path),
    )


def load_project_file(path: str | Path) -> Project:
    """Read and parse a project file; raise :class:`ProjectFileError` naming the file."""
    file_path = Path(path)
    try:
        text = file_path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ProjectFileError(
            [FieldError("", _("le fichier n'est pas en UTF-8"))], str(file_path)
        ) from exc
    except OSError as exc:
        raise ProjectFileError(
            [FieldError("", _("fichier illisible : %s") % exc.strerror)], str(file_path)
        ) from exc
    data = _decode(file_path, text)
    if not isinstance(data, dict):
        raise ProjectFileError(
            [FieldError("", _("le fichier doit contenir un objet (clé: valeur) à la racine"))],
            str(file_path),
        )
    return parse_project(data, source=str(file_path))
