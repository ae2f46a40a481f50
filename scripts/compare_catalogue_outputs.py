"""The catalogue's outward outputs in a folder, to compare two versions of coopdec byte for byte.

    COOPDEC_DATA_DIR=/tmp/x .venv/bin/python scripts/compare_catalogue_outputs.py OUT_DIR
    diff -r OUT_A OUT_B

Run it with the virtual environment of each version (each one imports its own ``coopdec``) on
copies of the same data directory. Written: for the 208 queries of the search benchmark's
fixed mix, ``coopdec search ... --json`` (through Typer's runner, the CLI's own code) and
``GET /api/v1/search``; the open-data exports (CSV, JSON, GeoJSON, XLSX, data package, Table
Schema) through the API and the CLI; the IATI activities file. The query mix is rebuilt here
(seeded as in the benchmark) so that both versions ask the same thing whatever module holds it.
"""

from __future__ import annotations

import hashlib
import io
import os
import random
import sys
import tempfile
import zipfile
from pathlib import Path
from urllib.parse import urlencode

WORDS = (
    "eau", "potable", "assainissement", "énergie", "solaire", "santé", "formation",
    "écoles", "coopération", "jeunesse", "patrimoine", "déchets", "agricoles", "transports",
    "gouvernance", "décentralisation", "femmes", "forêts", "numérique", "tourisme", "marchés",
    "hôpitaux", "enseignants", "climat", "élevage", "urbanisme", "culture", "sport", "migrants",
)  # fmt: skip
FILTERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("theme", ("eau_assainissement", "sante", "education_formation", "agriculture_alimentation",
               "energie_climat", "culture_patrimoine", "gouvernance_locale")),
    ("country", ("SN", "ML", "BF", "MG", "MA", "TN", "VN", "HT", "CM", "BJ")),
    ("zone", ("afrique_subsaharienne", "afrique_nord", "asie_oceanie", "europe")),
    ("status", ("active", "ended", "planned")),
    ("open", ("true",)),
    ("relation_type", ("jumelage", "cooperation", "convention_cadre", "projet")),
    ("authority_kind", ("commune", "epci", "departement", "region")),
    ("region", ("84", "53", "11", "75", "76", "93")),
    ("sdg", ("3", "4", "6", "11")),
    ("year_from", ("2000", "2010", "2018")),
)  # fmt: skip
CLI_OPTIONS = {"open": "--open", "relation_type": "--relation-type",
               "authority_kind": "--authority-kind", "year_from": "--year-from"}  # fmt: skip


def query_mix(count: int = 208, seed: int = 7) -> list[dict[str, str]]:
    """The search benchmark's mix (``catalogue/search/bench.py``), same seed and draws."""
    from coopdec.textnorm import fold

    rng = random.Random(seed)  # noqa: S311 (a fixed mix, not secrets)
    mix = []
    for _ in range(count):
        words = rng.sample(WORDS, rng.choice((1, 1, 2, 2, 3)))
        words = [fold(w) if rng.random() < 0.4 else w for w in words]
        if rng.random() < 0.3 and len(words[-1]) > 4:
            words[-1] = words[-1][: rng.randint(3, len(words[-1]) - 1)]
        params = {"q": " ".join(words) + ("" if rng.random() < 0.5 else " ")}
        for name, values in rng.sample(FILTERS, rng.choice((0, 1, 1, 2, 3))):
            params[name] = rng.choice(values)
        params["page"] = "1" if rng.random() < 0.8 else str(rng.randint(2, 5))
        params["page_size"] = "20"
        mix.append(params)
    return mix


def cli_args(params: dict[str, str]) -> list[str]:
    args = ["search", params["q"]]
    for name, value in params.items():
        if name == "q":
            continue
        option = CLI_OPTIONS.get(name, "--" + name.replace("_", "-"))
        args += [option] if name == "open" else [option, value]
    return [*args, "--json"]


def normal_xlsx(data: bytes) -> bytes:
    """The workbook's parts, sorted, without the zip's own timestamps."""
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        return b"".join(
            name.encode() + b"\n" + book.read(name) + b"\n" for name in sorted(book.namelist())
        )


def main() -> None:
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coopdec.settings")
    os.environ["COOPDEC_DEBUG"] = "0"
    from typer.testing import CliRunner

    from coopdec.bootstrap import setup_django
    from coopdec.cli.app import app

    setup_django()
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    runner = CliRunner()
    for number, params in enumerate(query_mix()):
        result = runner.invoke(app, cli_args(params))
        (out / f"cli-{number:03d}.json").write_text(f"{result.exit_code}\n{result.stdout}")
        response = client.get("/api/v1/search?" + urlencode(params), secure=True)
        (out / f"api-{number:03d}.json").write_bytes(
            f"{response.status_code}\n".encode() + response.content
        )
    exports = [
        "catalogue.csv", "catalogue.json", "catalogue.geojson", "catalogue.xlsx",
        "catalogue.csv?country=SN", "catalogue.json?theme=eau_assainissement",
        "catalogue.datapackage.json", "catalogue.schema.json", "iati/activities.xml",
    ]  # fmt: skip
    for name in exports:
        response = client.get("/api/v1/exports/" + name, secure=True)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        if name.endswith("xlsx") and response.status_code == 200:
            body = normal_xlsx(body)
        safe = name.replace("/", "_").replace("?", "_").replace("=", "_")
        (out / f"export-api-{safe}").write_bytes(f"{response.status_code}\n".encode() + body)
    with tempfile.TemporaryDirectory() as folder:
        for fmt in ("csv", "json", "geojson", "xlsx"):
            target = Path(folder) / f"catalogue.{fmt}"
            result = runner.invoke(app, ["export", fmt, str(target)])
            body = target.read_bytes() if target.exists() else b""
            if fmt == "xlsx" and body:
                body = normal_xlsx(body)
            (out / f"export-cli-{fmt}").write_bytes(f"{result.exit_code}\n".encode() + body)
    digest = hashlib.sha256()
    for path in sorted(out.iterdir()):
        digest.update(path.name.encode() + path.read_bytes())
    print(f"{len(list(out.iterdir()))} files, sha256 {digest.hexdigest()}")


if __name__ == "__main__":
    main()
