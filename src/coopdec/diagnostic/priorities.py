"""Mandate priorities, in elected officials' words, and what each one leads to.

A priority maps to the catalogue's themes (to find peers' examples, funding and countries) and
to SDG targets (the UN statements are read from the reference tables). The mapping is
coopdec's editorial reading of the targets, said so on the page: the UN publishes targets, not
this correspondence.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Priority:
    code: str
    label: Promise  # lazy: worded in the reader's language when shown
    themes: tuple[str, ...]  # Theme.code
    targets: tuple[str, ...]  # SdgTarget.code


PRIORITIES: tuple[Priority, ...] = (
    Priority(
        "eau",
        _("Eau et assainissement"),
        ("eau_assainissement",),
        ("6.1", "6.2", "6.a", "6.b"),
    ),
    Priority("dechets", _("Déchets et propreté"), ("dechets",), ("11.6", "12.5")),
    Priority(
        "jeunesse",
        _("Jeunesse, éducation et mobilité des jeunes"),
        ("jeunesse", "echanges_scolaires", "education_formation"),
        ("4.4", "4.7", "8.6"),
    ),
    Priority(
        "economie",
        _("Économie locale et emploi"),
        ("developpement_economique",),
        ("8.3", "8.5", "17.17"),
    ),
    Priority("culture", _("Culture et patrimoine"), ("culture_patrimoine",), ("11.4", "4.7")),
    Priority(
        "climat",
        _("Climat, énergie et biodiversité"),
        ("energie_climat", "environnement_biodiversite"),
        ("7.2", "13.1", "13.3", "15.1"),
    ),
    Priority("sante", _("Santé"), ("sante",), ("3.8", "3.d")),
    Priority(
        "alimentation",
        _("Agriculture et alimentation"),
        ("agriculture_alimentation",),
        ("2.1", "2.3", "2.4"),
    ),
    Priority(
        "services_publics",
        _("Gouvernance et services publics locaux"),
        ("gouvernance_locale", "finances_locales", "numerique"),
        ("16.6", "16.7", "17.16"),
    ),
    Priority(
        "solidarite",
        _("Solidarité internationale et diasporas"),
        ("migrations_diaspora", "aide_humanitaire_urgence"),
        ("10.7", "10.c", "1.5"),
    ),
    Priority("sport", _("Sport"), ("sport",), ("3.4", "4.7")),
    Priority("tourisme", _("Tourisme"), ("tourisme",), ("8.9", "12.b")),
    Priority("mobilite", _("Mobilités et transports"), ("mobilite_transport",), ("11.2",)),
    Priority("egalite", _("Égalité femmes-hommes"), ("egalite_genre",), ("5.5", "5.c")),
    Priority("urbanisme", _("Urbanisme et habitat"), ("urbanisme_habitat",), ("11.1", "11.3")),
)
BY_CODE: dict[str, Priority] = {p.code: p for p in PRIORITIES}


class UnknownPriorityError(ValueError):
    """A priority code that is not in the list (the message names it and the list)."""


def parse(codes: list[str] | tuple[str, ...]) -> tuple[Priority, ...]:
    """The priorities named by ``codes`` (comma-separated values accepted), in list order."""
    wanted: list[str] = []
    for raw in codes:
        wanted += [c.strip() for c in raw.split(",") if c.strip()]
    unknown = [c for c in wanted if c not in BY_CODE]
    if unknown:
        raise UnknownPriorityError(
            _("Priorité inconnue : « %(code)s » (attendues : %(codes)s).")
            % {"code": unknown[0], "codes": ", ".join(BY_CODE)}
        )
    return tuple(p for p in PRIORITIES if p.code in wanted)


def themes_of(priorities: tuple[Priority, ...]) -> frozenset[str]:
    return frozenset(t for p in priorities for t in p.themes)
