"""French labels of the project file's codes, and the choice lists read from reference data.

The codes themselves are the model's (``coopdec.projectfile.model``); each table here only
labels them, and :func:`labelled` refuses at import a table that misses or invents a code.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from coopdec import projectfile_service as services
from coopdec.documents.labels import EXPENSE_LABELS
from coopdec.projectfile import model
from coopdec.textnorm import fold

BLANK = [("", _("— Choisir —"))]


def labelled(codes: tuple[str, ...], labels: dict[str, object]) -> dict[str, object]:
    """``labels`` after checking it labels exactly the model's ``codes``."""
    if set(labels) != set(codes):
        raise ValueError(f"labels {sorted(labels)} do not match the model's {sorted(codes)}")
    return labels


AUTHORITY_KIND_LABELS = labelled(
    model.AUTHORITY_KINDS,
    {
        "commune": _("Commune"),
        "epci": _("EPCI (intercommunalité à fiscalité propre)"),
        "departement": _("Département"),
        "region": _("Région"),
        "collectivite_particuliere": _("Collectivité à statut particulier"),
        "syndicat": _("Syndicat"),
    },
)
PARTNER_KINDS = labelled(
    model.PARTNER_KINDS,
    {
        "local_authority": _("Autorité locale"),
        "federated_entity": _("Entité fédérée (État fédéré, province…)"),
        "grouping": _("Groupement d'autorités locales"),
        "state": _("État"),
        "ngo": _("ONG, association"),
        "other": _("Autre"),
    },
)
FINANCING_SOURCES = labelled(
    model.FINANCING_SOURCES,
    {
        "own_cash": _("Apport en numéraire de la collectivité"),
        "own_in_kind": _("Valorisation (apport en nature, dont salaires)"),
        "one_percent": _("« 1 % » d'un budget de service"),
        "partner": _("Apport du partenaire étranger"),
        "program": _("Programme de financement"),
        "other": _("Autre financeur"),
    },
)
SERVICES = labelled(
    model.ONE_PERCENT_SERVICES,
    {
        "eau_assainissement": _("Eau et assainissement"),
        "energie": _("Énergie"),
        "dechets": _("Déchets"),
        "mobilite": _("Mobilité"),
    },
)
# The application's own labels (``documents/labels.py``, one table): the form offers the
# categories under the names the printed budget gives them.
EXPENSE_CATEGORIES = labelled(
    model.EXPENSE_CATEGORIES, {code: _(label) for code, label in EXPENSE_LABELS.items()}
)
STATE_EXCEPTIONS = labelled(
    model.STATE_EXCEPTION_CASES,
    {
        "law": _("Cas prévu par la loi"),
        "gect": _("Groupement européen de coopération territoriale (GECT)"),
        "gec": _("Groupement eurorégional de coopération (GEC)"),
        "glct": _("Groupement local de coopération transfrontalière (GLCT)"),
        "international_agreement": _("Accord international (depuis le 7 décembre 2016)"),
        "regional_programme": _("Programme de coopération régionale (depuis le 7 décembre 2016)"),
        "other_grouping": _("Autre groupement (depuis le 7 décembre 2016)"),
    },
)


def choices(labels: Mapping[str, object]) -> list[tuple[str, object]]:
    return [*BLANK, *labels.items()]


def country_choices() -> list[tuple[str, str]]:
    """Countries by name in the current language (cached: the list is read for every row)."""
    return list(_country_choices(get_language() or "fr"))


@functools.lru_cache(maxsize=4)
def _country_choices(language: str) -> tuple[tuple[str, str], ...]:
    from coopdec.reference.models import Country

    known = services.country_codes()
    rows = sorted(
        ((c.iso2, c.name) for c in Country.objects.all() if c.iso2 in known),
        key=lambda row: fold(row[1]),
    )
    return (("", str(BLANK[0][1])), *rows)


def program_choices() -> list[tuple[str, str]]:
    english = (get_language() or "fr").startswith("en")
    return [("", str(BLANK[0][1])), *services.program_options(english=english)]
