"""docs/design.md stays the map of the code: every top-level package and module appears in it."""

from __future__ import annotations

from pathlib import Path

import coopdec

PACKAGE = Path(coopdec.__file__).resolve().parent
DESIGN = Path(__file__).resolve().parents[1] / "docs" / "design.md"
# Non-code folders of the package, and entry-point boilerplate Django and Python look for.
NOT_CODE = {"data", "locale", "__pycache__", "__init__.py", "__main__.py", "py.typed"}


def top_level_names() -> list[str]:
    names = []
    for child in sorted(PACKAGE.iterdir()):
        if child.name in NOT_CODE or child.name.startswith("."):
            continue
        if child.is_dir() and (child / "__init__.py").exists():
            names.append(child.name + "/")
        elif child.suffix == ".py":
            names.append(child.name)
    return names


def test_every_top_level_package_is_described() -> None:
    text = DESIGN.read_text(encoding="utf-8")
    missing = [name for name in top_level_names() if f"coopdec/{name}" not in text]
    assert not missing, f"absent de docs/design.md : {missing}"
