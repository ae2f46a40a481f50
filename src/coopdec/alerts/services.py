"""Alerts: save a search, list and delete them, build and send the digests (web, API, CLI).

What a digest holds, per alert:
- a catalogue search: the partnerships and projects added to the catalogue since the alert
  was saved that the search selects now (``coopdec.catalogue.search.matching``);
- funding: the known deadlines of the chosen programmes (all when none is chosen) within
  ``DEADLINE_HORIZON_DAYS`` days.
Each item goes out once per alert: it is recorded (``AlertDelivery``, unique per alert and key)
in the transaction that sends the mail, so a second run, or a run after a failed mail, sends
exactly what has not gone out yet.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, urlencode

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from coopdec.alerts.models import AlertDelivery, SavedSearch
from coopdec.assistant import programs
from coopdec.assistant.reference import programs_by_id
from coopdec.catalogue.models import Partnership, Project
from coopdec.catalogue.search import QueryError, SearchQuery, matching, search

MAX_ALERTS_PER_USER = 50
DEADLINE_HORIZON_DAYS = 30
# A digest lists at most this many new records per alert; the others go in the next one.
MAX_RECORDS_PER_DIGEST = 50
# Page, order and size say how to show results, not which records are wanted.
_NOT_CRITERIA = ("page", "page_size", "sort")


class AlertError(ValueError):
    """A refused alert: ``field`` is the form field or parameter, ``message`` says why (French,
    translated where shown)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class DigestItem:
    key: str
    title: str
    path: str  # site-relative link
    detail: str = ""


@dataclass
class SendReport:
    users: int = 0
    mails: int = 0
    items: int = 0
    skipped: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "users": self.users,
            "mails": self.mails,
            "items": self.items,
            "skipped": self.skipped,
        }


# --- saving ---------------------------------------------------------------------------------


def catalogue_query(params: Mapping[str, Sequence[str]]) -> SearchQuery:
    """The search an alert watches: the criteria of ``params`` (words and filters), checked
    as the search API checks them, values that name nothing included."""
    criteria = {k: list(v) for k, v in params.items() if k not in _NOT_CRITERIA and v}
    query = SearchQuery.from_params(criteria)
    search(SearchQuery.from_params({**criteria, "page_size": ["1"]}))
    return query


def save_search(
    user: Any,
    kind: str,
    params: Mapping[str, Sequence[str]],
    name: str = "",
    language: str = "fr",
) -> SavedSearch:
    """Save an alert for ``user`` (the same criteria twice give the same alert)."""
    if kind == SavedSearch.Kind.CATALOGUE:
        try:
            query = catalogue_query(params)
        except QueryError as exc:
            raise AlertError(exc.parameter, exc.message) from exc
        canonical = urlencode(sorted(query.to_params().items()), doseq=True)
        default_name = query.text.strip() or _("Recherche du catalogue")
    elif kind == SavedSearch.Kind.FUNDING:
        chosen = sorted({p for p in params.get("program", []) if p})
        unknown = [p for p in chosen if p not in programs_by_id()]
        if unknown:
            raise AlertError("program", _("programme de financement inconnu : %s") % unknown[0])
        canonical = urlencode([("program", p) for p in chosen])
        default_name = (
            _("Échéances de %d programme(s)") % len(chosen)
            if chosen
            else _("Échéances de tous les programmes")
        )
    else:
        raise AlertError("kind", _("nature d'alerte inconnue (catalogue ou funding)"))
    name = " ".join(name.split())[:120] or default_name[:120]
    existing = SavedSearch.objects.filter(user=user, kind=kind, query=canonical).first()
    if existing is not None:
        return existing
    if SavedSearch.objects.filter(user=user).count() >= MAX_ALERTS_PER_USER:
        raise AlertError(
            "kind", _("%d alertes au plus par compte : supprimez-en une") % MAX_ALERTS_PER_USER
        )
    return SavedSearch.objects.create(
        user=user, kind=kind, query=canonical, name=name, language=language[:8] or "fr"
    )


def alerts_of(user: Any) -> list[SavedSearch]:
    return list(SavedSearch.objects.filter(user=user))


def alert_of(user: Any, pk: int) -> SavedSearch | None:
    """The user's own alert, or None (another user's alert is not theirs to see)."""
    return SavedSearch.objects.filter(user=user, pk=pk).first()


def delete_alert(user: Any, pk: int) -> bool:
    deleted, _counts = SavedSearch.objects.filter(user=user, pk=pk).delete()
    return deleted > 0


def params_of(alert: SavedSearch) -> dict[str, list[str]]:
    return dict(parse_qs(alert.query, keep_blank_values=False))


def search_path(alert: SavedSearch) -> str:
    """Where the alert's results are read on the site."""
    if alert.kind == SavedSearch.Kind.CATALOGUE:
        return reverse("web:catalogue") + (f"?{alert.query}" if alert.query else "")
    return reverse("web:alerts")


@dataclass(frozen=True)
class ProgramOutlook:
    """A watched programme's next known deadline, or the last one known when the data end."""

    program_id: str
    name: str
    next_day: date | None
    last_known: date | None
    last_edition: str | None


