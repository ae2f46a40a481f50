"""The one parser of the project file format v1: YAML or JSON text, or a decoded mapping.

The parser collects every error before raising, so a user fixes a file in one pass; each
error names the JSON path of the field (``financing[2].amount``) and says what was expected.
Size is bounded before any work: the body by the caller, the nesting by :data:`MAX_DEPTH`
(checked while decoding, so a deeply nested file never reaches a recursive decoder) and each
list by :data:`MAX_ITEMS`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import yaml

from . import codes as reference
from .errors import FieldError, NestingTooDeepError, ProjectFileError
from .i18n import _
from .model import (
    AUTHORITY_KINDS,
    EXPENSE_CATEGORIES,
    FINANCING_SOURCES,
    FOREIGN_BODY_KINDS,
    FORMAT_VERSION,
    MAX_DEPTH,
    MAX_ITEMS,
    MAX_OBJECTIVES,
    MONEY_TEXT_PATTERN,
    ONE_PERCENT_SERVICES,
    PARTNER_KINDS,
    STATE_EXCEPTION_CASES,
    THEMES,
    AuthorityRef,
    Budget,
    BudgetLine,
    Convention,
    Deliberation,
    FinancingLine,
    ForeignBody,
    Indicator,
    Instruments,
    Partner,
    Prerequisites,
    ProjectFile,
    ServiceBudgets,
    StateConventionException,
)

T = TypeVar("T")

# Official code formats: INSEE commune (2A/2B for Corsica, 97x overseas), SIREN (9 digits),
# département (01-95, 2A, 2B, 971-976), région (2 digits in the COG).
_CODE_PATTERNS = {
    "commune": re.compile(r"^(\d{5}|2[AB]\d{3})$"),
    "epci": re.compile(r"^\d{9}$"),
    "syndicat": re.compile(r"^\d{9}$"),
    "departement": re.compile(r"^(0[1-9]|[1-8]\d|9[0-5]|2[AB]|97[1-6])$"),
    "region": re.compile(r"^\d{2}$"),
    "collectivite_particuliere": re.compile(r"^[0-9A-Z]{2,9}$"),
}
_TOP_KEYS = [
    "coopdec_project",
    "title",
    "description",
    "context",
    "objectives",
    "expected_results",
    "logframe",
    "lead_authority",
    "co_authorities",
    "partners",
    "themes",
    "sdg_targets",
    "start_date",
    "end_date",
    "instruments",
    "budget",
    "financing",
    "service_budgets",
    "prerequisites",
]

# The schema's pattern, anchored by ``fullmatch`` (a JSON Schema "$" is the end of the text;
# Python's also matches before a final newline).
_MONEY_TEXT = re.compile(MONEY_TEXT_PATTERN.removeprefix("^").removesuffix("$"))


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


class _Reader:
    """Reads typed values out of plain mappings, recording errors instead of raising."""

    def __init__(self) -> None:
        self.errors: list[FieldError] = []

    def error(self, path: str, message: str) -> None:
        self.errors.append(FieldError(path, message))

    def mapping(self, value: object, path: str, allowed: list[str]) -> Mapping[str, Any] | None:
        if value is None:
            return None
        if not isinstance(value, Mapping):
            self.error(path, _("un objet (clé: valeur) est attendu"))
            return None
        for key in value:
            if key not in allowed:
                self.error(
                    _join(path, str(key)),
                    _("clé inconnue ; clés possibles : ") + ", ".join(allowed),
                )
        return value

    def seq(self, value: object, path: str, limit: int = MAX_ITEMS) -> list[Any]:
        if value is None:
            return []
        if not isinstance(value, list | tuple):
            self.error(path, _("une liste est attendue"))
            return []
        if len(value) > limit:
            # One error for the list, not one per item: the items are not read at all.
            self.error(
                path,
                _("%(count)d éléments : %(limit)d au plus") % {"count": len(value), "limit": limit},
            )
            return []
        return list(value)

    def text(self, value: object, path: str) -> str | None:
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            self.error(path, _("un texte non vide est attendu"))
            return None
        return value.strip()

    def choice(self, value: object, path: str, choices: tuple[str, ...]) -> str | None:
        text = self.text(value, path)
        if text is not None and text not in choices:
            self.error(
                path, _("valeur « %s » inconnue ; valeurs possibles : ") % text + ", ".join(choices)
            )
            return None
        return text

    def boolean(self, value: object, path: str) -> bool | None:
        if value is None or isinstance(value, bool):
            return value
        self.error(path, _("un booléen (true/false) est attendu"))
        return None

    def year(self, value: object, path: str) -> int | None:
        if value is None:
            return None
        if isinstance(value, int) and not isinstance(value, bool) and 1990 <= value <= 2100:
            return value
        self.error(path, _("une année (ex. 2026) est attendue"))
        return None

    def day(self, value: object, path: str) -> date | None:
        if value is None:
            return None
        if isinstance(value, date) and not isinstance(value, datetime):
            return value
        if isinstance(value, str):
            try:
                return date.fromisoformat(value.strip())
            except ValueError:
                pass
        self.error(path, _("une date au format AAAA-MM-JJ est attendue"))
        return None

    def money(self, value: object, path: str) -> Decimal | None:
        if value is None:
            return None
        amount: Decimal | None = None
        if isinstance(value, bool):
            amount = None
        elif isinstance(value, int | Decimal):
            amount = Decimal(value)
        elif isinstance(value, float):
            # Go through repr so 0.1 stays 0.1 instead of its binary expansion.
            amount = Decimal(repr(value))
        elif isinstance(value, str) and _MONEY_TEXT.fullmatch(value):
            amount = Decimal(value.replace(" ", "").replace("\u202f", ""))
        if amount is None or not amount.is_finite():
            self.error(path, _('un montant (nombre en euros, ex. 12000 ou "12000.50") est attendu'))
            return None
        if amount < 0:
            self.error(path, _("le montant ne peut pas être négatif"))
            return None
        return amount

    def items(
        self, value: object, path: str, build: Callable[[Any, str], T | None]
    ) -> tuple[T, ...]:
        out: list[T] = []
        for index, item in enumerate(self.seq(value, path)):
            if item is None:
                self.error(f"{path}[{index}]", _("élément vide"))
                continue
            built = build(item, f"{path}[{index}]")
            if built is not None:
                out.append(built)
        return tuple(out)


def _authority(r: _Reader, value: object, path: str) -> AuthorityRef | None:
    data = r.mapping(value, path, ["kind", "code", "name", "project_owner"])
    if data is None:
        return None
    kind = r.choice(data.get("kind"), _join(path, "kind"), AUTHORITY_KINDS)
    raw_code = data.get("code")
    code = r.text(str(raw_code) if isinstance(raw_code, int) else raw_code, _join(path, "code"))
    if code is not None and kind is not None and not _CODE_PATTERNS[kind].match(code):
        r.error(_join(path, "code"), _("code officiel invalide pour le type « %s »") % kind)
        code = None
    return AuthorityRef(
        kind=kind,
        code=code,
        name=r.text(data.get("name"), _join(path, "name")),
        project_owner=r.boolean(data.get("project_owner"), _join(path, "project_owner")),
    )


def _partner(r: _Reader, value: object, path: str) -> Partner | None:
    data = r.mapping(value, path, ["name", "country", "kind", "area", "commitment"])
    if data is None:
        return None
    country = r.text(data.get("country"), _join(path, "country"))
    if country is not None:
        country = country.upper()
        if country not in reference.country_codes():
            r.error(_join(path, "country"), _("code pays ISO 3166 alpha-2 inconnu : %s") % country)
            country = None
    return Partner(
        name=r.text(data.get("name"), _join(path, "name")),
        country=country,
        kind=r.choice(data.get("kind"), _join(path, "kind"), PARTNER_KINDS),
        area=r.text(data.get("area"), _join(path, "area")),
        commitment=r.text(data.get("commitment"), _join(path, "commitment")),
    )


def _financing(r: _Reader, value: object, path: str) -> FinancingLine | None:
    data = r.mapping(value, path, ["source", "amount", "service", "program", "name", "year"])
    if data is None:
        return None
    source = r.choice(data.get("source"), _join(path, "source"), FINANCING_SOURCES)
    service = r.choice(data.get("service"), _join(path, "service"), ONE_PERCENT_SERVICES)
    program = r.text(data.get("program"), _join(path, "program"))
    if program is not None:
        program = reference.canonical_program_id(program)
        if program not in reference.programs_by_id():
            r.error(
                _join(path, "program"),
                _("programme inconnu des données de financement : %s") % program,
            )
            program = None
    if source == "one_percent" and data.get("service") is None:
        r.error(
            _join(path, "service"),
            _("le service du 1 % est requis (eau_assainissement, energie, dechets, mobilite)"),
        )
    if source == "program" and data.get("program") is None:
        r.error(_join(path, "program"), _("l'identifiant du programme est requis"))
    return FinancingLine(
        source=source,
        amount=r.money(data.get("amount"), _join(path, "amount")),
        service=service,
        program=program,
        name=r.text(data.get("name"), _join(path, "name")),
        year=r.year(data.get("year"), _join(path, "year")),
    )


def _instruments(r: _Reader, value: object, path: str) -> Instruments | None:
    keys = [
        "convention",
        "deliberation",
        "twinning",
        "charter",
        "state_convention_exception",
        "foreign_body",
    ]
    data = r.mapping(value, path, keys)
    if data is None:
        return None
    convention = None
    cpath = _join(path, "convention")
    conv = r.mapping(
        data.get("convention"),
        cpath,
        [
            "signed",
            "signed_on",
            "transmitted_to_prefect",
            "states_purpose",
            "states_financial_commitment",
        ],
    )
    if conv is not None:
        convention = Convention(
            signed=r.boolean(conv.get("signed"), _join(cpath, "signed")),
            signed_on=r.day(conv.get("signed_on"), _join(cpath, "signed_on")),
            transmitted_to_prefect=r.boolean(
                conv.get("transmitted_to_prefect"), _join(cpath, "transmitted_to_prefect")
            ),
            states_purpose=r.boolean(conv.get("states_purpose"), _join(cpath, "states_purpose")),
            states_financial_commitment=r.boolean(
                conv.get("states_financial_commitment"),
                _join(cpath, "states_financial_commitment"),
            ),
        )
    deliberation = None
    dpath = _join(path, "deliberation")
    delib = r.mapping(
        data.get("deliberation"), dpath, ["adopted", "adopted_on", "transmitted_to_prefect"]
    )
    if delib is not None:
        deliberation = Deliberation(
            adopted=r.boolean(delib.get("adopted"), _join(dpath, "adopted")),
            adopted_on=r.day(delib.get("adopted_on"), _join(dpath, "adopted_on")),
            transmitted_to_prefect=r.boolean(
                delib.get("transmitted_to_prefect"), _join(dpath, "transmitted_to_prefect")
            ),
        )
    exception = None
    epath = _join(path, "state_convention_exception")
    exc = r.mapping(data.get("state_convention_exception"), epath, ["case", "prefect_authorised"])
    if exc is not None:
        exception = StateConventionException(
            case=r.choice(exc.get("case"), _join(epath, "case"), STATE_EXCEPTION_CASES),
            prefect_authorised=r.boolean(
                exc.get("prefect_authorised"), _join(epath, "prefect_authorised")
            ),
        )
    body = None
    bpath = _join(path, "foreign_body")
    raw_body = r.mapping(
        data.get("foreign_body"), bpath, ["kind", "prefect_order", "french_majority"]
    )
    if raw_body is not None:
        body = ForeignBody(
            kind=r.choice(raw_body.get("kind"), _join(bpath, "kind"), FOREIGN_BODY_KINDS),
            prefect_order=r.boolean(raw_body.get("prefect_order"), _join(bpath, "prefect_order")),
            french_majority=r.boolean(
                raw_body.get("french_majority"), _join(bpath, "french_majority")
            ),
        )
    return Instruments(
        convention=convention,
        deliberation=deliberation,
        twinning=r.boolean(data.get("twinning"), _join(path, "twinning")),
        charter=r.boolean(data.get("charter"), _join(path, "charter")),
        state_convention_exception=exception,
        foreign_body=body,
    )


def _budget(r: _Reader, value: object, path: str) -> Budget | None:
    data = r.mapping(value, path, ["currency", "total", "monitoring_evaluation", "lines"])
    if data is None:
        return None
    currency = r.text(data.get("currency"), _join(path, "currency"))
    if currency is not None and currency != "EUR":
        # The caps and ceilings in the funding data are in euros; other currencies would
        # need an exchange rate and date we do not have.
        r.error(_join(path, "currency"), _("seule la devise EUR est prise en charge"))
        currency = None
    return Budget(
        currency=currency,
        total=r.money(data.get("total"), _join(path, "total")),
        monitoring_evaluation=r.money(
            data.get("monitoring_evaluation"), _join(path, "monitoring_evaluation")
        ),
        lines=r.items(data.get("lines"), _join(path, "lines"), lambda v, p: _budget_line(r, v, p)),
    )


def _budget_line(r: _Reader, value: object, path: str) -> BudgetLine | None:
    data = r.mapping(value, path, ["category", "year", "amount"])
    if data is None:
        return None
    year = data.get("year")
    if year is not None and (
        isinstance(year, bool) or not isinstance(year, int) or not 1990 <= year <= 2100
    ):
        r.error(_join(path, "year"), _("une année sur quatre chiffres est attendue (ex. 2026)"))
        year = None
    return BudgetLine(
        category=r.choice(data.get("category"), _join(path, "category"), EXPENSE_CATEGORIES),
        year=year,
        amount=r.money(data.get("amount"), _join(path, "amount")),
    )


def _indicator(r: _Reader, value: object, path: str) -> Indicator | None:
    keys = ["result", "indicator", "baseline", "target", "source"]
    data = r.mapping(value, path, keys)
    if data is None:
        return None
    values = {}
    for key in keys:
        raw = data.get(key)
        # "0" or 12 are natural baselines and targets: numbers are read as their text.
        if isinstance(raw, int | float) and not isinstance(raw, bool):
            raw = str(raw)
        values[key] = r.text(raw, _join(path, key))
    return Indicator(**values)


def _texts(r: _Reader, value: object, path: str) -> tuple[str, ...]:
    """One text, or a list of texts (expected results)."""
    if isinstance(value, str):
        text = r.text(value, path)
        return (text,) if text else ()
    out = []
    for index, item in enumerate(r.seq(value, path, MAX_OBJECTIVES)):
        text = r.text(item, f"{path}[{index}]")
        if text is not None:
            out.append(text)
    return tuple(out)


def _service_budgets(r: _Reader, value: object, path: str) -> ServiceBudgets | None:
    keys = [*ONE_PERCENT_SERVICES, "versement_mobilite"]
    data = r.mapping(value, path, keys)
    if data is None:
        return None
    return ServiceBudgets(**{key: r.money(data.get(key), _join(path, key)) for key in keys})


def _prerequisites(r: _Reader, value: object, path: str) -> Prerequisites | None:
    keys = [
        "apd_declared_previous_year",
        "atlas_up_to_date",
        "previous_reports_submitted",
        "first_action",
    ]
    data = r.mapping(value, path, keys)
    if data is None:
        return None
    return Prerequisites(**{key: r.boolean(data.get(key), _join(path, key)) for key in keys})


def _strings(
    r: _Reader, value: object, path: str, valid: frozenset[str], what: str
) -> tuple[str, ...]:
    out: list[str] = []
    for index, item in enumerate(r.seq(value, path)):
        item_path = f"{path}[{index}]"
        # YAML reads an unquoted 6.1 as a float; accept it rather than punish the user.
        text = str(item) if isinstance(item, float | int) and not isinstance(item, bool) else item
        code = r.text(text, item_path)
        if code is None:
            continue
        if code not in valid:
            r.error(item_path, what % code)
        elif code in out:
            r.error(item_path, _("valeur en double : %s") % code)
        else:
            out.append(code)
    return tuple(out)


def _objectives(r: _Reader, value: object) -> tuple[str, ...]:
    """One objective as a text, or several as a list of texts."""
    if isinstance(value, str):
        text = r.text(value, "objectives")
        return (text,) if text else ()
    out = []
    for index, item in enumerate(r.seq(value, "objectives", MAX_OBJECTIVES)):
        text = r.text(item, f"objectives[{index}]")
        if text is not None:
            out.append(text)
    return tuple(out)


def too_deep(data: object, limit: int = MAX_DEPTH) -> bool:
    """Whether decoded ``data`` nests lists and objects more than ``limit`` levels deep.

    Iterative, so a value built by a caller (the API decodes its body itself) cannot make it
    recurse either.
    """
    stack: list[tuple[object, int]] = [(data, 1)]
    while stack:
        node, depth = stack.pop()
        children: list[object]
        if isinstance(node, Mapping):
            children = list(node.values())
        elif isinstance(node, list | tuple):
            children = list(node)
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


def depth_error(source: str | None = None) -> NestingTooDeepError:
    """The error for a file nested deeper than any project file can be."""
    message = _("structure trop profondément imbriquée (%d niveaux au plus)") % MAX_DEPTH
    return NestingTooDeepError([FieldError("", message)], source)


def parse_project(data: Mapping[str, object], source: str | None = None) -> ProjectFile:
    """Build a :class:`ProjectFile` from a decoded file; raise :class:`ProjectFileError`."""
    if too_deep(data):
        raise depth_error(source)
    r = _Reader()
    root = r.mapping(data, "", _TOP_KEYS)
    if root is None:
        raise ProjectFileError(r.errors, source)
    version = root.get("coopdec_project")
    if version is None:
        r.error("coopdec_project", _("clé obligatoire : indiquer coopdec_project: 1"))
    elif version != FORMAT_VERSION or isinstance(version, bool):
        r.error("coopdec_project", _("version de format non prise en charge (attendu : 1)"))
    project = ProjectFile(
        title=r.text(root.get("title"), "title"),
        description=r.text(root.get("description"), "description"),
        context=r.text(root.get("context"), "context"),
        objectives=_objectives(r, root.get("objectives")),
        expected_results=_texts(r, root.get("expected_results"), "expected_results"),
        logframe=r.items(root.get("logframe"), "logframe", lambda v, p: _indicator(r, v, p)),
        lead_authority=_authority(r, root.get("lead_authority"), "lead_authority"),
        co_authorities=r.items(
            root.get("co_authorities"), "co_authorities", lambda v, p: _authority(r, v, p)
        ),
        partners=r.items(root.get("partners"), "partners", lambda v, p: _partner(r, v, p)),
        themes=_strings(
            r, root.get("themes"), "themes", frozenset(THEMES), _("thème inconnu : %s")
        ),
        sdg_targets=_strings(
            r,
            root.get("sdg_targets"),
            "sdg_targets",
            reference.sdg_target_codes(),
            _("cible ODD inconnue : %s (format attendu : « 6.1 », « 6.a »)"),
        ),
        start_date=r.day(root.get("start_date"), "start_date"),
        end_date=r.day(root.get("end_date"), "end_date"),
        instruments=_instruments(r, root.get("instruments"), "instruments"),
        budget=_budget(r, root.get("budget"), "budget"),
        financing=r.items(root.get("financing"), "financing", lambda v, p: _financing(r, v, p)),
        service_budgets=_service_budgets(r, root.get("service_budgets"), "service_budgets"),
        prerequisites=_prerequisites(r, root.get("prerequisites"), "prerequisites"),
    )
    if project.start_date and project.end_date and project.end_date < project.start_date:
        r.error("end_date", _("la date de fin précède la date de début"))
    if r.errors:
        raise ProjectFileError(r.errors, source)
    return project


# --- From text: YAML or JSON, bounded before it is decoded -----------------------------------

# A JSON string (escapes included) or one bracket: enough to count nesting without decoding.
_JSON_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def json_too_deep(text: str) -> bool:
    """Whether JSON ``text`` nests deeper than :data:`MAX_DEPTH`, without decoding it."""
    depth = 0
    for match in _JSON_TOKENS.finditer(text):
        bracket = match.group()
        if bracket in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return True
        elif bracket in "]}":
            depth -= 1
    return False


class _TooDeep(Exception):
    pass


class _BoundedLoader(yaml.SafeLoader):
    """PyYAML's safe loader, refusing to compose a node deeper than :data:`MAX_DEPTH`.

    The composer recurses once per level; counting there stops a nested file before it
    exhausts the interpreter's stack, whether it is written in block or in flow style.
    """

    _depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _TooDeep
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def decode_json(text: str, source: str | None = None) -> Any:
    """Decode JSON text; raise :class:`ProjectFileError` with the line and column."""
    if json_too_deep(text):
        raise depth_error(source)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        message = _("JSON invalide, ligne %d, colonne %d : %s") % (exc.lineno, exc.colno, exc.msg)
        raise ProjectFileError([FieldError("", message)], source) from exc


def decode_yaml(text: str, source: str | None = None) -> Any:
    """Decode YAML text (JSON is YAML); raise :class:`ProjectFileError` with the line."""
    loader = _BoundedLoader(text)
    try:
        return loader.get_single_data()
    except _TooDeep:
        raise depth_error(source) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        if mark is not None:
            message = _("YAML invalide, ligne %d, colonne %d : %s") % (
                mark.line + 1,
                mark.column + 1,
                problem,
            )
        else:
            message = _("YAML invalide : %s") % problem
        raise ProjectFileError([FieldError("", message)], source) from exc
    finally:
        loader.dispose()


def decode(text: str, filename: str, source: str | None = None) -> Any:
    """Decode the text of ``filename`` by its extension (.json, .yaml or .yml)."""
    suffix = Path(filename).suffix.lower()
    if suffix == ".json":
        return decode_json(text, source)
    if suffix in {".yaml", ".yml"}:
        return decode_yaml(text, source)
    raise ProjectFileError(
        [FieldError("", _("extension non prise en charge (attendu : .yaml, .yml ou .json)"))],
        source,
    )


def parse_decoded(data: object, source: str | None = None) -> ProjectFile:
    """Parse what a decoder returned: it must be an object at the root."""
    if not isinstance(data, dict):
        raise ProjectFileError(
            [FieldError("", _("le fichier doit contenir un objet (clé: valeur) à la racine"))],
            source,
        )
    return parse_project(data, source=source)


def parse_bytes(content: bytes, filename: str) -> ProjectFile:
    """Parse an uploaded file (UTF-8, a byte-order mark allowed); the caller bounds its size."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        message = _("le fichier n'est pas en UTF-8 (octet invalide en position %d)") % exc.start
        raise ProjectFileError([FieldError("", message)], filename) from exc
    return parse_decoded(decode(text, filename, filename), filename)


def load_project_file(path: str | Path) -> ProjectFile:
    """Read and parse a project file; raise :class:`ProjectFileError` naming the file."""
    file_path = Path(path)
    try:
        text = file_path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ProjectFileError(
            [FieldError("", _("le fichier n'est pas en UTF-8"))], str(file_path)
        ) from exc
    except OSError as exc:
        raise ProjectFileError(
            [FieldError("", _("fichier illisible : %s") % exc.strerror)], str(file_path)
        ) from exc
    return parse_decoded(decode(text, file_path.name, str(file_path)), str(file_path))
