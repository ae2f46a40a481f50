"""Facet values both ways: request value <-> stored integer, and the label a person reads.

Reference tables are small and change only with ``coopdec init`` (which rebuilds the index):
they are read once per full load of a process's index, not again for each publication.
French authorities are many: only those a page or a facet shows are read, again after each
change of the index.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils import translation
from django.utils.translation import get_language

from coopdec.catalogue import fields
from coopdec.catalogue.models import FrenchAuthority, RelationType, Status
from coopdec.catalogue.search.documents import KINDS, RELATIONS, STATUSES, TYPES
from coopdec.catalogue.search.query import QueryError
from coopdec.reference.models import Country, Departement, Region, SdgGoal, Theme, Zone

# Parameter name -> what an unknown value is called in the error message.
_UNKNOWN = {
    "theme": "thème inconnu",
    "sdg": "objectif de développement durable inconnu (1 à 17)",
    "country": "pays inconnu (code ISO à deux lettres)",
    "zone": "zone inconnue",
    "authority": "collectivité française inconnue (identifiant)",
    "authority_kind": "nature de collectivité inconnue",
    "region": "région inconnue (code INSEE)",
    "departement": "département inconnu (code)",
    "relation_type": "type de relation inconnu",
    "status": "statut inconnu",
    "type": "type inconnu (project ou partnership)",
}


def english() -> bool:
    """Whether labels are wanted in English (the active language); read once per search."""
    return (get_language() or "fr").startswith("en")


@dataclass
class Dimension:
    """One facet dimension's vocabulary: request value -> stored int -> labels."""

    to_int: dict[str, int] = field(default_factory=dict)
    to_value: dict[int, str] = field(default_factory=dict)
    label_fr: dict[int, str] = field(default_factory=dict)
    label_en: dict[int, str] = field(default_factory=dict)

    def add(self, stored: int, value: str, label_fr: str, label_en: str = "") -> None:
        self.to_int[value] = stored
        self.to_value[stored] = value
        self.label_fr[stored] = label_fr
        self.label_en[stored] = label_en or label_fr

    def label(self, stored: int, english: bool) -> str:
        labels = self.label_en if english else self.label_fr
        return labels.get(stored, str(stored))


class Labels:
    def __init__(self) -> None:
        self.dimensions: dict[str, Dimension] = {}
        self.authority_names: dict[int, str] = {}
        add = self._dimension
        for i, value in enumerate(TYPES, 1):
            add("type").add(
                i,
                value,
                *{"project": ("projet", "project")}.get(value, ("partenariat", "partnership")),
            )
        for theme in Theme.objects.all():
            add("theme").add(theme.id, theme.code, theme.label_fr, theme.label_en)
        for goal in SdgGoal.objects.all():
            label_fr, label_en = (
                f"{goal.number}. {goal.short_fr}",
                f"{goal.number}. {goal.short_en}",
            )
            add("sdg").add(goal.number, str(goal.number), label_fr, label_en)
        for country in Country.objects.all():
            add("country").add(country.id, country.iso2, country.name_fr, country.name_en)
        for zone in Zone.objects.all():
            add("zone").add(zone.id, zone.code, zone.label_fr, zone.label_en)
        for region in Region.objects.all():
            add("region").add(region.id, region.code, region.name)
        for dep in Departement.objects.all():
            add("departement").add(dep.id, dep.code, f"{dep.name} ({dep.code})")
        choices = (
            ("authority_kind", KINDS, dict(FrenchAuthority.Kind.choices)),
            ("relation_type", RELATIONS, dict(RelationType.choices)),
            ("status", STATUSES, dict(Status.choices)),
        )
        for name, values, labels in choices:
            # Choice labels are lazy translations: resolve both languages now, whatever the
            # language of the request that happens to build this cache.
            with translation.override("fr"):
                french = {value: str(labels[value]) for value in values}
            with translation.override("en"):
                english_labels = {value: str(labels[value]) for value in values}
            for i, value in enumerate(values, 1):
                add(name).add(i, value, french[value], english_labels[value])
        for flag in fields.FLAGS:  # the yes/no filters: 1 "no", 2 "yes" (documents.flag)
            add(flag.name).add(1, "false", "non", "no")
            add(flag.name).add(2, "true", "oui", "yes")

    def with_new_authority_names(self) -> Labels:
        """The same reference labels, French authorities' names to be read again."""
        other = Labels.__new__(Labels)
        other.dimensions, other.authority_names = self.dimensions, {}
        return other

    def _dimension(self, name: str) -> Dimension:
        return self.dimensions.setdefault(name, Dimension())

    def stored(self, name: str, values: tuple[object, ...]) -> list[int]:
        """Request values of a filter -> stored ints; ``QueryError`` for an unknown one."""
        if name == "authority":
            ids = [int(str(v)) for v in values]
            found = set(FrenchAuthority.objects.filter(id__in=ids).values_list("id", flat=True))
            missing = [i for i in ids if i not in found]
            if missing:
                raise QueryError(name, f"{_UNKNOWN[name]} : {missing[0]}")
            return ids
        dimension = self.dimensions[name]
        out = []
        for value in values:
            key = str(value).upper() if name == "country" else str(value)
            if key not in dimension.to_int:
                raise QueryError(name, f"{_UNKNOWN[name]} : « {value} »")
            out.append(dimension.to_int[key])
        return out

    def value(self, name: str, stored: int) -> str:
        if name in ("authority", "year"):
            return str(stored)
        return self.dimensions[name].to_value.get(stored, str(stored))

    def labels(self, name: str, stored: list[int], *, english: bool) -> dict[int, str]:
        if name == "year":
            return {s: str(s) for s in stored}
        if name == "authority":
            missing = [i for i in stored if i not in self.authority_names]
            if missing:  # read once per process and generation: names do not change in between
                rows = FrenchAuthority.objects.filter(id__in=missing).values_list(
                    "id", "name", "code"
                )
                self.authority_names.update({i: f"{n} ({c})" if c else n for i, n, c in rows})
            return {i: self.authority_names[i] for i in stored if i in self.authority_names}
        dimension = self.dimensions[name]
        return {s: dimension.label(s, english) for s in stored}

    def label(self, name: str, value: str, *, english: bool) -> str:
        dimension = self.dimensions[name]
        stored = dimension.to_int.get(value)
        return dimension.label(stored, english) if stored is not None else value
