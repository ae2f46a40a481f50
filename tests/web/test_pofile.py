"""The Python ``.po`` -> ``.mo`` compiler reads what gettext writes and Python's gettext reads
what it writes: plurals, contexts, escapes, continuation lines; fuzzy entries stay out."""

from __future__ import annotations

import gettext
import io
import shutil
import subprocess
from pathlib import Path

import pytest

from coopdec.web.pofile import compile_mo, parse_po

SAMPLE = r"""# A comment
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"POT-Creation-Date: 2026-01-01 00:00+0000\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\n"

#: web/templates/web/home.html:3
msgid "Accueil"
msgstr "Home"

msgid ""
"Une phrase sur "
"deux lignes avec des \"guillemets\"\n"
msgstr "A sentence on two lines with \"quotes\"\n"

msgctxt "bouton"
msgid "Fermer"
msgstr "Close"

msgid "%(n)s fiche"
msgid_plural "%(n)s fiches"
msgstr[0] "%(n)s record"
msgstr[1] "%(n)s records"

#, fuzzy
msgid "Deviné"
msgstr "Guessed"

msgid "Pas traduit"
msgstr ""

#~ msgid "Ancien"
#~ msgstr "Old"
"""


def catalog(po: Path) -> gettext.GNUTranslations:
    return gettext.GNUTranslations(io.BytesIO(compile_mo(parse_po(po))))


def test_compiled_catalog_answers_like_gettext(tmp_path: Path) -> None:
    po = tmp_path / "django.po"
    po.write_text(SAMPLE, "utf-8")
    translations = catalog(po)
    assert translations.gettext("Accueil") == "Home"
    assert translations.gettext('Une phrase sur deux lignes avec des "guillemets"\n') == (
        'A sentence on two lines with "quotes"\n'
    )
    assert translations.pgettext("bouton", "Fermer") == "Close"
    assert translations.gettext("Fermer") == "Fermer"  # only in its context
    assert translations.ngettext("%(n)s fiche", "%(n)s fiches", 1) == "%(n)s record"
    assert translations.ngettext("%(n)s fiche", "%(n)s fiches", 3) == "%(n)s records"
    assert translations.gettext("Deviné") == "Deviné"  # fuzzy: not compiled
    assert translations.gettext("Pas traduit") == "Pas traduit"
    assert translations.gettext("Ancien") == "Ancien"  # obsolete
    assert "POT-Creation-Date" not in translations._info  # type: ignore[attr-defined]


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU msgfmt absent (optional check)")
def test_same_catalog_as_gnu_msgfmt(tmp_path: Path) -> None:
    po = tmp_path / "django.po"
    po.write_text(SAMPLE, "utf-8")
    subprocess.run(["msgfmt", "-o", str(tmp_path / "gnu.mo"), str(po)], check=True)
    with (tmp_path / "gnu.mo").open("rb") as handle:
        gnu = gettext.GNUTranslations(handle)
    assert catalog(po)._catalog == gnu._catalog  # type: ignore[attr-defined]


def test_a_broken_line_names_file_and_line(tmp_path: Path) -> None:
    po = tmp_path / "bad.po"
    po.write_text('msgid "a"\nmsgstr oops\n', "utf-8")
    with pytest.raises(ValueError, match=r"bad\.po:2"):
        parse_po(po)
    po.write_text('msgid "a"\nmsgstr "b"\n\nmsgstr "orphan"\n', "utf-8")
    with pytest.raises(ValueError, match=r"bad\.po:4: msgstr sans msgid"):
        parse_po(po)
