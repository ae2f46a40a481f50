"""Write the catalogue CSV's Table Schema from the one declaration of the record fields.

    .venv/bin/python scripts/build_catalogue_schema.py          # rewrite the shipped file
    .venv/bin/python scripts/build_catalogue_schema.py --check  # exit 1 if it is not current

The file (``src/coopdec/catalogue/schemas/catalogue.schema.json``) is committed: the importer
reads it and docs/imports.md publishes it, so it only changes when the declaration in
``catalogue/fields.py`` does (``tests/catalogue/test_fields.py`` checks that it is current).
"""

from __future__ import annotations

import os
import sys


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coopdec.settings")
    from coopdec.bootstrap import setup_django

    setup_django()
    from coopdec.catalogue.schemas import CATALOGUE_SCHEMA
    from coopdec.catalogue.schemas.tables import catalogue_csv_text

    text = catalogue_csv_text()
    current = CATALOGUE_SCHEMA.read_text(encoding="utf-8")
    if "--check" in sys.argv[1:]:
        if text != current:
            print(f"{CATALOGUE_SCHEMA} n'est pas à jour : relancez ce script.", file=sys.stderr)
            return 1
        return 0
    if text != current:
        CATALOGUE_SCHEMA.write_text(text, encoding="utf-8")
        print(f"écrit : {CATALOGUE_SCHEMA}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
