"""The APD declaration campaign: prepare, complete, submit, reopen, export (web, API, CLI).

The rows come from ``coopdec.opendata.apd.declaration`` (the authority's project files shared
with it in coopdec, then its catalogue projects). They are estimates: the manager replaces each
amount with what was actually paid in N-1 (or removes a row that is not APD) before
submitting. A submitted declaration is a snapshot: its rows no longer change when the catalogue
or the project files do, and its receipt names the snapshot's SHA-256.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coopdec.accounts import audit
from coopdec.accounts.models import OwnedWorkspace
from coopdec.accounts.permissions import require
from coopdec.assistant.params import value_at
from coopdec.catalogue.models import FrenchAuthority
from coopdec.declarations.models import ApdDeclaration
from coopdec.documents.blocks import Document, Heading, Table, para
from coopdec.documents.pdf_renderer import render_document_pdf
from coopdec.opendata import apd, apd_files
from coopdec.opendata.apd import ApdRow
from coopdec.projectfile import ProjectFileError, parse_project

FIRST_CAMPAIGN = 2016  # the declaration is compulsory since the 2015 amounts (L1115-6)
_DECIMAL_FIELDS = ("amount", "one_percent", "in_kind", "cofinancing_received")
MAX_AMOUNT = Decimal("1000000000")


class DeclarationError(ValueError):
    """A refused change: ``field`` names the row and column (``lignes[3].montant``) or the
    parameter; ``message`` says why, in French."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field} : {message}" if field else message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class Campaign:
    """A campaign year and its window, as far as the rules' parameters know it."""

    year: int
    opens: date | None
    closes: date | None
    known: bool  # False: the window of that year is not in our data ("à vérifier")


@dataclass
class DeclarationView:
    authority: FrenchAuthority
    campaign: Campaign
    rows: list[dict[str, Any]]
    record: ApdDeclaration | None  # None: nothing saved yet, the rows are the prepared ones

    @property
    def status(self) -> str:
        return self.record.status if self.record else ApdDeclaration.Status.DRAFT

    @property
    def locked(self) -> bool:
        return self.status == ApdDeclaration.Status.SUBMITTED

    @property
    def total(self) -> Decimal:
        return sum((Decimal(r["amount"]) for r in self.rows if r.get("amount")), Decimal(0))

    @property
    def missing(self) -> list[int]:
        """Row numbers (from 1) whose amount is still to be entered."""
        return [i for i, r in enumerate(self.rows, 1) if r.get("amount") in (None, "")]


def campaign(year: int, today: date | None = None) -> Campaign:
    today = today or timezone.localdate()
    if not FIRST_CAMPAIGN <= year <= today.year + 1:
        raise DeclarationError(
            "year", _("campagne de %(first)d à %(last)d") % {"first": FIRST_CAMPAIGN,
                                                           "last": today.year + 1}
        )  # fmt: skip
    window = value_at("apd_declaration_window", date(year, 6, 1))
    if window is None:
        return Campaign(year, None, None, known=False)
    opens = date.fromisoformat(f"{year}-{window.value['opens']}")
    closes = date.fromisoformat(f"{year}-{window.value['closes']}")
    return Campaign(year, opens, closes, known=True)


def _row_dict(row: ApdRow) -> dict[str, Any]:
    data = asdict(row)
    for name in _DECIMAL_FIELDS:
        value = data[name]
        data[name] = None if value is None else str(value)
    return data


def _row_object(data: Mapping[str, Any]) -> ApdRow:
    known = {f.name for f in fields(ApdRow)}
    values = {k: v for k, v in data.items() if k in known}
    for name in _DECIMAL_FIELDS:
        raw = values.get(name)
        values[name] = None if raw in (None, "") else Decimal(str(raw))
    return ApdRow(**values)


def shared_project_files(authority: FrenchAuthority) -> list[tuple[str, Any]]:
    """The project files kept in coopdec and shared with the authority (valid ones only)."""
    out = []
    owned = OwnedWorkspace.objects.filter(authority=authority).select_related("workspace")
    for item in owned.order_by("pk"):
        try:
            project = parse_project(item.workspace.project, source=item.label)
        except ProjectFileError:
            continue  # a file still being written: the page of that project says what is wrong
        out.append((item.label, project))
    return out


def prepared_rows(authority: FrenchAuthority, year: int) -> list[dict[str, Any]]:
    rows = apd.declaration(authority, year, shared_project_files(authority))
    return [_row_dict(row) for row in rows]


