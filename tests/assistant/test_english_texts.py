"""Every text the project assistant writes has its English version (issue 15): the messages
of the rules and of the funding finder in the English catalogue, with the same placeholders;
the texts of its reference data (funders, restricted territories, restriction notes) under an
``_en`` field next to the French one. English verdicts keep the ids, statuses, sources, dates
and confidence of the French ones."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import yaml
from tests.shared.gettext_marks import marked_texts, placeholder_mismatches, untranslated

from coopdec import assistant, languages
from coopdec.assistant import reference
from coopdec.i18n import _, current_language, localised, translated

PACKAGE = Path(assistant.__file__).resolve().parent
EXAMPLE = PACKAGE / "examples" / "carmaux-koudougou-eau.yaml"
# Words of the French verdicts that an English one never contains.
FRENCH_WORDS = re.compile(
    r"\b(Renseigner|Indiquer|Sans objet|collectivité|conforme|à vérifier|Période|Pays|"
    r"Territoire|Porteur|le plafond|dépasse|déclarée?|non éligible)\b"
)


def test_every_rule_and_criterion_message_has_its_english_text() -> None:
    messages = marked_texts(PACKAGE)
    assert len(messages) > 280
    assert untranslated(messages) == []
    assert placeholder_mismatches(messages) == []


def test_every_rule_title_and_description_reads_in_english() -> None:
    french = {r.id: r for r in assistant.list_rules()}
    with languages.speaking("en"), languages.assistant_messages():
        english = {r.id: r for r in assistant.list_rules()}
    assert french.keys() == english.keys()
    for rule_id, rule in english.items():
        assert rule.title != french[rule_id].title, rule_id
        assert rule.description != french[rule_id].description, rule_id
        # The legal facts do not change with the language.
        assert (rule.sources, rule.valid_from, rule.valid_to, rule.confidence) == (
            french[rule_id].sources,
            french[rule_id].valid_from,
            french[rule_id].valid_to,
            french[rule_id].confidence,
        )


def test_reference_texts_have_their_english_field() -> None:
    programmes = reference.programs_by_id().values()
    assert all(p.get("name_en") and p.get("funder_en") for p in programmes)
    territories = reference.restrictions_data()["restrictions"]
    assert all(t.get("territory_en") for t in territories)
    areas = yaml.safe_load((PACKAGE / "parameters" / "restrictions.yaml").read_text("utf-8"))
    notes = [e for v in areas["restricted_areas"]["values"] for e in v["value"] if "note" in e]
    assert len(notes) >= 7
    assert all(e.get("note_en") for e in notes)


def test_localised_reads_the_english_field_for_an_english_reader_only() -> None:
    data = {"name": "Région Bretagne", "name_en": "Brittany Regional Council", "other": "x"}
    assert localised(data, "name") == "Région Bretagne"
    with translated("en", str):
        assert current_language() == "en"
        assert localised(data, "name") == "Brittany Regional Council"
        assert localised(data, "other") == "x"  # no English text yet: the French one
    assert current_language() == "fr"


def test_messages_are_french_unless_a_reader_asks_otherwise() -> None:
    assert _("Sans objet à cette date.") == "Sans objet à cette date."
    with translated("en", {"Sans objet à cette date.": "Not applicable on that date."}.get):
        assert _("Sans objet à cette date.") == "Not applicable on that date."


def _check(language: str, on: dt.date) -> dict[str, object]:
    project = assistant.load_project_file(EXAMPLE)
    with languages.speaking(language), languages.assistant_messages():
        return {
            "check": assistant.check_project(project, on).to_json(),
            "funding": assistant.find_funding(project, on).to_json(),
            "plan": assistant.check_financing_plan(project, on).to_json(),
        }


def test_english_verdicts_keep_ids_statuses_sources_and_dates() -> None:
    on = dt.date(2026, 3, 1)
    french, english = _check("fr", on), _check("en", on)
    for fr_v, en_v in zip(french["check"]["verdicts"], english["check"]["verdicts"], strict=True):  # type: ignore[index]
        # Same sources (a label naming a programme's edition reads in English), same dates.
        assert {k: v for k, v in en_v.items() if k not in {"message", "sources"}} == {
            k: v for k, v in fr_v.items() if k not in {"message", "sources"}
        }
        assert [s["url"] for s in en_v["sources"]] == [s["url"] for s in fr_v["sources"]]
        assert en_v["message"] != fr_v["message"], en_v["rule"]
        assert FRENCH_WORDS.findall(en_v["message"]) == [], en_v["message"]
    assert english["check"]["summary"] == french["check"]["summary"]  # type: ignore[index]
    fr_programmes = french["funding"]["programs"]  # type: ignore[index]
    en_programmes = english["funding"]["programs"]  # type: ignore[index]
    assert [p["id"] for p in en_programmes] == [p["id"] for p in fr_programmes]
    assert [p["eligible"] for p in en_programmes] == [p["eligible"] for p in fr_programmes]
    for programme in en_programmes:
        for reason in programme["reasons"]:
            assert FRENCH_WORDS.findall(reason) == [], (programme["id"], reason)
    general = next(p for p in en_programmes if p["id"] == "dctciv-aap-generaliste")
    assert general["name"] == "General call for projects supporting decentralised cooperation"
    assert general["funder"].startswith("French Ministry for Europe and Foreign Affairs")
    water = next(p for p in en_programmes if p["id"] == "ae-adour-garonne")
    assert water["funder"] == "Adour-Garonne Water Agency"
    # The Sahel point of attention: dated and sourced in English too.
    assert any("suspended since 6 August 2023" in w for w in general["warnings"])
    for fr_c, en_c in zip(french["plan"]["checks"], english["plan"]["checks"], strict=True):  # type: ignore[index]
        assert (en_c["rule"], en_c["status"]) == (fr_c["rule"], fr_c["status"])
        assert [s["url"] for s in en_c["sources"]] == [s["url"] for s in fr_c["sources"]]
