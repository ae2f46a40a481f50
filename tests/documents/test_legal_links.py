"""Law is cited from the official source (Légifrance), never from a private legal site."""

from __future__ import annotations

import re
from pathlib import Path

import coopdec

PACKAGE = Path(coopdec.__file__).parent
ROOT = PACKAGE.parent.parent
# Commercial legal databases that republish the codes: a citizen may hit a paywall there.
PRIVATE_LEGAL_SITES = re.compile(r"https?://(www\.)?(doctrine\.fr|dalloz\.fr|lexis360\.fr)")


def _texts() -> list[Path]:
    suffixes = {".py", ".yaml", ".yml", ".md", ".html", ".po"}
    files = [p for p in PACKAGE.rglob("*") if p.suffix in suffixes]
    return files + sorted((ROOT / "docs").glob("*.md"))


def test_legal_links_point_to_legifrance() -> None:
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in _texts()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if PRIVATE_LEGAL_SITES.search(line)
    ]
    assert offenders == []


def test_the_documents_cite_the_cgct_on_legifrance() -> None:
    from coopdec.documents import legal

    text = Path(legal.__file__).read_text(encoding="utf-8")
    assert "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000006389099" in text