def funding_outlook(alert: SavedSearch, today: date) -> list[ProgramOutlook]:
    """For the alerts page: the next deadline of each watched programme. When none is known
    after ``today``, the last known one is given so that the page says "à vérifier" with it
    (the data end, the programme may go on)."""
    out = []
    for program_id in _programs_of(alert):
        known = programs.deadlines(program_id)
        upcoming = [d for d in known if d.day >= today]
        out.append(
            ProgramOutlook(
                program_id=program_id,
                name=str(programs.program(program_id)["name"]),
                next_day=upcoming[0].day if upcoming else None,
                last_known=known[-1].day if known else None,
                last_edition=known[-1].edition if known else None,
            )
        )
    return out


def _programs_of(alert: SavedSearch) -> list[str]:
    chosen = [p for p in params_of(alert).get("program", []) if p in programs_by_id()]
    return chosen or sorted(programs_by_id())


# --- digests --------------------------------------------------------------------------------


def pending_items(alert: SavedSearch, today: date) -> list[DigestItem]:
    """What the next digest would list for this alert (not yet sent)."""
    sent = set(alert.deliveries.values_list("key", flat=True))
    if alert.kind == SavedSearch.Kind.CATALOGUE:
        items = _new_records(alert, sent)
    else:
        items = _deadlines(alert, today, sent)
    return items


def _new_records(alert: SavedSearch, sent: set[str]) -> list[DigestItem]:
    try:
        query = SearchQuery.from_params(params_of(alert))
    except QueryError:
        return []  # a vocabulary change made the criteria invalid: nothing matches
    added: list[tuple[datetime, str, int, str]] = [
        (created, "partnership", pk, title)
        for pk, title, created in Partnership.objects.filter(
            created_at__gte=alert.created_at
        ).values_list("pk", "title", "created_at")
    ]
    added += [
        (created, "project", pk, title)
        for pk, title, created in Project.objects.filter(
            created_at__gte=alert.created_at
        ).values_list("pk", "title", "created_at")
    ]
    candidates = {(kind, pk) for _c, kind, pk, _t in added if f"{kind}:{pk}" not in sent}
    try:
        selected = matching(query, candidates)
    except QueryError:
        return []
    added.sort(key=lambda row: (row[0], row[1], row[2]))
    items = []
    for _created, kind, pk, title in added:
        if (kind, pk) not in selected:
            continue
        route = "web:partnership" if kind == "partnership" else "web:project"
        label = _("Partenariat") if kind == "partnership" else _("Projet")
        items.append(DigestItem(f"{kind}:{pk}", title, reverse(route, args=[pk]), label))
    return items[:MAX_RECORDS_PER_DIGEST]


def _deadlines(alert: SavedSearch, today: date, sent: set[str]) -> list[DigestItem]:
    horizon = today + timedelta(days=DEADLINE_HORIZON_DAYS)
    items = []
    for program_id in _programs_of(alert):
        name = str(programs.program(program_id)["name"])
        for deadline in programs.deadlines(program_id):
            key = f"deadline:{program_id}:{deadline.day.isoformat()}"
            if today <= deadline.day <= horizon and key not in sent:
                detail = _("date limite le %(day)s (édition %(edition)s)") % {
                    "day": deadline.day.strftime("%d/%m/%Y"),
                    "edition": deadline.edition,
                }
                url = str(programs.program(program_id).get("url") or "")
                items.append(DigestItem(key, name, url or reverse("web:alerts"), detail))
    return sorted(items, key=lambda item: item.key.rsplit(":", 1)[1])


def send_digests(today: date | None = None, site_url: str | None = None) -> SendReport:
    """Mail every user the pending items of their alerts, one mail per user; idempotent."""
    today = today or timezone.localdate()
    site_url = (
        site_url or str(getattr(settings, "COOPDEC_SITE_URL", "http://127.0.0.1:8000"))
    ).rstrip("/")
    report = SendReport()
    users = {alert.user for alert in SavedSearch.objects.select_related("user")}
    for user in sorted(users, key=lambda u: u.pk):
        if not user.is_active or not user.email:
            continue
        report.users += 1
        try:
            sent = _send_to(user, today, site_url)
        except IntegrityError:
            # Another run recorded these items first (two crons at once): it sends them.
            report.skipped.append(user.email)
            continue
        if sent:
            report.mails += 1
            report.items += sent
    return report


def _send_to(user: Any, today: date, site_url: str) -> int:
    alerts = alerts_of(user)
    if not alerts:
        return 0
    with transaction.atomic():
        sections = []
        now = timezone.now()
        deliveries = []
        for alert in alerts:
            items = pending_items(alert, today)
            if items:
                sections.append((alert, items))
                deliveries += [AlertDelivery(alert=alert, key=i.key, sent_at=now) for i in items]
        if not sections:
            return 0
        # Recorded before the mail leaves: a failed mail rolls the records back with it.
        AlertDelivery.objects.bulk_create(deliveries)
        language = sections[0][0].language
        with translation.override(language):
            context = {
                "user": user,
                "sections": [
                    {
                        "alert": alert,
                        "items": items,
                        "link": site_url + search_path(alert),
                    }
                    for alert, items in sections
                ],
                "site_url": site_url,
                "manage": site_url + reverse("web:alerts"),
                "today": today,
                "horizon": DEADLINE_HORIZON_DAYS,
            }
            body = render_to_string("alerts/mail/digest.txt", context)
            subject = _("coopdec : %d nouveauté(s) pour vos alertes") % len(deliveries)
        send_mail(subject, body, None, [user.email])
        return len(deliveries)


def digest_day(value: str | None) -> date | None:
    """A ``--date`` option (YYYY-MM-DD), for a cron that catches up or a test."""
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise AlertError("date", _("date attendue au format AAAA-MM-JJ")) from exc
