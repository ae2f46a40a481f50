"""IATI 2.03: from plain data to ``iati-activity`` / ``iati-organisation`` elements.

The XSD fixes the order of children (an ``xsd:sequence``), so each builder below emits
children in schema order; reordering two lines here makes the output invalid. Elements the
schema requires (title, description, participating-org, activity-status, activity-date, the
reporting-org narrative, a document category) are checked first and reported as IatiError
naming the record, rather than producing a file that fails validation later.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal

from lxml import etree

from coopdec.formats.i18n import _
from coopdec.formats.iati import model as m
from coopdec.formats.iati.errors import IatiError
from coopdec.formats.iati.xmlsafe import Element

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
WGS84 = "http://www.opengis.net/def/crs/EPSG/0/4326"


def _sub(parent: Element, tag: str, attributes: dict[str, str | None] | None = None) -> Element:
    """Append a child, leaving out attributes whose value is None."""
    child = etree.SubElement(parent, tag)
    for name, value in (attributes or {}).items():
        if value is not None:
            child.set(name, value)
    return child


def _decimal(value: Decimal | None) -> str | None:
    # str(Decimal("1E+2")) is "1E+2", which xsd:decimal rejects; "f" never uses exponents.
    return None if value is None else format(value, "f")


def _date(value: date) -> str:
    return value.isoformat()


def _datetime(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _narratives(parent: Element, narratives: m.Narratives) -> Element:
    for narrative in narratives:
        _sub(parent, "narrative", {XML_LANG: narrative.lang}).text = narrative.text
    return parent


def _text_element(parent: Element, tag: str, narratives: m.Narratives) -> None:
    if narratives:
        _narratives(_sub(parent, tag), narratives)


def _money(parent: Element, money: m.Money) -> None:
    value = _sub(
        parent, "value", {"currency": money.currency, "value-date": _date(money.value_date)}
    )
    value.text = _decimal(money.value)


def _period(parent: Element, start: date, end: date) -> None:
    _sub(parent, "period-start", {"iso-date": _date(start)})
    _sub(parent, "period-end", {"iso-date": _date(end)})


def _require(condition: bool, record: str, element: str, file_name: str) -> None:
    if not condition:
        raise IatiError(
            _("« %(record)s » ne peut pas être écrit : <%(element)s> est obligatoire en IATI 2.03")
            % {"record": record, "element": element},
            file=file_name,
            element=element,
        )


def _check_activity(a: m.Activity, file_name: str) -> None:
    record = a.iati_identifier
    _require(bool(a.iati_identifier.strip()), record, "iati-identifier", file_name)
    org = a.reporting_org
    _require(bool(org.ref and org.type and org.narratives), record, "reporting-org", file_name)
    _require(bool(a.title), record, "title/narrative", file_name)
    _require(bool(a.descriptions), record, "description", file_name)
    _require(all(d.narratives for d in a.descriptions), record, "description/narrative", file_name)
    _require(bool(a.participating_orgs), record, "participating-org", file_name)
    _require(a.activity_status is not None, record, "activity-status", file_name)
    _require(bool(a.activity_dates), record, "activity-date", file_name)
    _check_documents(a.document_links, record, file_name)


def _check_documents(links: Iterable[m.DocumentLink], record: str, file_name: str) -> None:
    for link in links:
        _require(bool(link.title), record, "document-link/title", file_name)
        _require(bool(link.categories), record, "document-link/category", file_name)


def activity_element(a: m.Activity, *, file_name: str) -> Element:
    """The ``iati-activity`` element for ``a``, children in 2.03 schema order."""
    _check_activity(a, file_name)
    root = etree.Element("iati-activity")
    for name, value in (
        ("last-updated-datetime", _datetime(a.last_updated)),
        (XML_LANG, a.language),
        ("default-currency", a.default_currency),
    ):
        if value is not None:
            root.set(name, value)
    _sub(root, "iati-identifier").text = a.iati_identifier
    _org(root, "reporting-org", a.reporting_org)
    _narratives(_sub(root, "title"), a.title)
    for description in a.descriptions:
        _narratives(_sub(root, "description", {"type": description.type}), description.narratives)
    for p in a.participating_orgs:
        attributes = {"ref": p.ref, "type": p.type, "role": p.role, "activity-id": p.activity_id}
        _narratives(_sub(root, "participating-org", attributes), p.narratives)
    _sub(root, "activity-status", {"code": a.activity_status})
    for d in a.activity_dates:
        _sub(root, "activity-date", {"type": d.type, "iso-date": _date(d.iso_date)})
    for contact in a.contacts:
        _contact(root, contact)
    for country in a.recipient_countries:
        _sub(
            root,
            "recipient-country",
            {"code": country.code, "percentage": _decimal(country.percentage)},
        )
    for region in a.recipient_regions:
        attributes = {
            "code": region.code,
            "vocabulary": region.vocabulary,
            "percentage": _decimal(region.percentage),
        }
        _sub(root, "recipient-region", attributes)
    for location in a.locations:
        _location(root, location)
    for s in a.sectors:
        _sub(
            root,
            "sector",
            {"vocabulary": s.vocabulary, "code": s.code, "percentage": _decimal(s.percentage)},
        )
    for tag in a.tags:
        _narratives(
            _sub(root, "tag", {"vocabulary": tag.vocabulary, "code": tag.code}), tag.narratives
        )
    for b in a.budgets:
        budget = _sub(root, "budget", {"type": b.type, "status": b.status})
        _period(budget, b.period_start, b.period_end)
        _money(budget, b.value)
    for t in a.transactions:
        _transaction(root, t)
    for link in a.document_links:
        _document_link(root, link)
    return root


def _org(parent: Element, tag: str, org: m.OrganisationRef) -> None:
    _narratives(_sub(parent, tag, {"ref": org.ref, "type": org.type}), org.narratives)


def _contact(parent: Element, c: m.ContactInfo) -> None:
    contact = _sub(parent, "contact-info", {"type": c.type})
    _text_element(contact, "organisation", c.organisation)
    _text_element(contact, "department", c.department)
    _text_element(contact, "person-name", c.person_name)
    _text_element(contact, "job-title", c.job_title)
    for tag, values in (("telephone", c.telephones), ("email", c.emails), ("website", c.websites)):
        for value in values:
            _sub(contact, tag).text = value
    _text_element(contact, "mailing-address", c.mailing_address)


def _location(parent: Element, loc: m.Location) -> None:
    location = _sub(parent, "location", {"ref": loc.ref})
    _text_element(location, "name", loc.name)
    _text_element(location, "description", loc.description)
    if loc.point is not None:
        point = _sub(location, "point", {"srsName": WGS84})
        _sub(point, "pos").text = f"{_decimal(loc.point.latitude)} {_decimal(loc.point.longitude)}"


def _transaction(parent: Element, t: m.Transaction) -> None:
    transaction = _sub(parent, "transaction", {"ref": t.ref})
    _sub(transaction, "transaction-type", {"code": t.type})
    _sub(transaction, "transaction-date", {"iso-date": _date(t.date)})
    _money(transaction, t.value)
    _text_element(transaction, "description", t.description)
    for tag, party in (("provider-org", t.provider), ("receiver-org", t.receiver)):
        if party is not None:
            attributes = {
                "ref": party.ref,
                tag.replace("-org", "-activity-id"): party.activity_id,
                "type": party.type,
            }
            _narratives(_sub(transaction, tag, attributes), party.narratives)


def _document_link(parent: Element, link: m.DocumentLink) -> None:
    element = _sub(parent, "document-link", {"url": link.url, "format": link.format})
    _narratives(_sub(element, "title"), link.title)
    for code in link.categories:
        _sub(element, "category", {"code": code})
    for code in link.languages:
        _sub(element, "language", {"code": code})
    if link.document_date is not None:
        _sub(element, "document-date", {"iso-date": _date(link.document_date)})


def organisation_element(o: m.Organisation, *, file_name: str) -> Element:
    """The ``iati-organisation`` element for ``o``, children in 2.03 schema order."""
    record = o.organisation_identifier
    _require(bool(record.strip()), record, "organisation-identifier", file_name)
    _require(bool(o.name), record, "name/narrative", file_name)
    org = o.reporting_org
    _require(bool(org.ref and org.type and org.narratives), record, "reporting-org", file_name)
    _check_documents(o.document_links, record, file_name)
    root = etree.Element("iati-organisation")
    for name, value in (
        ("last-updated-datetime", _datetime(o.last_updated)),
        (XML_LANG, o.language),
        ("default-currency", o.default_currency),
    ):
        if value is not None:
            root.set(name, value)
    _sub(root, "organisation-identifier").text = record
    _narratives(_sub(root, "name"), o.name)
    _org(root, "reporting-org", o.reporting_org)
    for b in o.total_budgets:
        budget = _sub(root, "total-budget", {"status": b.status})
        _period(budget, b.period_start, b.period_end)
        _money(budget, b.value)
    for b in o.recipient_country_budgets:
        _require(b.recipient_country is not None, record, "recipient-country", file_name)
        budget = _sub(root, "recipient-country-budget", {"status": b.status})
        _sub(budget, "recipient-country", {"code": b.recipient_country})
        _period(budget, b.period_start, b.period_end)
        _money(budget, b.value)
    for link in o.document_links:
        _document_link(root, link)
    return root
