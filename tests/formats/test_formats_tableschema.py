"""Table Schema validation of CSV imports: encodings, separators, and every problem listed."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from coopdec.formats.tableschema import (
    SchemaError,
    TableError,
    TableSchema,
    load_schema,
    read_csv,
)

DESCRIPTOR = {
    "fields": [
        {"name": "id", "type": "integer", "constraints": {"required": True, "minimum": 1}},
        {"name": "titre", "type": "string", "constraints": {"required": True, "maxLength": 80}},
        {"name": "pays", "type": "string", "constraints": {"pattern": "[A-Z]{2}"}},
        {"name": "statut", "type": "string", "constraints": {"enum": ["en cours", "terminé"]}},
        {"name": "budget", "type": "number", "decimalChar": ",", "groupChar": " "},
        {"name": "ouvert", "type": "boolean", "trueValues": ["oui"], "falseValues": ["non"]},
        {"name": "debut", "type": "date", "format": "%d/%m/%Y"},
        {"name": "annee", "type": "year", "constraints": {"minimum": 1950, "maximum": 2100}},
        {"name": "code", "type": "string", "constraints": {"unique": True}},
    ],
    "primaryKey": ["id"],
    "missingValues": ["", "NA"],
}
HEADER = "id,titre,pays,statut,budget,ouvert,debut,annee,code"


@pytest.fixture
def schema(tmp_path: Path) -> TableSchema:
    path = tmp_path / "schema.json"
    path.write_text(json.dumps(DESCRIPTOR), encoding="utf-8")
    return load_schema(path)


def _problems(data: bytes, schema: TableSchema) -> list[tuple[int | None, str | None, str]]:
    with pytest.raises(TableError) as caught:
        read_csv(data, schema, filename="projets.csv")
    assert all(p.file == "projets.csv" for p in caught.value.problems)
    return [(p.line, p.column, p.reason) for p in caught.value.problems]


def test_utf8_file_gives_typed_rows(schema: TableSchema) -> None:
    data = f'{HEADER}\n1,Eau à Kayes,ML,en cours,"12 500,50",oui,15/01/2023,2023,A\n'.encode()
    [row] = read_csv(data, schema, filename="projets.csv")
    assert row == {
        "id": 1,
        "titre": "Eau à Kayes",
        "pays": "ML",
        "statut": "en cours",
        "budget": Decimal("12500.50"),
        "ouvert": True,
        "debut": date(2023, 1, 15),
        "annee": 2023,
        "code": "A",
    }


def test_utf8_with_bom_is_read(schema: TableSchema, tmp_path: Path) -> None:
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbf" + f"{HEADER}\n2,Forêt,SN,terminé,NA,non,,,\n".encode())
    [row] = read_csv(path, schema)
    assert (row["id"], row["titre"], row["budget"], row["ouvert"]) == (2, "Forêt", None, False)


def test_cp1252_semicolon_excel_export(schema: TableSchema) -> None:
    text = (
        HEADER.replace(",", ";")
        + "\r\n3;Électricité à Ségou;ML;terminé;1 000,5;oui;01/02/2020;2020;B\r\n"
    )
    [row] = read_csv(text.encode("cp1252"), schema, filename="export.csv")
    assert row["titre"] == "Électricité à Ségou"
    assert row["budget"] == Decimal("1000.5")


def test_quoted_newlines_keep_line_numbers(schema: TableSchema) -> None:
    data = (
        f'{HEADER}\n4,"Titre sur\ndeux lignes",SN,en cours,,,,,C\nx,Suivant,SN,en cours,,,,,D\n'
    ).encode()
    assert _problems(data, schema) == [(4, "id", "« x » : un nombre entier attendu")]
    [row] = read_csv(data.replace(b"\nx,", b"\n5,"), schema)[:1]
    assert row["titre"] == "Titre sur\ndeux lignes"


def test_wrong_separator_is_named(schema: TableSchema) -> None:
    data = (HEADER.replace(",", "\t") + "\n1\tA\n").encode()
    [(line, column, reason)] = _problems(data, schema)
    assert (line, column) == (1, None)
    assert "virgules ou des points-virgules" in reason


def test_missing_and_unknown_columns(schema: TableSchema) -> None:
    data = b"id,pays,commentaire\n1,SN,rien\n"
    problems = _problems(data, schema)
    assert (1, "commentaire", "colonne inconnue du schéma") in problems
    assert (1, "titre", "colonne obligatoire absente") in problems
    # Optional columns may be absent.
    assert not any(column == "budget" for _, column, _ in problems)


def test_every_cell_problem_is_listed(schema: TableSchema) -> None:
    data = (
        f"{HEADER}\n"
        "1,Ok,SN,en cours,,,,,A\n"
        "douze,Ok,sn,abandonné,12.5.3,peut-être,2023-01-15,23,B\n"
        "1,,SN,en cours,,,,1800,A\n"
        "7,Trop,SN\n"
    ).encode()
    problems = _problems(data, schema)
    by_cell = {(line, column) for line, column, _ in problems}
    assert {(3, "id"), (3, "pays"), (3, "statut"), (3, "budget"), (3, "ouvert")} <= by_cell
    assert {(3, "debut"), (3, "annee")} <= by_cell
    assert (4, "titre", "valeur obligatoire manquante") in problems
    assert any(
        line == 4 and column == "annee" and "minimum" in reason for line, column, reason in problems
    )
    assert any(
        line == 4 and column == "code" and "ligne 2" in reason for line, column, reason in problems
    )
    assert any(
        line == 4 and column == "id" and "clé primaire" in reason
        for line, column, reason in problems
    )
    assert (5, None, "3 cellules au lieu de 9") in problems
    assert any("abandonné" in reason and "valeur permise" in reason for _, _, reason in problems)


def test_oversized_file_is_refused_before_reading(schema: TableSchema, tmp_path: Path) -> None:
    path = tmp_path / "gros.csv"
    path.write_bytes(HEADER.encode() + b"\n" + b"1,a,SN,en cours,,,,,A\n" * 2000)
    with pytest.raises(TableError) as caught:
        read_csv(path, schema, max_bytes=10_000)
    [problem] = caught.value.problems
    assert "taille maximale" in problem.reason
    assert problem.file == str(path)


def test_binary_and_empty_files(schema: TableSchema) -> None:
    assert "binaire" in _problems(b"id\x00\x00,titre\n", schema)[0][2]
    assert "vide" in _problems(b"", schema)[0][2]
    assert "encodage" in _problems(b"id,titre\n1,\x81\x8d\x8f\n", schema)[0][2]


def test_schema_descriptor_errors() -> None:
    with pytest.raises(SchemaError):
        load_schema({"fields": [{"name": "a", "type": "geopoint"}]})
    with pytest.raises(SchemaError):
        load_schema({"fields": [{"name": "a"}], "primaryKey": "b"})
    with pytest.raises(SchemaError):
        load_schema({"fields": [{"name": "a", "constraints": {"unknown": 1}}]})
    assert load_schema('{"fields": [{"name": "a"}]}').fields[0].type == "string"
