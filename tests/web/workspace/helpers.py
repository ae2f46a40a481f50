"""Read pages the way a browser does: the values a form would submit, the verdicts shown."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml
from django.test import Client

from coopdec import projectfile_service as services

STEP_SLUGS = (
    "identification",
    "diagnostic",
    "formalisation",
    "financement",
    "mise-en-oeuvre",
    "suivi",
    "capitalisation",
    "declaration-annuelle",
)
EXAMPLE = services.EXAMPLE_FILE


def example() -> dict[str, Any]:
    return dict(yaml.safe_load(Path(EXAMPLE).read_text("utf-8")))


class _FormReader(HTMLParser):
    """Collects the successful controls of the form whose ``hx-post`` marks it as the step form."""

    def __init__(self) -> None:
        super().__init__()
        self.inside = False
        self.values: list[tuple[str, str]] = []
        self.select: str | None = None
        self.select_value: str | None = None
        self.first_option: str | None = None
        self.textarea: str | None = None
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and "hx-post" in a:
            self.inside = True
        if not self.inside:
            return
        if tag == "input" and "name" in a:
            kind = a.get("type", "text")
            if kind in {"radio", "checkbox"}:
                if "checked" in a:
                    self.values.append((a["name"], a.get("value", "on")))
            elif kind not in {"submit", "button", "file"}:
                self.values.append((a["name"], a.get("value", "")))
        elif tag == "select":
            self.select, self.select_value, self.first_option = a.get("name"), None, None
        elif tag == "option" and self.select is not None:
            if self.first_option is None:
                self.first_option = a.get("value", "")
            if "selected" in a:
                self.select_value = a.get("value", "")
        elif tag == "textarea":
            self.textarea, self.text = a.get("name"), []

    def handle_data(self, data: str) -> None:
        if self.textarea is not None:
            self.text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "select" and self.select is not None:
            value = self.select_value if self.select_value is not None else self.first_option
            self.values.append((self.select, value or ""))
            self.select = None
        if tag == "textarea" and self.textarea is not None:
            # A browser drops the one newline that may follow the opening tag.
            text = "".join(self.text)
            self.values.append((self.textarea, text[1:] if text.startswith("\n") else text))
            self.textarea = None
        if tag == "form":
            self.inside = False


def form_values(client: Client, slug: str, query: str = "") -> dict[str, Any]:
    """What the step form would post untouched: {name: value or [values]}."""
    response = client.get(f"/projet/{slug}/{query}")
    assert response.status_code == 200
    reader = _FormReader()
    reader.feed(response.content.decode())
    out: dict[str, Any] = {}
    for name, value in reader.values:
        if name in out:
            out[name] = [*(out[name] if isinstance(out[name], list) else [out[name]]), value]
        else:
            out[name] = value
    return out


def exported(client: Client, fmt: str = "json") -> dict[str, Any]:
    response = client.get(f"/projet/fichier.{fmt}")
    assert response.status_code == 200
    text = response.content.decode("utf-8")
    return dict(json.loads(text) if fmt == "json" else yaml.safe_load(text))


class _VerdictReader(HTMLParser):
    """The verdicts of the panel: rule, status, confidence, message, source URLs and labels."""

    def __init__(self) -> None:
        super().__init__()
        self.verdicts: list[dict[str, Any]] = []
        self.programs: dict[str, str] = {}
        self.current: dict[str, Any] | None = None
        self.capture: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "li" and "data-rule" in a:
            self.current = {
                "rule": a["data-rule"],
                "status": a["data-status"],
                "confidence": a["data-confidence"],
                "message": "",
                "sources": [],
            }
            self.verdicts.append(self.current)
        elif self.current is not None and tag == "p" and "data-message" in a:
            self.capture = "message"
        elif self.current is not None and tag == "a" and "data-source" in a:
            self.current["sources"].append({"label": "", "url": a["href"]})
            self.capture = "source"
        if "data-program" in a:
            self.programs[a["data-program"]] = a["data-eligible"]

    def handle_endtag(self, tag: str) -> None:
        if tag in {"p", "a"}:
            self.capture = None
        if tag == "li" and self.current is not None:
            self.current = None

    def handle_data(self, data: str) -> None:
        if self.current is None or self.capture is None:
            return
        if self.capture == "message":
            self.current["message"] += data
        else:
            self.current["sources"][-1]["label"] += data


def shown_verdicts(html: str) -> tuple[list[dict[str, Any]], dict[str, str]]:
    reader = _VerdictReader()
    reader.feed(html)
    return reader.verdicts, reader.programs
