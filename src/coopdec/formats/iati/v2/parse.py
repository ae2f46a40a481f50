"""IATI 2.01-2.03: from an ``iati-activity`` / ``iati-organisation`` element to plain data.

The three 2.0x versions share the elements read here (``tag`` only exists from 2.02 and is
simply absent before). Reading is tolerant of what the schema allows and of harmless
deviations (a ``point`` without ``pos`` gives no point); it raises IatiError, with line and
element, only when a value that the model needs cannot be understood.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import TypeVar, cast

from coopdec.formats.i18n import _
from coopdec.formats.iati import model as m
from coopdec.formats.iati.errors import IatiError
from coopdec.formats.iati.xmlsafe import Element, local_name

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
T = TypeVar("T")


class _Reader:
    """Parsing state for one record: the file name (for errors) and the default language."""

    def __init__(self, file_name: str, default_lang: str | None) -> None:
        self.file_name = file_name
        self.default_lang = default_lang.lower() if default_lang else None

    def error(self, element: Element, reason: str) -> IatiError:
        return IatiError(
            reason,
            file=self.file_name,
            line=cast(int | None, element.sourceline),
            element=local_name(element),
        )

    def required(self, element: Element, name: str) -> str:
        value = _attr(element, name)
        if value is None:
            raise self.error(
                element, _("attribut obligatoire « %(name)s » absent") % {"name": name}
            )
        return value

    def date(self, element: Element, name: str = "iso-date") -> date:
        raw = self.required(element, name)
        try:
            # xsd:date may carry a timezone suffix; the calendar day is what matters.
            return date.fromisoformat(raw[:10])
        except ValueError:
            raise self.error(
                element, _("date invalide « %(value)s » (attendu AAAA-MM-JJ)") % {"value": raw}
            ) from None

    def decimal(self, element: Element, raw: str | None) -> Decimal | None:
        if raw is None or not raw.strip():
            return None
        try:
            value = Decimal(raw.strip())
        except InvalidOperation:
            value = Decimal("NaN")
        if not value.is_finite():
            raise self.error(element, _("nombre invalide « %(value)s »") % {"value": raw})
        return value

    def narratives(self, element: Element | None) -> m.Narratives:
        if element is None:
            return ()
        return tuple(
            m.Narrative(text=(n.text or "").strip(), lang=_lang(n) or self.default_lang)
            for n in element.iterfind("narrative")
        )

    def many(self, elements: list[Element], build: Callable[[Element], T]) -> tuple[T, ...]:
        return tuple(build(child) for child in elements)

    def money(self, element: Element) -> m.Money:
        value = self.decimal(element, cast(str | None, element.text))
        if value is None:
            raise self.error(element, _("montant absent"))
        return m.Money(
            value=value,
            value_date=self.date(element, "value-date"),
            currency=_attr(element, "currency"),
        )

    def org_ref(self, element: Element | None) -> m.OrganisationRef:
        if element is None:
            return m.OrganisationRef()
        return m.OrganisationRef(
            ref=_attr(element, "ref"),
            type=_attr(element, "type"),
            narratives=self.narratives(element),
        )

    def document_link(self, element: Element) -> m.DocumentLink:
        date_element = element.find("document-date")
        return m.DocumentLink(
            url=self.required(element, "url"),
            format=self.required(element, "format"),
            title=self.narratives(element.find("title")),
            categories=tuple(self.required(c, "code") for c in element.iterfind("category")),
            languages=tuple(self.required(c, "code") for c in element.iterfind("language")),
            document_date=None if date_element is None else self.date(date_element),
        )


def _attr(element: Element, name: str) -> str | None:
    # Hot path (a hundred calls per activity): no cast(), which is a call at runtime.
    value: str | None = element.get(name)
    if value is None:
        return None
    return value.strip() or None


def _lang(element: Element) -> str | None:
    value = _attr(element, XML_LANG)
    return value.lower() if value else None


def _texts(parent: Element, tag: str) -> tuple[str, ...]:
    return tuple(text for child in parent.iterfind(tag) if (text := (child.text or "").strip()))


def _children(element: Element) -> dict[str, list[Element]]:
    """Direct children grouped by tag: one pass instead of one scan per element name."""
    groups: dict[str, list[Element]] = {}
    for child in element:
        groups.setdefault(child.tag, []).append(child)
    return groups


def _first(groups: dict[str, list[Element]], tag: str) -> Element | None:
    found = groups.get(tag)
    return found[0] if found else None


def _timestamp(reader: _Reader, element: Element) -> datetime | None:
    raw = _attr(element, "last-updated-datetime")
    if raw is None:
        return None
    try:
        return datetime.fromisoformat(raw)
    except ValueError:
        raise reader.error(
            element, _("horodatage invalide « %(value)s »") % {"value": raw}
        ) from None


def parse_activity(element: Element, *, file_name: str) -> m.Activity:
    """Build an Activity from an ``iati-activity`` element of a 2.0x file."""
    r = _Reader(file_name, _lang(element))
    c = _children(element)
    identifier_element = _first(c, "iati-identifier")
    identifier = (identifier_element.text or "").strip() if identifier_element is not None else ""
    if not identifier:
        raise r.error(element, _("identifiant IATI (iati-identifier) absent ou vide"))
    status = _first(c, "activity-status")
    return m.Activity(
        iati_identifier=identifier,
        reporting_org=r.org_ref(_first(c, "reporting-org")),
        title=r.narratives(_first(c, "title")),
        descriptions=r.many(
            c.get("description", []),
            lambda e: m.Description(narratives=r.narratives(e), type=_attr(e, "type")),
        ),
        participating_orgs=r.many(c.get("participating-org", []), lambda e: _participant(r, e)),
        activity_status=None if status is None else _attr(status, "code"),
        activity_dates=r.many(
            c.get("activity-date", []),
            lambda e: m.ActivityDate(type=r.required(e, "type"), iso_date=r.date(e)),
        ),
        contacts=r.many(c.get("contact-info", []), lambda e: _contact(r, e)),
        recipient_countries=r.many(
            c.get("recipient-country", []),
            lambda e: m.RecipientCountry(
                code=r.required(e, "code").upper(), percentage=r.decimal(e, _attr(e, "percentage"))
            ),
        ),
        recipient_regions=r.many(
            c.get("recipient-region", []),
            lambda e: m.RecipientRegion(
                code=r.required(e, "code"),
                vocabulary=_attr(e, "vocabulary") or "1",
                percentage=r.decimal(e, _attr(e, "percentage")),
            ),
        ),
        locations=r.many(c.get("location", []), lambda e: _location(r, e)),
        sectors=r.many(
            c.get("sector", []),
            lambda e: m.Sector(
                code=r.required(e, "code"),
                vocabulary=_attr(e, "vocabulary") or m.DAC_SECTOR_VOCABULARY,
                percentage=r.decimal(e, _attr(e, "percentage")),
            ),
        ),
        tags=r.many(
            c.get("tag", []),
            lambda e: m.Tag(
                code=r.required(e, "code"),
                vocabulary=r.required(e, "vocabulary"),
                narratives=r.narratives(e),
            ),
        ),
        budgets=r.many(c.get("budget", []), lambda e: _budget(r, e)),
        transactions=r.many(c.get("transaction", []), lambda e: _transaction(r, e)),
        document_links=r.many(c.get("document-link", []), r.document_link),
        default_currency=_attr(element, "default-currency"),
        language=r.default_lang,
        last_updated=_timestamp(r, element),
    )


def _participant(r: _Reader, e: Element) -> m.ParticipatingOrg:
    return m.ParticipatingOrg(
        role=r.required(e, "role"),
        ref=_attr(e, "ref"),
        type=_attr(e, "type"),
        activity_id=_attr(e, "activity-id"),
        narratives=r.narratives(e),
    )


def _contact(r: _Reader, e: Element) -> m.ContactInfo:
    return m.ContactInfo(
        type=_attr(e, "type"),
        organisation=r.narratives(e.find("organisation")),
        department=r.narratives(e.find("department")),
        person_name=r.narratives(e.find("person-name")),
        job_title=r.narratives(e.find("job-title")),
        telephones=_texts(e, "telephone"),
        emails=_texts(e, "email"),
        websites=_texts(e, "website"),
        mailing_address=tuple(n for a in e.iterfind("mailing-address") for n in r.narratives(a)),
    )


def _location(r: _Reader, e: Element) -> m.Location:
    point = None
    pos = (e.findtext("point/pos") or "").split()
    if len(pos) == 2:
        lat, lon = r.decimal(e, pos[0]), r.decimal(e, pos[1])
        if lat is not None and lon is not None:
            point = m.Point(latitude=lat, longitude=lon)
    return m.Location(
        ref=_attr(e, "ref"),
        name=r.narratives(e.find("name")),
        description=r.narratives(e.find("description")),
        point=point,
    )


def _budget(r: _Reader, e: Element) -> m.Budget:
    return m.Budget(
        period_start=r.date(_child(r, e, "period-start")),
        period_end=r.date(_child(r, e, "period-end")),
        value=r.money(_child(r, e, "value")),
        type=_attr(e, "type"),
        status=_attr(e, "status"),
    )


def _transaction(r: _Reader, e: Element) -> m.Transaction:
    c = _children(e)

    def party(tag: str) -> m.TransactionOrg | None:
        org = _first(c, tag)
        if org is None:
            return None
        return m.TransactionOrg(
            ref=_attr(org, "ref"),
            type=_attr(org, "type"),
            activity_id=_attr(org, tag.replace("-org", "-activity-id")),
            narratives=r.narratives(org),
        )

    def child(tag: str) -> Element:
        found = _first(c, tag)
        if found is None:
            raise r.error(e, _("élément enfant <%(tag)s> absent") % {"tag": tag})
        return found

    return m.Transaction(
        type=r.required(child("transaction-type"), "code"),
        date=r.date(child("transaction-date")),
        value=r.money(child("value")),
        ref=_attr(e, "ref"),
        description=r.narratives(_first(c, "description")),
        provider=party("provider-org"),
        receiver=party("receiver-org"),
    )


def _child(r: _Reader, e: Element, tag: str) -> Element:
    child = e.find(tag)
    if child is None:
        raise r.error(e, _("élément enfant <%(tag)s> absent") % {"tag": tag})
    return child


def parse_organisation(element: Element, *, file_name: str) -> m.Organisation:
    """Build an Organisation from an ``iati-organisation`` element of a 2.0x file."""
    r = _Reader(file_name, _lang(element))
    c = _children(element)
    identifier_element = _first(c, "organisation-identifier")
    identifier = (identifier_element.text or "").strip() if identifier_element is not None else ""
    if not identifier:
        raise r.error(element, _("identifiant d'organisation (organisation-identifier) absent"))

    def budget(e: Element, country: str | None = None) -> m.OrganisationBudget:
        return m.OrganisationBudget(
            period_start=r.date(_child(r, e, "period-start")),
            period_end=r.date(_child(r, e, "period-end")),
            value=r.money(_child(r, e, "value")),
            status=_attr(e, "status"),
            recipient_country=country,
        )

    return m.Organisation(
        organisation_identifier=identifier,
        name=r.narratives(_first(c, "name")),
        reporting_org=r.org_ref(_first(c, "reporting-org")),
        total_budgets=r.many(c.get("total-budget", []), budget),
        recipient_country_budgets=r.many(
            c.get("recipient-country-budget", []),
            lambda e: budget(e, r.required(_child(r, e, "recipient-country"), "code").upper()),
        ),
        document_links=r.many(c.get("document-link", []), r.document_link),
        default_currency=_attr(element, "default-currency"),
        language=r.default_lang,
        last_updated=_timestamp(r, element),
    )
