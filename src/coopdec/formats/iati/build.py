"""Helpers to build IATI data from what coopdec knows about a French authority's projects.

Choices, with the codelists they come from (src/coopdec/data/iati/codelists):

- The reporting organisation of an authority's file is typed **11, "Local Government"**
  (OrganisationType: "any local (sub national) government organisation in either donor or
  recipient country"), which covers communes, départements, régions and their groupings.
- DAC 5-digit sectors use SectorVocabulary **1** ("OECD DAC CRS Purpose Codes (5 digit)"),
  checked against the Sector codelist (withdrawn codes refused).
- SDGs are written as **tags**: TagVocabulary **2** for goals ("1" ... "17") and **3** for
  targets ("6.1"). Not sectors with SectorVocabulary 7/8: IATI asks that sector percentages add
  up to 100 within each vocabulary, and an authority knows which goals a project serves, not a
  split between them; tags carry no percentage. The reader accepts both forms
  (``Activity.sdg_goals()`` / ``sdg_targets()``). Note that tag vocabulary 2 means goals and
  3 means targets, not "2 = targets" as is sometimes written.
- Narratives are French first (``xml:lang="fr"``), then English when a translation exists.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from coopdec.formats.i18n import _
from coopdec.formats.iati import model as m
from coopdec.formats.iati.codelists import load_codelist

LOCAL_GOVERNMENT = "11"


def bilingual(french: str, english: str | None = None) -> m.Narratives:
    """French narrative, then the English one when given."""
    items = [m.Narrative(text=french, lang="fr")]
    if english:
        items.append(m.Narrative(text=english, lang="en"))
    return tuple(items)


def local_authority(ref: str, name_fr: str, name_en: str | None = None) -> m.OrganisationRef:
    """A French local authority as reporting organisation (type 11, Local Government)."""
    return m.OrganisationRef(ref=ref, type=LOCAL_GOVERNMENT, narratives=bilingual(name_fr, name_en))


def participant(
    role: str,
    name_fr: str,
    *,
    ref: str | None = None,
    org_type: str | None = None,
    name_en: str | None = None,
) -> m.ParticipatingOrg:
    """A participating organisation; ``role`` and ``org_type`` are checked against codelists."""
    _check("OrganisationRole", role)
    if org_type is not None:
        _check("OrganisationType", org_type)
    return m.ParticipatingOrg(
        role=role, ref=ref, type=org_type, narratives=bilingual(name_fr, name_en)
    )


def dac_sectors(shares: Iterable[tuple[str, Decimal | None]]) -> tuple[m.Sector, ...]:
    """Sectors in vocabulary 1 from ``(code, percentage)`` pairs; unknown or withdrawn codes
    raise ValueError."""
    sectors = load_codelist("Sector")
    result = []
    for code, percentage in shares:
        if not sectors.is_active(code):
            raise ValueError(
                _("secteur CAD « %(code)s » inconnu ou retiré de la liste IATI") % {"code": code}
            )
        result.append(
            m.Sector(code=code, vocabulary=m.DAC_SECTOR_VOCABULARY, percentage=percentage)
        )
    return tuple(result)


def sdg_tags(goals: Iterable[str] = (), targets: Iterable[str] = ()) -> tuple[m.Tag, ...]:
    """SDG goal tags (vocabulary 2) then target tags (vocabulary 3), named in French and
    English from the UNSDG codelists."""
    tags = [_sdg_tag("UNSDG-Goals", m.SDG_GOAL_TAG_VOCABULARY, str(goal)) for goal in goals]
    tags += [_sdg_tag("UNSDG-Targets", m.SDG_TARGET_TAG_VOCABULARY, target) for target in targets]
    return tuple(tags)


def _sdg_tag(codelist: str, vocabulary: str, code: str) -> m.Tag:
    _check(codelist, code)
    item = load_codelist(codelist).items[code]
    return m.Tag(
        code=code, vocabulary=vocabulary, narratives=bilingual(item.name("fr"), item.name("en"))
    )


def sector_label(code: str, lang: str = "fr") -> str:
    """The name of a DAC 5-digit sector, in French by default."""
    return load_codelist("Sector").label(code, lang)


def _check(codelist: str, code: str) -> None:
    if code not in load_codelist(codelist):
        raise ValueError(
            _("code « %(code)s » absent de la liste IATI %(codelist)s")
            % {"code": code, "codelist": codelist}
        )


def check_codes(activity: m.Activity) -> list[str]:
    """French messages for every code of ``activity`` missing from its IATI codelist.

    Only the codelists coopdec relies on are checked; codes from other vocabularies (sector
    vocabulary 99, tags of other vocabularies) are left alone.
    """
    checks: list[tuple[str, str | None, str]] = [
        ("OrganisationType", activity.reporting_org.type, "reporting-org/@type"),
        ("ActivityStatus", activity.activity_status, "activity-status/@code"),
    ]
    checks += [
        ("OrganisationRole", p.role, "participating-org/@role") for p in activity.participating_orgs
    ]
    checks += [
        ("OrganisationType", p.type, "participating-org/@type") for p in activity.participating_orgs
    ]
    checks += [("ActivityDateType", d.type, "activity-date/@type") for d in activity.activity_dates]
    checks += [("Country", c.code, "recipient-country/@code") for c in activity.recipient_countries]
    checks += [
        ("Sector", s.code, "sector/@code")
        for s in activity.sectors
        if s.vocabulary == m.DAC_SECTOR_VOCABULARY
    ]
    checks += [("UNSDG-Goals", code, "tag/@code") for code in activity.sdg_goals()]
    checks += [("UNSDG-Targets", code, "tag/@code") for code in activity.sdg_targets()]
    checks += [("TransactionType", t.type, "transaction-type/@code") for t in activity.transactions]
    checks += [("Currency", activity.default_currency, "@default-currency")]
    return [
        _("%(where)s : code « %(code)s » absent de la liste %(codelist)s")
        % {"where": where, "code": code, "codelist": codelist}
        for codelist, code, where in checks
        if code is not None and code not in load_codelist(codelist)
    ]
