"""The texts a pure package marks for translation, read from its source (no import needed)."""

from __future__ import annotations

import ast
import re
from collections.abc import Collection
from pathlib import Path

from coopdec.web.pofile import LOCALE_DIR, Entry, parse_po

# printf and str.format placeholders: a translation keeps exactly those of its French text.
PLACEHOLDER = re.compile(r"%(?:\([a-z_]+\))?[sd]|%%|\{[a-z_]+\}")


def marked_texts(package: Path, skip: Collection[str] = ()) -> dict[str, str]:
    """Every string literal given to ``_()`` or ``N_()`` in the modules of ``package`` (but
    the files named in ``skip``), with the place of its first use ("file.py:line")."""
    found: dict[str, str] = {}
    for path in sorted(package.rglob("*.py")):
        if path.name in skip:
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in {"_", "N_"}
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.setdefault(node.args[0].value, f"{path.name}:{node.lineno}")
    return found


def english_entries() -> dict[str, Entry]:
    """The English catalogue's entries by French text."""
    return {e.msgid: e for e in parse_po(LOCALE_DIR / "en" / "LC_MESSAGES" / "django.po")}


def untranslated(texts: dict[str, str]) -> list[str]:
    """``place: text`` of each text with no English translation."""
    entries = english_entries()
    return [
        f"{where}: {text}"
        for text, where in texts.items()
        if text not in entries or not entries[text].translated
    ]


def placeholder_mismatches(texts: dict[str, str]) -> list[str]:
    """The texts whose English translation has other placeholders than the French."""
    entries = english_entries()
    return [
        text
        for text in texts
        if text in entries
        and sorted(PLACEHOLDER.findall(entries[text].msgstr[0]))
        != sorted(PLACEHOLDER.findall(text))
    ]
