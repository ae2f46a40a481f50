"""The project file: one typed model, one parser, one error type (pure, no Django).

Every interface reads a project file here once, and everything after takes a
:class:`ProjectFile`: the rules engine and the funding finder (``coopdec.assistant``), the
documents (``coopdec.documents``) and the web workspace. JSON and YAML exist only at the
edges (``parse_bytes``, ``load_project_file``, ``project_to_dict``).

    load_project_file(path) -> ProjectFile      parse_bytes(content, filename) -> ProjectFile
    parse_project(mapping) -> ProjectFile        project_to_dict(project) -> dict
    schema.json_schema() -> dict                 paths.LEAD_KIND, paths.FINANCING ... (FieldPath)
"""

from __future__ import annotations

from .errors import FieldError, NestingTooDeepError, ProjectFileError
from .export import project_to_dict
from .model import AUTHORITY_KINDS, FORMAT_VERSION, MAX_DEPTH, MAX_ITEMS, ProjectFile
from .parser import (
    decode_json,
    depth_error,
    json_too_deep,
    load_project_file,
    parse_bytes,
    parse_decoded,
    parse_project,
    too_deep,
)

__all__ = [
    "AUTHORITY_KINDS",
    "FORMAT_VERSION",
    "MAX_DEPTH",
    "MAX_ITEMS",
    "FieldError",
    "NestingTooDeepError",
    "ProjectFile",
    "ProjectFileError",
    "decode_json",
    "depth_error",
    "json_too_deep",
    "load_project_file",
    "parse_bytes",
    "parse_decoded",
    "parse_project",
    "project_to_dict",
    "too_deep",
]