def view(user: Any, authority: FrenchAuthority, year: int) -> DeclarationView:
    require(user, "authority.view_apd", authority)
    window = campaign(year)
    record = ApdDeclaration.objects.filter(authority=authority, campaign_year=year).first()
    rows = record.rows if record is not None else prepared_rows(authority, year)
    return DeclarationView(authority, window, rows, record)


def _amount(value: object, field: str) -> str | None:
    text = str(value).strip().replace("\u202f", "").replace(" ", "").replace(",", ".")
    if not text:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation as exc:
        raise DeclarationError(
            field, _("montant en euros attendu, p. ex. 1200 ou 1200,50")
        ) from exc
    if not number.is_finite() or number < 0 or number > MAX_AMOUNT:
        raise DeclarationError(field, _("montant positif ou nul, en euros"))
    if number != number.quantize(Decimal("0.01")):
        raise DeclarationError(field, _("deux décimales au plus"))
    return str(number.quantize(Decimal("0.01")))


@transaction.atomic
def save(
    user: Any,
    authority: FrenchAuthority,
    year: int,
    amounts: Mapping[int, object],
    removed: set[int] | frozenset[int] = frozenset(),
    ip: str | None = None,
) -> DeclarationView:
    """Record the amounts paid (row number from 1 -> euros) and the rows removed; all or
    nothing. A submitted declaration is refused: an administrator reopens it first."""
    require(user, "authority.declare_apd", authority)
    current = view(user, authority, year)
    if current.locked:
        raise DeclarationError("", _("déclaration déjà transmise : elle ne peut plus changer"))
    rows = [dict(r) for r in current.rows]
    for number in sorted({*amounts, *removed}):
        if not 1 <= number <= len(rows):
            raise DeclarationError(f"lignes[{number}]", _("pas de ligne %d") % number)
    for number, value in amounts.items():
        rows[number - 1]["amount"] = _amount(value, f"lignes[{number}].montant")
        rows[number - 1]["amount_basis"] = _("montant versé saisi par la collectivité")
    kept = [row for i, row in enumerate(rows, 1) if i not in removed]
    record, _created = ApdDeclaration.objects.select_for_update().get_or_create(
        authority=authority, campaign_year=year, defaults={"rows": kept}
    )
    if record.status == ApdDeclaration.Status.SUBMITTED:  # submitted in between
        raise DeclarationError("", _("déclaration déjà transmise : elle ne peut plus changer"))
    record.rows, record.updated_by = kept, user
    record.save()
    audit.record(
        "apd.save", actor=user, ip=ip, target=f"{authority.kind}:{authority.code}:{year}",
        amounts=len(amounts), removed=len(removed),
    )  # fmt: skip
    return view(user, authority, year)


