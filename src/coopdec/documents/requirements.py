"""What each document kind cannot do without.

An act with a blank where an amount should be is worse than no act: the issue forbids any
placeholder in an output. So each kind lists the fields it needs, and :func:`check` raises
:class:`MissingFieldsError` with every missing path before anything is rendered. Fields a
document can do without are not listed here; the document leaves out their sentence.
"""

from __future__ import annotations

from collections.abc import Callable

from coopdec.documents.errors import MissingFieldsError
from coopdec.documents.labels import OWN_SOURCES
from coopdec.documents.model import DocumentContext
from coopdec.i18n import N_, _
from coopdec.projectfile import FieldError

_Need = tuple[str, Callable[[DocumentContext], bool], str]

_COMMON: tuple[_Need, ...] = (
    ("title", lambda c: c.title is not None, N_("intitulé du projet")),
    ("lead_authority", lambda c: c.lead is not None, N_("collectivité cheffe de file")),
    ("partners", lambda c: bool(c.partners), N_("au moins un partenaire étranger")),
    ("budget.total", lambda c: c.budget_total is not None, N_("montant total du budget")),
    ("financing", lambda c: bool(c.financing), N_("plan de financement (lignes de financement)")),
)

_PERIOD: tuple[_Need, ...] = (
    ("start_date", lambda c: c.start is not None, N_("date de début du projet")),
    ("end_date", lambda c: c.end is not None, N_("date de fin du projet")),
)

_BY_KIND: dict[str, tuple[_Need, ...]] = {
    # L1115-1: a convention states the purpose, the provisional financial commitments; a
    # duration is what makes "engagements prévisionnels" mean anything.
    "convention": _COMMON + _PERIOD,
    "deliberation": _COMMON,
    # The ministry's calls ask for a letter with a *quantified* financial commitment.
    "lettre-intention": (
        *_COMMON,
        (
            "financing",
            lambda c: any(line.source in OWN_SOURCES for line in c.financing),
            N_("contribution propre de la collectivité (own_cash, own_in_kind ou one_percent)"),
        ),
    ),
    "candidature": (
        *_COMMON,
        *_PERIOD,
        ("themes", lambda c: bool(c.themes), N_("au moins une thématique")),
    ),
    # A charter commits no money: the parties and the project are enough.
    "charte-jumelage": _COMMON[:3],
}

REQUIRED_KINDS = tuple(_BY_KIND)


def problems_for(kind: str, context: DocumentContext) -> list[FieldError]:
    """Every reason ``context`` cannot produce a ``kind`` document (empty when it can)."""
    problems = list(context.problems)
    flagged = {p.path.split("[")[0].split(".")[0] for p in problems}
    for path, satisfied, what in _BY_KIND[kind]:
        # A list or object already reported as invalid is not also "missing".
        if not satisfied(context) and path.split(".")[0] not in flagged:
            problems.append(FieldError(path, _("à fournir : {what}").format(what=what)))
    if kind in ("convention", "charte-jumelage"):
        problems += _convention_parties(context)
    return problems


def _convention_parties(context: DocumentContext) -> list[FieldError]:
    # L1115-5 forbids a convention with a foreign State; an NGO is no party to an
    # L1115-1 convention either. Such partners are listed as associated, not signatories.
    problems = []
    if context.partners and not any(p.can_sign_convention for p in context.partners):
        problems.append(
            FieldError(
                "partners",
                _(
                    "la convention de l'article L1115-1 se conclut avec une autorité locale "
                    "étrangère : aucun partenaire n'en est une"
                ),
            )
        )
    return problems


def check(kind: str, context: DocumentContext) -> None:
    """Raise :class:`MissingFieldsError` unless ``context`` can produce a ``kind`` document."""
    problems = problems_for(kind, context)
    if problems:
        raise MissingFieldsError(kind, problems)
