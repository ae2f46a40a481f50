"""What the user reads for a field of the project file: its label, declared once here.

The parser's errors, the rules' messages and the documents' lists of what is missing name
fields by their JSON path (``financing[2].amount``): exact for the API and ``--json``, opaque
to a mayor. :func:`field_label` turns a path into words ("Montant — ligne de financement 3")
and :func:`plain_text` does it inside a message, along with programme ids (their names) and
the reference file paths (what they hold). The JSON outputs keep the ids; every page and the
CLI's text output pass their messages through here.

Labels are French msgids; a caller that speaks another language passes its ``translate``
(Django's ``gettext`` on the web) and the label comes back translated.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping


def N_(message: str) -> str:
    """Mark ``message`` for translation without translating it (done where it is shown)."""
    return message


# The path with ``[]`` for any list index -> the label of the field.
FIELD_LABELS: dict[str, str] = {
    "": N_("Fichier de projet"),
    "coopdec_project": N_("Version du format du fichier"),
    "title": N_("Intitulé du projet"),
    "description": N_("Description du projet"),
    "context": N_("Contexte du projet"),
    "objectives": N_("Objectifs du projet"),
    "objectives[]": N_("Objectif"),
    "expected_results": N_("Résultats attendus"),
    "expected_results[]": N_("Résultat attendu"),
    "logframe": N_("Cadre logique"),
    "logframe[]": N_("Ligne du cadre logique"),
    "logframe[].result": N_("Résultat"),
    "logframe[].indicator": N_("Indicateur"),
    "logframe[].baseline": N_("Valeur de départ"),
    "logframe[].target": N_("Cible"),
    "logframe[].source": N_("Source de vérification"),
    "lead_authority": N_("Collectivité cheffe de file"),
    "lead_authority.kind": N_("Type de collectivité cheffe de file"),
    "lead_authority.code": N_("Code officiel de la collectivité cheffe de file"),
    "lead_authority.name": N_("Nom de la collectivité cheffe de file"),
    "lead_authority.project_owner": N_("Maîtrise d'ouvrage de la collectivité cheffe de file"),
    "co_authorities": N_("Collectivités associées"),
    "co_authorities[]": N_("Collectivité associée"),
    "co_authorities[].kind": N_("Type"),
    "co_authorities[].code": N_("Code officiel"),
    "co_authorities[].name": N_("Nom"),
    "co_authorities[].project_owner": N_("Maîtrise d'ouvrage"),
    "partners": N_("Partenaires étrangers"),
    "partners[]": N_("Partenaire"),
    "partners[].name": N_("Nom du partenaire"),
    "partners[].country": N_("Pays"),
    "partners[].kind": N_("Nature"),
    "partners[].area": N_("Territoire infranational"),
    "partners[].commitment": N_("Engagement du partenaire"),
    "themes": N_("Thématiques du projet"),
    "themes[]": N_("Thématique"),
    "sdg_targets": N_("Cibles des ODD"),
    "sdg_targets[]": N_("Cible des ODD"),
    "start_date": N_("Date de début"),
    "end_date": N_("Date de fin"),
    "instruments": N_("Actes de la coopération"),
    "instruments.foreign_body": N_("Organisme de droit étranger"),
    "instruments.foreign_body.kind": N_("Nature de l'organisme de droit étranger"),
    "instruments.foreign_body.prefect_order": N_("Arrêté préfectoral d'autorisation ?"),
    "instruments.foreign_body.french_majority": N_(
        "Les collectivités françaises en détiennent-elles plus de la moitié ?"
    ),
    "instruments.convention": N_("Convention de coopération"),
    "instruments.convention.signed": N_("Convention signée ?"),
    "instruments.convention.signed_on": N_("Date de signature de la convention"),
    "instruments.convention.transmitted_to_prefect": N_("Convention transmise au préfet ?"),
    "instruments.convention.states_purpose": N_("La convention précise l'objet des actions ?"),
    "instruments.convention.states_financial_commitment": N_(
        "La convention précise le montant des engagements financiers ?"
    ),
    "instruments.deliberation": N_("Délibération"),
    "instruments.deliberation.adopted": N_("Délibération adoptée ?"),
    "instruments.deliberation.adopted_on": N_("Date de la délibération"),
    "instruments.deliberation.transmitted_to_prefect": N_("Délibération transmise au préfet ?"),
    "instruments.twinning": N_("Jumelage ?"),
    "instruments.charter": N_("Charte signée ?"),
    "instruments.state_convention_exception": N_("Exception de l'article L1115-5"),
    "instruments.state_convention_exception.case": N_("Exception de l'article L1115-5 invoquée"),
    "instruments.state_convention_exception.prefect_authorised": N_(
        "Autorisation préalable du préfet ?"
    ),
    "budget": N_("Budget"),
    "budget.currency": N_("Devise du budget"),
    "budget.total": N_("Coût total du projet"),
    "budget.monitoring_evaluation": N_("Part du budget consacrée au suivi-évaluation"),
    "budget.lines": N_("Budget par catégorie et par année"),
    "budget.lines[]": N_("Ligne de budget"),
    "budget.lines[].category": N_("Catégorie de dépenses"),
    "budget.lines[].year": N_("Année"),
    "budget.lines[].amount": N_("Montant"),
    "financing": N_("Plan de financement"),
    "financing[]": N_("Ligne de financement"),
    "financing[].source": N_("Source"),
    "financing[].amount": N_("Montant"),
    "financing[].service": N_("Service du 1 %"),
    "financing[].program": N_("Programme"),
    "financing[].name": N_("Financeur"),
    "financing[].year": N_("Année budgétaire"),
    "service_budgets": N_("Budgets des services"),
    "service_budgets.eau_assainissement": N_("Budget eau et assainissement"),
    "service_budgets.energie": N_("Budget énergie"),
    "service_budgets.dechets": N_("Budget déchets"),
    "service_budgets.mobilite": N_("Budget mobilité"),
    "service_budgets.versement_mobilite": N_("Versement mobilité"),
    "prerequisites": N_("Conditions préalables"),
    "prerequisites.apd_declared_previous_year": N_(
        "Aide publique au développement de l'année précédente déclarée ?"
    ),
    "prerequisites.atlas_up_to_date": N_("Atlas de la coopération décentralisée à jour ?"),
    "prerequisites.first_action": N_("Première action internationale ?"),
    "prerequisites.previous_reports_submitted": N_(
        "Comptes rendus des projets cofinancés déposés ?"
    ),
}

# Reference files a message may cite -> what they hold (a user never sees a file path).
REFERENCE_LABELS: dict[str, str] = {
    "partner_restrictions.yaml": N_("la liste des restrictions de partenariat de coopdec"),
    "funding_programs.yaml": N_("la liste des programmes de financement de coopdec"),
    "restrictions.yaml": N_("les paramètres des restrictions de partenariat"),
    "legal.yaml": N_("les paramètres juridiques de coopdec"),
}

_INDEX = re.compile(r"\[(\d+)\]")
_KEY = r"[a-z][a-z0-9_]*(?:\[\d+\])?"
# A dotted or indexed path (``instruments.convention.signed``, ``financing[2]``) or a lone key
# no prose word looks like (``start_date``): plain words such as "budget" stay as they are.
_PATH = re.compile(rf"(?<![\w./-])({_KEY}(?:\.{_KEY})+|{_KEY}\[\d+\]|[a-z]+_[a-z_]+)(?![\w/-])")
_FILE = re.compile(r"(?:[\w./-]*/)?(" + "|".join(map(re.escape, REFERENCE_LABELS)) + r")\b")
_PROGRAM_ID = re.compile(r"(?<![\w-])((?:dctciv|daect)-[a-z0-9-]+[a-z0-9])(?![\w-])")

Translate = Callable[[str], str]


def _same(message: str) -> str:
    return message


def _program_names() -> dict[str, str]:
    from .codes import programs_by_id

    return {pid: str(data.get("name") or pid) for pid, data in programs_by_id().items()}


def field_label(path: str, translate: Translate = _same) -> str | None:
    """The label of the field at ``path`` (``financing[2].amount``), ``None`` when unknown.

    An item of a list is numbered from 1, as a person counts: "Montant — ligne de
    financement 3".
    """
    generic = _INDEX.sub("[]", path)
    label = FIELD_LABELS.get(generic)
    if label is None:
        return None
    indexes = [int(i) for i in _INDEX.findall(path)]
    if not indexes:
        return translate(label)
    list_path = generic[: generic.index("[]") + 2]
    item = f"{translate(FIELD_LABELS[list_path]).lower()} {indexes[0] + 1}"
    if generic == list_path:
        return item[0].upper() + item[1:]
    return f"{translate(label)} — {item}"


def plain_text(
    message: str,
    translate: Translate = _same,
    program_names: Mapping[str, str] | None = None,
) -> str:
    """``message`` with its field paths, programme ids and reference files put in words."""

    def field(match: re.Match[str]) -> str:
        label = field_label(match.group(1), translate)
        return translate("« %(label)s »") % {"label": label} if label else match.group(0)

    def program(match: re.Match[str]) -> str:
        names = program_names if program_names is not None else _program_names()
        name = names.get(match.group(1)) or names.get(
            "dctciv-" + match.group(1).removeprefix("daect-")
        )
        return name or match.group(0)

    text = _FILE.sub(lambda m: translate(REFERENCE_LABELS[m.group(1)]), message)
    text = _PROGRAM_ID.sub(program, text)
    return _PATH.sub(field, text)
