"""The note d'opportunité opens as DOCX and PDF with the authority's figures and sources; the
mandate priorities lead to SDG targets, sourced arguments, funding and the legal frame."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterator

import docx
import pypdf
import pytest
from django.test import Client
from typer.testing import CliRunner

from coopdec.cli.app import app
from coopdec.diagnostic import arguments, mandate, note, priorities, snapshot
from coopdec.diagnostic.service import diagnose
from coopdec.documents.kinds import opportunity_note

pytestmark = pytest.mark.django_db
ON = dt.date(2026, 3, 2)


@pytest.fixture(autouse=True)
def _fresh_snapshot() -> Iterator[None]:
    snapshot.forget()
    yield
    snapshot.forget()


def pdf_text(content: bytes) -> tuple[int, str]:
    reader = pypdf.PdfReader(io.BytesIO(content))
    text = " ".join(page.extract_text() for page in reader.pages)
    return len(reader.pages), re.sub(r"\s+", " ", text)


def docx_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return re.sub(r"\s+", " ", " ".join([p.text for p in document.paragraphs] + cells))


@pytest.mark.parametrize(("kind", "code"), [("commune", "29232"), ("commune", "01001"),
                                            ("epci", "242900314"), ("ept", "200057990"),
                                            ("departement", "974"), ("region", "04")])  # fmt: skip
def test_the_note_opens_as_pdf_and_docx_with_the_figures(kind: str, code: str) -> None:
    report = diagnose(kind, code, ["eau"], on=ON)
    pages, pdf = pdf_text(note.render(kind, code, ["eau"], "pdf", ON).content)
    text = docx_text(note.render(kind, code, ["eau"], "docx", ON).content)
    assert 2 <= pages <= 4, pages
    for content in (pdf, text):
        assert report.authority.name in content
        assert "Note d'opportunité" in content
        assert "COG 2026" in content and "source" in content
        assert str(report.coverage.percent) in content
        assert "6.1" in content  # the water priority's SDG target
        assert "Option 1" in content and "Option 2" in content
        assert "L1115-1" in content  # the legal steps cite the law
        assert "None" not in content and "{" not in content  # no placeholder left
    assert str(report.peers.national.active) in pdf


def test_the_note_from_the_api_the_page_and_the_cli(client: Client, tmp_path) -> None:  # type: ignore[no-untyped-def]
    api = client.get(
        "/api/v1/french-authorities/commune/29232/opportunity-note", {"format": "docx"}
    )
    assert api.status_code == 200 and api["Content-Type"].startswith("application/vnd")
    assert "Quimper" in docx_text(api.content)
    page = client.get("/collectivites/commune/29232/note-opportunite.pdf?priority=eau")
    assert page.status_code == 200 and page.content.startswith(b"%PDF")
    bad = client.get("/api/v1/french-authorities/commune/29232/opportunity-note?format=odt")
    assert bad.status_code == 400 and bad.json()["parameter"] == "format"
    out = tmp_path / "note.pdf"
    result = CliRunner().invoke(app, ["diagnostic", "region", "53", "--note", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF")
    result = CliRunner().invoke(app, ["diagnostic", "region", "53", "--note", "x.odt"])
    assert result.exit_code == 2


def test_the_note_kind_has_no_empty_part() -> None:
    minimal = opportunity_note.NoteInput(
        authority="Commune de Test", issuer="Test (commune, code 00000)", today=ON,
        profile=(opportunity_note.Figure("Population : 1 000 habitants", "COG 2026"),),
        coverage="Le catalogue couvre 38 %.", footprint=(), footprint_text="Aucune action.",
        related=(), peers=("En France : 1 sur 2.",), similar=(), priorities=(), targets=(),
        options=(opportunity_note.Option("répondre à un appel", "Aucun appel."),), funding=(),
        legal=("Délibération.",), next_steps=("Présenter la note.",), sources=("COG 2026",),
    )  # fmt: skip
    document = opportunity_note.build(minimal)
    assert document.kind == opportunity_note.KIND
    texts = [getattr(b, "text", "") for b in document.blocks]
    assert "Aucune priorité" in " ".join(
        r.text for b in document.blocks for r in getattr(b, "runs", ())
    )
    assert any("financements" in t for t in texts)


def test_priorities_lead_to_targets_arguments_funding_and_the_legal_frame() -> None:
    view = mandate.view(["eau", "jeunesse"], on=ON)
    assert [c.value for c in view.chosen] == ["eau", "jeunesse"]
    assert {"6.1", "6.2", "4.4"} <= {t.code for t in view.targets}
    assert all(t.label and t.goal for t in view.targets)
    audiences = {group.audience.value: group.arguments for group in view.arguments}
    assert set(audiences) == set(arguments.AUDIENCES)
    for group in view.arguments:
        for argument in group.arguments:
            assert argument.source.url.startswith("http") and argument.section
    assert any("1 % eau" in a.text for a in audiences["authority"])
    assert [r.id for r in view.legal] == list(mandate.LEGAL_RULES)
    assert all(r.sources for r in view.legal)
    assert "one-percent-eau" in {f.id for f in view.funding}
    assert view.examples and all(e.themes for e in view.examples)


def test_every_argument_is_sourced_and_every_priority_names_real_targets() -> None:
    from coopdec.reference.models import SdgTarget, Theme

    for argument in arguments.ARGUMENTS:
        assert argument.source.url.startswith("http") and argument.source.label
    targets = set(SdgTarget.objects.values_list("code", flat=True))
    themes = set(Theme.objects.values_list("code", flat=True))
    for priority in priorities.PRIORITIES:
        assert set(priority.targets) <= targets, priority.code
        assert set(priority.themes) <= themes, priority.code
    with pytest.raises(priorities.UnknownPriorityError, match="golf"):
        priorities.parse(["eau,golf"])
    assert [p.code for p in priorities.parse(["jeunesse,eau"])] == ["eau", "jeunesse"]


def test_every_argument_cites_a_source_the_project_already_holds() -> None:
    """An argument's source is one the guide, the rules engine or the shipped reference data
    (funding programmes, contacts) already cite, all read from the domain brief: never a page
    of its own."""
    from pathlib import Path

    import coopdec
    from coopdec.assistant import list_rules
    from coopdec.guide.content import load_guide

    known = {s.url for page in load_guide("fr").pages for s in page.sources}
    known |= {s.url for rule in list_rules() for s in rule.sources}
    reference = Path(coopdec.__file__).parent / "data" / "reference"
    for path in reference.glob("*.yaml"):
        known |= set(re.findall(r"https?://\S+", path.read_text(encoding="utf-8")))
    for argument in arguments.ARGUMENTS:
        assert argument.source.url in known, argument.source.label
        assert argument.section, argument.source.label


def test_why_act_works_step_by_step_without_javascript(client: Client) -> None:
    first = client.get("/pourquoi-agir/")
    assert first.status_code == 200
    body = first.content.decode()
    assert 'name="priority"' in body and "etape-2" not in body.split("</form>")[-1]
    second = client.get("/pourquoi-agir/", {"priority": ["eau"], "zone": "afrique_subsaharienne"})
    body = second.content.decode()
    for step in ("etape-2", "etape-3", "etape-4", "etape-5", "etape-6", "etape-7"):
        assert f'id="{step}"' in body
    assert "https://maire-info.com" in body
    third = client.get("/pourquoi-agir/", {"priority": ["eau"], "q": "quimper"})
    assert "/collectivites/commune/29232/diagnostic/?priority=eau" in third.content.decode()
    wrong = client.get("/pourquoi-agir/", {"priority": ["golf"]})
    assert wrong.status_code == 200 and "golf" in wrong.content.decode()
    api = client.get("/api/v1/mandate-priorities", {"priority": ["eau"]})
    assert api.status_code == 200 and api.json()["targets"][0]["code"] == "6.1"
