"""What a write may do to each field of a catalogue record: the catalogue's merge policy.

Every write goes through ``coopdec.catalogue.writer.CatalogueWriter``, which applies one of
three policies, declared here field by field so that the bulk engines and the single-record
write read the same table (no engine lists fields of its own):

* ``CURATED`` — the catalogue CSV, the Atlas export and the Wikidata twinnings (records that
  several sources describe together). A non-empty incoming value replaces the stored one and
  an empty one never blanks it (``REPLACE``); a field the record marks ``weak`` (a generated
  title, anything from Wikidata) only fills a blank; source URLs, themes and linked
  authorities and countries are combined (``UNION``), a project's partnership only fills a
  blank (``FILL``): an import never removes a link or a
  source, and never deletes a record.
* ``SOURCE_OWNED`` — IATI activities (a record its publisher owns). The fields the activity
  carries are replaced as a whole (``OWNED``), blanks included, and its links (countries,
  sectors, SDG targets, themes, authorities) are deleted and re-created; what curators add
  (partnership, contact, funders, "open to new members") is never touched (``KEEP``). An
  activity whose fingerprint is unchanged is not written at all.
* ``EDIT`` — one record written by a person (admin, contribution forms): the fields given are
  set as given, blanks included, in one transaction; the links given replace the stored ones.

Provenance is kept by every policy: ``import_batch`` names the last import that wrote or saw
the record, ``source_url`` accumulates sources (``CURATED``) or names the file (``OWNED``),
``source_date`` keeps the source's date, and ``updated_at`` moves only when something changed.
Pure module (no Django).
"""

from __future__ import annotations

import enum
from typing import Any


class Merge(enum.Enum):
    """What a write does to one field of a stored record."""

    REPLACE = "replace"  # a non-empty value replaces; an empty one never blanks
    FILL = "fill"  # only fills a blank
    UNION = "union"  # values (links, sources) are added, never removed
    OWNED = "owned"  # replaced as a whole by the source that owns the record, blanks included
    KEEP = "keep"  # this source never writes it


class Policy(enum.Enum):
    """The three ways a record is written (see the module docstring)."""

    CURATED = "curated"
    SOURCE_OWNED = "source_owned"
    EDIT = "edit"


