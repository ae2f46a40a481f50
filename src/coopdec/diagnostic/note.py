"""The note d'opportunité: the diagnostic of an authority, written for its council.

It reads the same :class:`Diagnostic` as the page, the API and the CLI (in French, the
language of the council's papers) and fills the document engine's ``note-opportunite`` kind.
Every figure names its source and date; the options are built from the diagnostic's own
facts (a peer's partnership, an open call, a country the authority already knows).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import translation

from coopdec.documents.formatting import format_date
from coopdec.documents.kinds import opportunity_note as kind
from coopdec.documents.kinds.opportunity_note import Figure, NoteInput, Option

from . import mandate, service
from .funding import OPEN
from .report import Diagnostic
from .wording import number

FORMATS = ("pdf", "docx")
MEDIA_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


@dataclass(frozen=True)
class RenderedNote:
    content: bytes
    media_type: str
    filename: str


def _years(first: int | None, last: int | None) -> str:
    if first and last and last != first:
        return f"{first}–{last}"
    return str(first or last or "non précisées")


def _french_date(text: str) -> str:
    """An ISO date of the data (``2026-12-05``) as the council reads it; other text as is."""
    try:
        return format_date(dt.date.fromisoformat(text))
    except ValueError:
        return text


def _catalogue_source(d: Diagnostic) -> str:
    date = _french_date(d.coverage.last_change) if d.coverage.last_change else "date inconnue"
    return f"catalogue coopdec, sources publiques citées fiche par fiche, état au {date}"


def _profile(d: Diagnostic) -> tuple[Figure, ...]:
    a = d.authority
    found = []
    if a.population is not None:
        found.append(Figure(f"Population : {number(a.population)} habitants", a.population_source))
    if a.departement:
        found.append(Figure(f"Département : {a.departement.label}", "COG 2026 (INSEE)"))
    if a.region:
        found.append(Figure(f"Région : {a.region.label}", "COG 2026 (INSEE)"))
    found.append(Figure(f"Nature : {a.kind.label}, code officiel {a.code}", "COG 2026 (INSEE)"))
    return tuple(found)


def _coverage(d: Diagnostic) -> str:
    c = d.coverage
    return (
        f"Le catalogue coopdec recense {number(c.partnerships)} partenariats et "
        f"{number(c.projects)} projets de {number(c.authorities)} collectivités françaises "
        f"(état au {_french_date(c.last_change) if c.last_change else 'date inconnue'}). "
        "Le guide de 2020 comptait "
        f"{number(c.headline_partnerships)} partenariats et jumelages menés par environ "
        f"{number(c.headline_authorities)} collectivités ({c.headline_source.label}, "
        f"{_french_date(c.headline_source.date)}) : le catalogue en couvre environ "
        f"{c.percent} %. Les chiffres ci-dessous sont donc des minima."
    )


def _peers(d: Diagnostic) -> tuple[str, ...]:
    p, lines = d.peers, []
    source = _catalogue_source(d)

    def top(scope: object) -> str:
        countries = getattr(scope, "countries", [])[:5]
        return ", ".join(f"{n.label} ({count})" for n, count in countries) or "aucun pays"

    if p.region is not None and d.authority.region:
        lines.append(
            f"Dans la région {d.authority.region.label} : {number(p.region.active)} des "
            f"{number(p.region.peers)} {p.band_text} agissent à l'international ; pays les "
            f"plus fréquents : {top(p.region)} (source : {source})."
        )
    lines.append(
        f"En France : {number(p.national.active)} des {number(p.national.peers)} {p.band_text} "
        f"agissent à l'international ; pays les plus fréquents : {top(p.national)} "
        f"(source : {source})."
    )
    return tuple(lines)


def _options(d: Diagnostic) -> tuple[Option, ...]:
    options: list[Option] = []
    joined = next((c for c in d.countries if c.partners), None)
    if joined is not None:
        partner, french = joined.partners[0]
        # A partner's label often names its country already: "Région du Centre (Burkina Faso)".
        where = "" if joined.country.label in partner else f" ({joined.country.label})"
        options.append(
            Option(
                f"rejoindre une coopération existante ({joined.country.label})",
                f"{french} travaille déjà avec {partner}{where}. La "
                "collectivité peut proposer de s'associer à cette coopération, ou de monter "
                "avec elle un projet commun (les appels du ministère ont longtemps donné la "
                "priorité aux projets de plusieurs collectivités françaises).",
                tuple(r.text for r in joined.reasons[:3]),
            )
        )
    elif d.countries and d.peers.similar:
        country = d.countries[0]
        peer = next(
            (s for s in d.peers.similar if country.country in s.countries), d.peers.similar[0]
        )
        options.append(
            Option(
                f"s'associer à des collectivités comparables ({country.country.label})",
                f"{peer.authority.label} est l'une des collectivités les plus proches d'elle "
                f"({', '.join(peer.reasons)}). Pays à considérer : {country.country.label}.",
                tuple(r.text for r in country.reasons[:3]),
            )
        )
    if d.open_calls:
        call = d.open_calls[0]
        by = ", ".join(a.label for a in call.carried_by)
        options.append(
            Option(
                "répondre à un appel à partenaires",
                f"« {call.title} » ({by}) est ouvert à de nouvelles collectivités "
                f"(source : {', '.join(call.sources) or _catalogue_source(d)}).",
            )
        )
    else:
        open_lines = [f for f in d.funding if f.state == OPEN and f.next_deadline]
        text = (
            "Aucun appel à partenaires ouvert à de nouvelles collectivités n'est recensé dans "
            "le catalogue à cette date pour ses thèmes ou ses pays."
        )
        if open_lines:
            first = open_lines[0]
            text += (
                f" Prochaine échéance d'un programme ouvert : {first.name}, "
                f"le {format_date(first.next_deadline)}."  # type: ignore[arg-type]
            )
        options.append(Option("répondre à un appel", text))
    known = d.footprint.by_country[:1]
    covering = [r for r in d.footprint.related if r.relation == "covering" and r.countries]
    if known:
        line = known[0]
        options.append(
            Option(
                f"approfondir un partenariat dans un pays déjà connu ({line.country.label})",
                f"La collectivité a déjà {line.actions} action(s) recensée(s) avec ce pays "
                f"({_years(line.first_year, line.last_year)}). Un nouveau projet peut s'appuyer "
                "sur ce lien, sur les thèmes des priorités retenues.",
            )
        )
    elif covering:
        other = covering[0]
        countries = ", ".join(c.label for c in other.countries[:3])
        options.append(
            Option(
                f"démarrer un partenariat là où le territoire a déjà des liens ({countries})",
                f"{other.authority.label} ({other.kind.label}) a déjà {other.actions} action(s) "
                f"recensée(s) ({countries}) : la collectivité peut s'appuyer sur ces liens.",
            )
        )
    return tuple(options[:3])


def _funding(d: Diagnostic) -> tuple[tuple[str, str, str], ...]:
    rows = []
    for f in d.funding[:8]:
        if f.next_deadline:
            state = f"ouvert ; prochaine échéance le {format_date(f.next_deadline)}"
        elif f.state == OPEN:
            state = "ouvert ; pas d'échéance publiée"
        elif f.last_known_deadline:
            state = f"à vérifier ; dernière échéance connue le {format_date(f.last_known_deadline)}"
        elif f.last_known_year and f.last_known_year >= d.on.year:
            state = f"à vérifier ; programme connu jusqu'en {f.last_known_year}"
        elif f.last_known_year:
            state = f"à vérifier ; dernière édition connue : {f.last_known_year}"
        else:
            state = "à vérifier"
        rows.append((f.name, f.funder, f"{state} (source : {f.url or ', '.join(f.sources)})"))
    return tuple(rows)


def _legal(rules: list[mandate.RuleLine]) -> tuple[str, ...]:
    lines = [
        f"{r.title} : {r.description} (source : {', '.join(s.url for s in r.sources[:1])})"
        for r in rules
    ]
    lines.insert(
        1,
        "Une convention avec la collectivité partenaire précise l'objet des actions et le "
        "montant prévisionnel des engagements financiers (CGCT art. L1115-1, source : "
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000006389099).",
    )
    return tuple(lines)


def _next_steps(d: Diagnostic) -> tuple[str, ...]:
    steps = ["Présenter cette note au bureau ou au conseil et retenir une option."]
    for network in d.network.rrma[:1]:
        site = f" ({network.website})" if network.website else ""
        steps.append(
            f"Prendre contact avec le réseau régional multi-acteurs : {network.name}{site}."
        )
    steps.append(
        "Vérifier l'éligibilité du projet et son plan de financement dans l'assistant de "
        "projet de coopdec (règles datées et sourcées), puis préparer la délibération."
    )
    steps.append(
        "Déclarer chaque année l'aide publique au développement versée l'année précédente "
        "(du 15 avril au 31 mai), condition de tout cofinancement du ministère."
    )
    return tuple(steps)


def build_input(d: Diagnostic, view: mandate.MandateView) -> NoteInput:
    """The note's content from a diagnostic and the priorities' view (both in French)."""
    a = d.authority
    footprint = tuple(
        (
            line.country.label,
            str(line.actions),
            _years(line.first_year, line.last_year),
            ", ".join(t.label for t in line.themes) or "non précisés",
        )
        for line in d.footprint.by_country[:10]
    )
    if d.known:
        text = (
            f"{len(d.footprint.own)} partenariat(s) ou projet(s) de la collectivité sont "
            f"recensés, dans {len(d.footprint.by_country)} pays (source : "
            f"{_catalogue_source(d)}) :"
        )
    else:
        text = d.statement or ""
    related = tuple(
        f"{r.authority.label} ({r.kind.label}) : {r.actions} action(s) recensée(s)"
        + (f" — {', '.join(c.label for c in r.countries[:5])}" if r.countries else "")
        for r in d.footprint.related
        if r.actions
    )
    sources = [
        f"Population et territoire : {a.population_source}.",
        f"Catalogue : {_catalogue_source(d)} ; fiches citées : "
        + (", ".join(sorted({s for x in d.footprint.own for s in x.sources[:1]})[:8]) or "aucune")
        + ".",
        f"{d.coverage.headline_source.label} ({_french_date(d.coverage.headline_source.date)}) : "
        f"{d.coverage.headline_source.url}",
        "Objectifs et cibles de développement durable : ONU, codelistes IATI (CC BY 4.0).",
        "Programmes de financement : données de financement de coopdec, source de chaque "
        "programme indiquée dans le tableau.",
    ]
    return NoteInput(
        authority=a.name,
        issuer=f"{a.name} ({a.kind.label}, code {a.code})",
        today=d.on,
        profile=_profile(d),
        coverage=_coverage(d),
        footprint=footprint,
        footprint_text=text,
        related=related[:6],
        peers=_peers(d),
        similar=tuple(f"{s.authority.label} — {', '.join(s.reasons)}" for s in d.peers.similar[:5]),
        priorities=tuple(p.label for p in d.priorities),
        targets=tuple(f"{t.code} — {t.label}" for t in view.targets),
        options=_options(d),
        funding=_funding(d),
        legal=_legal(view.legal),
        next_steps=_next_steps(d),
        sources=tuple(sources),
        notes=(
            "Les recommandations de pays sont calculées à partir du catalogue (pairs, "
            "territoire, pays déjà connus) ; chacune indique ses raisons.",
        ),
    )


def render(
    kind_: str, code: str, chosen: list[str] | tuple[str, ...], fmt: str,
    on: dt.date | None = None,
) -> RenderedNote:  # fmt: skip
    """The note for this authority and these priorities, as PDF or DOCX bytes."""
    with translation.override("fr"):
        diagnostic = service.diagnose(kind_, code, chosen, on)
        view = mandate.view(chosen, on=diagnostic.on)
        content = kind.render(build_input(diagnostic, view), fmt)
    filename = f"note-opportunite-{kind_}-{code}.{fmt}"
    return RenderedNote(content, MEDIA_TYPES[fmt], filename)
