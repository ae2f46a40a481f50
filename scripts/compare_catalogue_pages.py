"""Capture the catalogue pages of the benchmark queries, and compare two captures.

    # in a tree (or a baseline venv), with a data directory of its own:
    COOPDEC_DATA_DIR=/tmp/pages-a python scripts/compare_catalogue_pages.py capture a.json
    COOPDEC_DATA_DIR=/tmp/pages-b python scripts/compare_catalogue_pages.py capture b.json
    python scripts/compare_catalogue_pages.py compare a.json b.json

``capture`` builds the catalogue the page benchmark builds (``coopdec init``, ``--size``
synthetic projects with seed 1, the index) in an EMPTY data directory, then renders every
query of the benchmark mix (``query_mix``) through Django's test client, in French and in
English, as the full page and as the htmx fragment, and writes the bodies to a JSON file.
``capture`` imports only what both trees have, so it runs unchanged under a baseline venv.

``compare`` normalises whitespace (runs of whitespace become one space, none is kept next
to a tag's angle brackets) and reports every page that differs, with the first difference.
Exit status 0 when all pages are the same, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path

LANGUAGES = ("fr", "en")
HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "catalogue-results"}


def capture(size: int, queries: int, out: Path) -> int:
    """Build the benchmark catalogue and write every page's body to ``out``; the count."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coopdec.settings")
    import django

    django.setup()
    from urllib.parse import urlencode

    from coopdec.catalogue.search.bench import query_mix
    from django.test import Client

    from coopdec.catalogue.search import rebuild_index, synthetic
    from coopdec.platform import initialise

    initialise()
    synthetic.load(size, seed=1)
    rebuild_index()
    pages: dict[str, str] = {}
    for language in LANGUAGES:
        client = Client()  # follows the page's redirect to its canonical address
        client.cookies["django_language"] = language
        for number, params in enumerate(query_mix(queries)):
            query = urlencode(params)
            for kind, headers in (("page", {}), ("fragment", HTMX)):
                response = client.get(f"/catalogue/?{query}", secure=True, follow=True, **headers)  # type: ignore[arg-type]
                if response.status_code != 200:
                    raise SystemExit(f"{language} {query}: HTTP {response.status_code}")
                pages[f"{language} {kind} {number:03d} ?{query}"] = response.content.decode()
    out.write_text(json.dumps(pages, ensure_ascii=False, indent=0), encoding="utf-8")
    return len(pages)


def normalise(html: str) -> str:
    """Whitespace-insensitive form: the differences templates make and a browser ignores."""
    html = re.sub(r"\s+", " ", html)
    return re.sub(r"\s*([<>])\s*", r"\1", html).strip()


def first_difference(a: str, b: str, context: int = 80) -> str:
    at = next(
        (i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
    )
    start = max(0, at - context)
    return f"  before: …{a[start : at + context]}…\n  after:  …{b[start : at + context]}…"


def compare(before: Path, after: Path) -> int:
    """Print the differing pages; the number of them."""
    old = json.loads(before.read_text(encoding="utf-8"))
    new = json.loads(after.read_text(encoding="utf-8"))
    if old.keys() != new.keys():
        print(f"different page sets: {len(old)} and {len(new)} pages")
        return max(1, len(old.keys() ^ new.keys()))
    differing = 0
    for key in old:
        a, b = normalise(old[key]), normalise(new[key])
        if a != b:
            differing += 1
            if differing <= 5:
                print(f"DIFFERENT {key}\n{first_difference(a, b)}")
    print(f"{len(old)} pages compared, {len(old) - differing} the same, {differing} different")
    return differing


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    take = commands.add_parser("capture")
    take.add_argument("out", type=Path)
    take.add_argument("--size", type=int, default=10_000)
    take.add_argument("--queries", type=int, default=208)
    check = commands.add_parser("compare")
    check.add_argument("before", type=Path)
    check.add_argument("after", type=Path)
    options = parser.parse_args()
    if options.command == "capture":
        print(f"{capture(options.size, options.queries, options.out)} pages in {options.out}")
        return
    sys.exit(1 if compare(options.before, options.after) else 0)


if __name__ == "__main__":
    main()