# field -> (merge under CURATED, merge under SOURCE_OWNED). EDIT sets every field it is given.
PARTNERSHIP_POLICY: dict[str, tuple[Merge, Merge]] = {
    "title": (Merge.REPLACE, Merge.KEEP),
    "summary": (Merge.REPLACE, Merge.KEEP),
    "relation_type": (Merge.REPLACE, Merge.KEEP),
    "start_year": (Merge.REPLACE, Merge.KEEP),
    "end_year": (Merge.REPLACE, Merge.KEEP),
    "status": (Merge.REPLACE, Merge.KEEP),
    "open_to_new_members": (Merge.REPLACE, Merge.KEEP),
    "funders": (Merge.REPLACE, Merge.KEEP),
    # Declared by the authority (contributions only): no import carries them.
    "convention_signed_on": (Merge.KEEP, Merge.KEEP),
    "convention_transmitted_on": (Merge.KEEP, Merge.KEEP),
    "contacts": (Merge.KEEP, Merge.KEEP),
    "source_url": (Merge.UNION, Merge.KEEP),
    "source_date": (Merge.REPLACE, Merge.KEEP),
    "french_authorities": (Merge.UNION, Merge.KEEP),
    "foreign_authorities": (Merge.UNION, Merge.KEEP),
    "themes": (Merge.UNION, Merge.KEEP),
    "sdg_targets": (Merge.KEEP, Merge.KEEP),
}
PROJECT_POLICY: dict[str, tuple[Merge, Merge]] = {
    "title": (Merge.REPLACE, Merge.OWNED),
    "summary": (Merge.REPLACE, Merge.OWNED),
    "description": (Merge.REPLACE, Merge.OWNED),
    "narratives": (Merge.KEEP, Merge.OWNED),
    "other_participants": (Merge.KEEP, Merge.OWNED),
    "status": (Merge.REPLACE, Merge.OWNED),
    "open_to_new_members": (Merge.REPLACE, Merge.KEEP),
    "funders": (Merge.REPLACE, Merge.KEEP),
    "budget": (Merge.REPLACE, Merge.OWNED),
    "currency": (Merge.REPLACE, Merge.OWNED),
    "start_date": (Merge.KEEP, Merge.OWNED),
    "end_date": (Merge.FILL, Merge.OWNED),  # CURATED: the Atlas sheets' end dates
    "partnership": (Merge.FILL, Merge.KEEP),
    "contact": (Merge.KEEP, Merge.KEEP),
    "call_closes_on": (Merge.KEEP, Merge.KEEP),  # calls for partners: contributions only
    "call_contact": (Merge.KEEP, Merge.KEEP),
    # Declared by the authority (contributions only), in the project file's vocabulary.
    "budget_lines": (Merge.KEEP, Merge.KEEP),
    "financing_lines": (Merge.KEEP, Merge.KEEP),
    "results": (Merge.KEEP, Merge.KEEP),
    "lessons": (Merge.KEEP, Merge.KEEP),
    "source_url": (Merge.UNION, Merge.OWNED),
    "source_date": (Merge.REPLACE, Merge.OWNED),
    "french_authorities": (Merge.UNION, Merge.OWNED),
    "foreign_authorities": (Merge.UNION, Merge.OWNED),
    "countries": (Merge.UNION, Merge.OWNED),
    "themes": (Merge.UNION, Merge.OWNED),
    "sdg_targets": (Merge.KEEP, Merge.OWNED),
    "dac_sectors": (Merge.KEEP, Merge.OWNED),
}
# Many-to-many fields (links) of each record: UNION or OWNED apply to the set of links.
PARTNERSHIP_LINKS = ("french_authorities", "foreign_authorities", "themes", "sdg_targets")
PROJECT_LINKS = (
    "countries",
    "dac_sectors",
    "sdg_targets",
    "themes",
    "french_authorities",
    "foreign_authorities",
)
# Provenance, written by every import whatever the policy.
PROVENANCE = ("import_batch", "updated_at")
# Values that count as "not given" for REPLACE (an empty value never blanks a stored one).
EMPTY: tuple[Any, ...] = (None, "")
EMPTY_OF: dict[str, tuple[Any, ...]] = {
    "status": (None, "", "unknown"),
    "open_to_new_members": (None,),
}


def fields(policy: dict[str, tuple[Merge, Merge]], which: Policy, merge: Merge) -> tuple[str, ...]:
    """The fields of ``policy`` that ``which`` writes with ``merge``, in declaration order."""
    column = 0 if which is Policy.CURATED else 1
    return tuple(name for name, merges in policy.items() if merges[column] is merge)


def _scalar(policy: dict[str, tuple[Merge, Merge]], links: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(name for name in policy if name not in links)


# The scalar fields each policy writes (links and provenance apart).
PARTNERSHIP_REPLACED = tuple(
    name
    for name in fields(PARTNERSHIP_POLICY, Policy.CURATED, Merge.REPLACE)
    if name not in ("source_date",)
)
PROJECT_REPLACED = tuple(
    name
    for name in fields(PROJECT_POLICY, Policy.CURATED, Merge.REPLACE)
    if name not in ("source_date",)
)
PROJECT_OWNED = tuple(
    name
    for name in fields(PROJECT_POLICY, Policy.SOURCE_OWNED, Merge.OWNED)
    if name not in PROJECT_LINKS
)
PARTNERSHIP_EDITABLE = _scalar(PARTNERSHIP_POLICY, PARTNERSHIP_LINKS)
PROJECT_EDITABLE = _scalar(PROJECT_POLICY, PROJECT_LINKS)


def merge_value(stored: Any, incoming: Any, *, weak: bool, empty: tuple[Any, ...] = EMPTY) -> Any:
    """The value of a ``REPLACE`` field after merging ``incoming`` into ``stored``: an empty
    incoming value never blanks, a ``weak`` one only fills a blank."""
    if incoming in empty:
        return stored
    if weak and stored not in empty:
        return stored
    return incoming
