"""Field labels are declared once, beside the model, and put every path a message cites in words."""

from __future__ import annotations

import dataclasses
import re
import typing

from coopdec.projectfile import model, paths
from coopdec.projectfile.labels import FIELD_LABELS, field_label, plain_text


def _model_paths(owner: type, prefix: str = "") -> list[str]:
    found = []
    hints = typing.get_type_hints(owner)
    for item in dataclasses.fields(owner):
        here = f"{prefix}{item.name}"
        found.append(here)
        annotation = hints[item.name]
        args = [a for a in getattr(annotation, "__args__", ()) if a is not type(None)]
        if getattr(annotation, "__origin__", None) is tuple:
            found.append(here + "[]")
            if dataclasses.is_dataclass(args[0]):
                found += _model_paths(args[0], here + "[].")
        elif args and dataclasses.is_dataclass(args[0]):
            found += _model_paths(args[0], here + ".")
    return found


def test_every_field_of_the_model_has_a_label_and_no_label_is_invented() -> None:
    fields = set(_model_paths(model.ProjectFile))
    assert fields - set(FIELD_LABELS) == set()
    assert set(FIELD_LABELS) - fields == {""}


def test_every_typed_path_of_the_forms_has_a_label() -> None:
    for value in vars(paths).values():
        if isinstance(value, paths.FieldPath):
            assert field_label(str(value)) or any(
                f"{lst}[].{value}" in FIELD_LABELS
                for lst in ("partners", "financing", "co_authorities", "logframe", "budget.lines")
            ), value


def test_paths_read_as_labels_with_items_counted_from_one() -> None:
    assert field_label("financing[2].amount") == "Montant — ligne de financement 3"
    assert field_label("partners[0]") == "Partenaire 1"
    assert field_label("instruments.convention.signed") == "Convention signée ?"
    assert field_label("budget.colour") is None


def test_messages_lose_their_paths_ids_and_file_names() -> None:
    message = (
        "Indiquer si une convention est signée : instruments.convention.signed. "
        "Renseigner financing[2].amount. dctciv-aap-generaliste : échéance inconnue "
        "(voir data/reference/partner_restrictions.yaml). Le budget reste à préciser."
    )
    text = plain_text(message)
    assert "« Convention signée ? »" in text
    assert "« Montant — ligne de financement 3 »" in text
    assert "Appel à projets généraliste en soutien à la coopération décentralisée" in text
    assert "la liste des restrictions de partenariat de coopdec" in text
    assert "Le budget reste à préciser." in text  # plain words stay as they are
    assert not re.search(r"instruments\.|financing\[|dctciv-|\.yaml", text)


def test_the_translation_is_applied_to_labels() -> None:
    english = {"Montant": "Amount", "Ligne de financement": "Financing line"}
    label = field_label("financing[0].amount", lambda m: english.get(m, m))
    assert label == "Amount — financing line 1"
