"""Read gettext ``.po`` files and write ``.mo`` files, in Python (no GNU gettext needed).

Django's ``compilemessages`` calls GNU ``msgfmt``, which CI machines may lack. The ``.mo``
files are committed; ``tests/web/test_translations.py`` checks that each one is exactly what
this module compiles from its ``.po``. After editing a ``.po``:

    python -m coopdec.web.pofile            # recompiles every src/coopdec/locale/*/LC_MESSAGES/*.po

Fuzzy entries are left out, as ``msgfmt`` does, so a guessed translation never reaches users.
"""

from __future__ import annotations

import ast
import struct
import sys
from dataclasses import dataclass, field
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"


@dataclass
class Entry:
    msgid: str = ""
    msgstr: list[str] = field(default_factory=list)
    context: str | None = None
    plural: str | None = None
    fuzzy: bool = False
    references: list[str] = field(default_factory=list)  # "path:line" from "#:" comments

    @property
    def key(self) -> str:
        """The ``.mo`` key: context, EOT, id (and NUL, plural id)."""
        key = self.msgid if self.plural is None else f"{self.msgid}\0{self.plural}"
        return key if self.context is None else f"{self.context}\x04{key}"

    @property
    def translated(self) -> bool:
        return any(self.msgstr) and not self.fuzzy


def _unquote(text: str, path: Path, number: int) -> str:
    text = text.strip()
    if not (text.startswith('"') and text.endswith('"')):
        raise ValueError(f"{path}:{number}: chaîne entre guillemets attendue, lu {text!r}")
    # C escapes of gettext (\n, \t, \", \\) are a subset of Python's.
    return str(ast.literal_eval(text))


def parse_po(path: Path) -> list[Entry]:
    """Entries of a ``.po`` file, header included (its msgid is the empty string)."""
    entries: list[Entry] = []
    current = Entry()
    target: tuple[str, int] | None = None  # which field continuation lines extend
    started = False
    has_msgid = False

    def finish() -> None:
        nonlocal current, started, has_msgid
        if started:
            entries.append(current)
        current, started, has_msgid = Entry(), False, False

    for number, raw in enumerate(path.read_text("utf-8").splitlines(), start=1):
        line = raw.strip()
        if line.startswith("#~"):
            continue  # obsolete entries are kept for translators, never compiled
        if not line or line.startswith("#"):
            if line.startswith("#:"):
                if started and current.msgstr:
                    finish()
                current.references += line[2:].split()
            elif line.startswith("#,") and "fuzzy" in line:
                if started:
                    finish()
                current.fuzzy = True
            elif not line and started:
                finish()
            continue
        keyword, _, rest = line.partition(" ")
        if line.startswith('"'):
            if target is None:
                raise ValueError(f"{path}:{number}: suite de chaîne sans mot-clé")
            value = _unquote(line, path, number)
            name, index = target
            if name == "msgstr":
                current.msgstr[index] += value
            else:
                setattr(current, name, (getattr(current, name) or "") + value)
            continue
        if keyword in ("msgctxt", "msgid") and started and current.msgstr:
            finish()
        started = True
        value = _unquote(rest, path, number)
        if keyword == "msgctxt":
            current.context, target = value, ("context", 0)
        elif keyword == "msgid":
            current.msgid, target, has_msgid = value, ("msgid", 0), True
        elif not has_msgid and keyword.startswith(("msgid_plural", "msgstr")):
            raise ValueError(f"{path}:{number}: {keyword} sans msgid")
        elif keyword == "msgid_plural":
            current.plural, target = value, ("plural", 0)
        elif keyword.startswith("msgstr"):
            index = int(keyword[7:-1]) if keyword.startswith("msgstr[") else 0
            while len(current.msgstr) <= index:
                current.msgstr.append("")
            current.msgstr[index] = value
            target = ("msgstr", index)
        else:
            raise ValueError(f"{path}:{number}: mot-clé inconnu {keyword!r}")
    finish()
    return entries


def compile_mo(entries: list[Entry]) -> bytes:
    """GNU ``.mo`` bytes (little-endian, no hash table), keys sorted as ``msgfmt`` does."""
    catalog = {
        e.key.encode("utf-8"): "\0".join(e.msgstr).encode("utf-8")
        for e in entries
        if e.translated and e.key
    }
    header = next((e for e in entries if e.key == "" and e.msgstr), None)
    if header:
        # As msgfmt: the extraction date changes on every makemessages, the catalogue does not.
        lines = header.msgstr[0].splitlines(keepends=True)
        kept = "".join(x for x in lines if not x.startswith("POT-Creation-Date:"))
        catalog[b""] = kept.encode("utf-8")
    keys = sorted(catalog)
    header_size = 7 * 4
    table = 8 * len(keys)
    ids_offset, strs_offset = header_size, header_size + table
    data_offset = header_size + 2 * table
    ids, strs = b"", b""
    id_index, str_index = [], []
    for key in keys:
        id_index.append((len(key), data_offset + len(ids)))
        ids += key + b"\0"
    values_offset = data_offset + len(ids)
    for key in keys:
        value = catalog[key]
        str_index.append((len(value), values_offset + len(strs)))
        strs += value + b"\0"
    output = struct.pack("<7I", 0x950412DE, 0, len(keys), ids_offset, strs_offset, 0, 0)
    output += b"".join(struct.pack("<2I", *pair) for pair in id_index)
    output += b"".join(struct.pack("<2I", *pair) for pair in str_index)
    return output + ids + strs


def po_files(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    return sorted(locale_dir.glob("*/LC_MESSAGES/*.po"))


def main() -> int:
    for po in po_files():
        mo = po.with_suffix(".mo")
        mo.write_bytes(compile_mo(parse_po(po)))
        print(f"{mo.relative_to(LOCALE_DIR.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
