"""Generate docs/rules.md from the rule registry, so the documentation cannot drift.

Run ``python -m coopdec.assistant.docs docs/rules.md`` after changing a rule or a parameter;
a test fails while the committed file differs from what this module renders.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any

from coopdec.i18n import _

from .engine import list_rules


def _day(value: date | str | None) -> str:
    if value is None:
        return "—"
    return value.isoformat() if isinstance(value, date) else value


def _value(value: Any) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{k} = {_value(v)}" for k, v in value.items())
    if isinstance(value, list):
        return (
            ", ".join(_value(v) for v in value)
            if all(not isinstance(v, dict) for v in value)
            else _("liste de %d entrées") % len(value)
        )
    return str(value)


def render_rules_markdown() -> str:
    """The rules page: every rule, what it checks, its sources, dates, confidence, parameters."""
    lines = [
        "# Règles du moteur coopdec",
        "",
        "<!-- Fichier généré par `python -m coopdec.assistant.docs docs/rules.md` : ne pas "
        "modifier à la main. -->",
        "",
        "Chaque règle est une fonction du projet et d'une date ; elle rend un verdict `ok`, "
        "`warning`, `blocking`, `unknown` ou `not_applicable` (« sans objet » : rien à juger, "
        "jamais compté comme conforme), avec ses sources, sa période de validité et un niveau "
        "de confiance (le plus faible des faits utilisés). Les valeurs chiffrées sont des "
        "paramètres datés (`src/coopdec/assistant/parameters/*.yaml`).",
        "",
        "Après la dernière édition connue d'un appel, d'un taux ou d'une liste (les données de "
        "financement s'arrêtent en 2025), la réponse est « à vérifier — dernière édition "
        "connue : … (taux …, échéance …) », jamais « non éligible » ; un pays couvert par un "
        "dispositif conjoint reste exclu de l'appel généraliste (« à vérifier ») tant que le "
        "dispositif n'est pas connu clos (`programs.joint_fund_covers`, source unique des "
        "règles, de la recherche de financements et du plan de financement).",
        "",
        "Honnêteté des sources : un fait noté `high` repose sur au moins une source primaire "
        "(texte de loi, autorité qui l'a émis) et ne porte aucune note « à confirmer » ; "
        "sinon il est noté `medium` (test `tests/assistant/test_sourcing_honesty.py`).",
        "",
        "| règle | titre | depuis | jusqu'au | confiance |",
        "|---|---|---|---|---|",
    ]
    rules = list_rules()
    for info in rules:
        lines.append(
            f"| [`{info.id}`](#{info.id.replace('.', '')}) | {info.title} | "
            f"{_day(info.valid_from)} | {_day(info.valid_to)} | {info.confidence} |"
        )
    for info in rules:
        lines += ["", f"## {info.id}", "", f"**{info.title}**", "", info.description, ""]
        lines.append(
            _("Période : du %s au %s. Confiance de la règle : %s.")
            % (_day(info.valid_from), _day(info.valid_to), info.confidence)
        )
        lines += ["", _("Sources :"), ""]
        lines += [f"- [{s.label}]({s.url})" for s in info.sources]
        for param in info.to_json()["parameters"]:
            lines += ["", f"### {_('Paramètre')} `{param['name']}`", "", param["description"], ""]
            lines += ["| du | au | valeur | confiance | sources |", "|---|---|---|---|---|"]
            for v in param["values"]:
                sources = " ; ".join(f"[{s['label']}]({s['url']})" for s in v["sources"])
                note = f" ({v['note']})" if v["note"] else ""
                lines.append(
                    f"| {_day(v['valid_from'])} | {_day(v['valid_to'])} | "
                    f"{_value(v['value'])}{note} | {v['confidence']} | {sources} |"
                )
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    target = Path(argv[1]) if len(argv) > 1 else Path("docs/rules.md")
    target.write_text(render_rules_markdown(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
