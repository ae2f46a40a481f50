"""Read and write dotted paths (``instruments.convention.signed``) in a project file mapping."""

from __future__ import annotations

from typing import Any


def get_path(data: dict[str, Any], path: str) -> Any:
    node: Any = data
    for key in path.split("."):
        if not isinstance(node, dict):
            return None
        node = node.get(key)
    return node


def set_path(data: dict[str, Any], path: str, value: Any) -> None:
    """Set ``path`` to ``value``; ``None`` removes the key and the objects it leaves empty.

    An empty object and a missing one would both mean "nothing supplied"; removing it keeps
    the exported file free of clutter.
    """
    keys = path.split(".")
    parents: list[dict[str, Any]] = [data]
    node = data
    for key in keys[:-1]:
        child = node.get(key)
        if not isinstance(child, dict):
            if value is None:
                return
            child = {}
            node[key] = child
        parents.append(child)
        node = child
    if value is None:
        node.pop(keys[-1], None)
        for depth in range(len(keys) - 1, 0, -1):
            if parents[depth]:
                break
            parents[depth - 1].pop(keys[depth - 1], None)
    else:
        node[keys[-1]] = value