def fingerprint(rows: list[dict[str, Any]]) -> str:
    canonical = json.dumps(rows, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


@transaction.atomic
def submit(
    user: Any, authority: FrenchAuthority, year: int, ip: str | None = None
) -> ApdDeclaration:
    """Lock the declaration as it stands; every row needs the amount actually paid."""
    require(user, "authority.declare_apd", authority)
    current = view(user, authority, year)
    if current.locked:
        raise DeclarationError("", _("déclaration déjà transmise"))
    if current.missing:
        first = current.missing[0]
        raise DeclarationError(
            f"lignes[{first}].montant",
            _("montant versé à saisir (ou ligne à retirer) : lignes %s")
            % ", ".join(str(n) for n in current.missing),
        )
    record, _created = ApdDeclaration.objects.select_for_update().get_or_create(
        authority=authority, campaign_year=year, defaults={"rows": current.rows}
    )
    if record.status == ApdDeclaration.Status.SUBMITTED:
        raise DeclarationError("", _("déclaration déjà transmise"))
    now = timezone.now()
    record.status = ApdDeclaration.Status.SUBMITTED
    record.fingerprint = fingerprint(record.rows)
    record.receipt = f"APD{year}-{authority.kind[:3].upper()}{authority.code}-{record.pk:05d}"
    record.submitted_at, record.submitted_by, record.updated_by = now, user, user
    record.save()
    audit.record(
        "apd.submit", actor=user, ip=ip, target=f"{authority.kind}:{authority.code}:{year}",
        receipt=record.receipt, fingerprint=record.fingerprint,
    )  # fmt: skip
    return record


@transaction.atomic
def reopen(user: Any, record: ApdDeclaration, reason: str, ip: str | None = None) -> None:
    """An administrator reopens a submitted declaration (the reason is kept and audited)."""
    require(user, "admin.reopen_apd", record.authority)
    reason = " ".join(reason.split())
    if not reason:
        raise DeclarationError("reason", _("motif obligatoire"))
    if record.status != ApdDeclaration.Status.SUBMITTED:
        raise DeclarationError("", _("cette déclaration n'est pas transmise"))
    record.status = ApdDeclaration.Status.DRAFT
    record.reopened_at, record.reopen_reason = timezone.now(), reason[:2000]
    record.save()
    audit.record(
        "apd.reopen", actor=user, ip=ip,
        target=f"{record.authority.kind}:{record.authority.code}:{record.campaign_year}",
        receipt=record.receipt, reason=reason[:200],
    )  # fmt: skip


def declared(user: Any, year: int) -> list[ApdDeclaration]:
    """Every submitted declaration of a campaign (administrators)."""
    if not user_can_view_all(user):
        raise PermissionDenied("admin.view_declarations")
    return list(
        ApdDeclaration.objects.filter(
            campaign_year=year, status=ApdDeclaration.Status.SUBMITTED
        ).select_related("authority", "submitted_by").order_by("authority__name")
    )  # fmt: skip


def user_can_view_all(user: Any) -> bool:
    from coopdec.accounts.permissions import can

    return can(user, "admin.view_declarations")


def export_all(user: Any, year: int, fmt: str) -> bytes:
    """All submitted declarations of a campaign in one CSV or XLSX (the ministry's collection)."""
    if fmt not in ("csv", "xlsx"):
        raise DeclarationError("format", _("csv ou xlsx"))
    rows = [_row_object(row) for record in declared(user, year) for row in record.rows]
    out = io.BytesIO()
    if fmt == "csv":
        apd_files.write_csv(rows, out)
    else:
        apd_files.write_xlsx(rows, out, year - 1)
    return out.getvalue()


def receipt_pdf(user: Any, record: ApdDeclaration) -> bytes:
    """The receipt of a submitted declaration: who, when, what (rows and total), fingerprint."""
    require(user, "authority.view_apd", record.authority)
    if record.status != ApdDeclaration.Status.SUBMITTED or record.submitted_at is None:
        raise DeclarationError("", _("pas de récépissé : la déclaration n'est pas transmise"))
    rows = record.rows
    total = sum((Decimal(r["amount"]) for r in rows if r.get("amount")), Decimal(0))
    submitted = timezone.localtime(record.submitted_at)
    who = record.submitted_by.email if record.submitted_by else "?"
    table = Table(
        header=(_("Projet"), _("Pays"), _("Secteur CAD"), _("Montant (EUR)")),
        rows=tuple(
            (
                str(r["project"]),
                str(r.get("country_name") or r["country"]),
                str(r.get("dac_sector") or ""),
                _euros(Decimal(r["amount"])),
            )
            for r in rows
        ),
        numeric=(3,),
        total=(_("Total"), "", "", _euros(total)),
        widths=(5, 2, 2, 2),
    )
    document = Document(
        kind="apd-receipt",
        title=_("Récépissé de déclaration de l'aide publique au développement"),
        subtitle=_("Campagne %(year)d — montants versés en %(previous)d")
        % {"year": record.campaign_year, "previous": record.campaign_year - 1},
        header=(record.authority.name, _("Récépissé n° %s") % record.receipt),
        blocks=(
            para(
                _("Déclaration transmise le %(day)s à %(time)s par %(who)s.")
                % {
                    "day": submitted.strftime("%d/%m/%Y"),
                    "time": submitted.strftime("%H:%M"),
                    "who": who,
                }
            ),
            Heading(_("Lignes déclarées"), 2),
            table,
            para(
                _(
                    "Empreinte SHA-256 des lignes transmises : %s. Toute modification ultérieure "
                    "exige la réouverture par un administrateur, qui est journalisée."
                )
                % record.fingerprint
            ),
            para(
                _(
                    "Ce récépissé atteste la transmission dans coopdec. La déclaration "
                    "réglementaire (CGCT art. L1115-6) se fait sur la plateforme du ministère "
                    "de l'Europe et des Affaires étrangères pendant la campagne."
                )
            ),
        ),
        footer=_("coopdec — récépissé %s") % record.receipt,
    )
    return render_document_pdf(document, today=submitted.date())


def _euros(value: Decimal) -> str:
    whole, _sep, cents = f"{value:.2f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", "\u202f")
    return f"{grouped},{cents}"


def authority_of(kind: str, code: str) -> FrenchAuthority:
    found = FrenchAuthority.objects.filter(kind=kind, code=code).first()
    if found is None:
        raise DeclarationError("authority", _("collectivité inconnue : %s") % f"{kind}:{code}")
    return found
