"""IATI organisation identifiers of French authorities, both ways.

IATI identifies an organisation by a registration agency prefix and the number it gave
(OrganisationRegistrationAgency codelist). French authorities are registered in SIRENE; the
codelist's active French agency covering SIREN numbers is **FR-RCS** (its entry says SIREN
numbers of bodies outside the trade register come from the SIRENE listing), so:

- communes (SIREN from the COG), EPCI and EPT (whose official code *is* their SIREN):
  ``FR-RCS-<SIREN>``;
- départements, régions and the other bodies, whose SIREN is not in the shipped data:
  ``FR-COG-<KIND>-<code>`` (e.g. ``FR-COG-REG-53``). This prefix is *not* a registered agency:
  an authority publishing to the IATI Registry should pass its own identifier
  (``--org-ref``); docs/opendata.md says so.

``authority_for_ref`` reads both forms back (the import resolves its publishers with it).
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from coopdec.catalogue.models import FrenchAuthority
from coopdec.reference.models import Commune

Kind = FrenchAuthority.Kind
_COG_KINDS = {
    Kind.COMMUNE: "COM",
    Kind.EPCI: "EPCI",
    Kind.EPT: "EPT",
    Kind.DEPARTEMENT: "DEP",
    Kind.REGION: "REG",
    Kind.COLLECTIVITE_PARTICULIERE: "CSP",
    Kind.SYNDICAT: "SYN",
    Kind.GROUPEMENT: "GRP",
}
_KINDS_BY_COG = {value: key for key, value in _COG_KINDS.items()}
_RCS = re.compile(r"FR-RCS-(\d{9})")
_COG = re.compile(r"FR-COG-([A-Z]+)-([0-9A-Z]{1,9})")


class AuthorityNotFound(LookupError):
    """``KIND:CODE`` names no French authority of the directory."""


def parse_authority(value: str) -> FrenchAuthority:
    """The French authority named ``KIND:CODE`` (e.g. ``region:53``, ``commune:81060``)."""
    kind, _sep, code = value.partition(":")
    kind, code = kind.strip().lower(), code.strip()
    if kind not in Kind.values or not code:
        raise AuthorityNotFound(
            _("collectivité « %(value)s » : attendu NATURE:CODE, nature parmi %(kinds)s")
            % {"value": value, "kinds": ", ".join(Kind.values)}
        )
    found = FrenchAuthority.objects.filter(kind=kind, code=code).first()
    if found is None:
        raise AuthorityNotFound(
            _("aucune collectivité %(kind)s de code %(code)s dans l'annuaire")
            % {"kind": kind, "code": code}
        )
    return found


def organisation_ref(authority: FrenchAuthority) -> str | None:
    """The IATI organisation identifier of ``authority`` (None for a body without code)."""
    if not authority.code:
        return None
    if authority.kind in (Kind.EPCI, Kind.EPT):
        return f"FR-RCS-{authority.code}"
    if authority.kind == Kind.COMMUNE:
        siren = Commune.objects.filter(code=authority.code).values_list("siren", flat=True).first()
        if siren:
            return f"FR-RCS-{siren}"
    return f"FR-COG-{_COG_KINDS[Kind(authority.kind)]}-{authority.code}"


def authority_key_for_ref(ref: str | None) -> tuple[str, str] | tuple[str, None] | None:
    """``(kind, code)`` for an FR-COG ref, ``("siren", SIREN)`` for an FR-RCS ref, else None."""
    if not ref:
        return None
    if match := _RCS.fullmatch(ref):
        return ("siren", match.group(1))
    if (match := _COG.fullmatch(ref)) and match.group(1) in _KINDS_BY_COG:
        return (str(_KINDS_BY_COG[match.group(1)]), match.group(2))
    return None


def authorities_for_refs(refs: set[str]) -> dict[str, int]:
    """Ids of the French authorities identified by ``refs`` (refs not found are left out)."""
    result: dict[str, int] = {}
    by_kind: dict[tuple[str, str], str] = {}
    sirens: dict[str, str] = {}
    for ref in refs:
        key = authority_key_for_ref(ref)
        if key is None or key[1] is None:
            continue
        if key[0] == "siren":
            sirens[key[1]] = ref
        else:
            by_kind[(key[0], key[1])] = ref
    if sirens:
        communes = Commune.objects.filter(siren__in=sirens).values_list("siren", "code")
        insee = {code: siren for siren, code in communes}
        for pk, code in FrenchAuthority.objects.filter(
            kind=Kind.COMMUNE, code__in=insee
        ).values_list("pk", "code"):
            result[sirens[insee[str(code)]]] = pk
        for pk, code in FrenchAuthority.objects.filter(
            kind__in=(Kind.EPCI, Kind.EPT), code__in=sirens
        ).values_list("pk", "code"):
            result.setdefault(sirens[str(code)], pk)
    for (kind, code), ref in by_kind.items():
        ids = FrenchAuthority.objects.filter(kind=kind, code=code).values_list("pk", flat=True)
        if found := ids.first():
            result[ref] = found
    return result
