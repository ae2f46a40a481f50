"""CSV bulk upload of an authority's own partnerships: the catalogue import's parser, all or
nothing, errors naming file, line and column, drafts in moderation; the page, the API and the
CLI; a member of A never uploads B's records."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from typer.testing import CliRunner

from coopdec.accounts import services as accounts
from coopdec.catalogue.models import ForeignAuthority, Partnership
from coopdec.cli.app import app
from coopdec.contributions import bulk, queries, services
from coopdec.contributions.models import ChangeRequest
from tests.accounts.conftest import PASSWORD

pytestmark = pytest.mark.django_db

HEADER = (
    "french_authority_name,french_authority_kind,french_authority_code,partner_name,"
    "partner_country_iso2,relation_type,themes,start_year,end_year,title,summary"
)
ROW_1 = "Finistère,departement,29,Ziguinchor,SN,cooperation,eau_assainissement,2019,,,Puits"
ROW_2 = "Finistère,departement,29,Commune de Kpalimé,TG,jumelage,,2001,,Jumelage Kpalimé,<b>x</b>"


def _csv(*rows: str, separator: str = ",", encoding: str = "utf-8") -> bytes:
    return "\r\n".join(r.replace(",", separator) for r in (HEADER, *rows)).encode(encoding)


def test_rows_become_drafts_in_moderation(world: Any) -> None:
    done = bulk.propose_csv(world.users["member"], world.own, _csv(ROW_1, ROW_2),
                            filename="dossier/mes-partenariats.csv")  # fmt: skip
    assert done.file == "mes-partenariats.csv" and len(done.drafts) == 2
    assert {c.state for c in done.drafts} == {"pending"}
    assert not Partnership.objects.filter(key__in=[c.key for c in done.drafts]).exists()
    assert done.drafts[1].values["summary"] == "<b>x</b>"  # stored as typed, shown as text
    queue = queries.queue(world.users["manager"])
    assert {c.pk for c in queue} >= {c.pk for c in done.drafts}
    services.publish(world.users["manager"], done.drafts[0])
    published = Partnership.objects.get(key=done.drafts[0].key)
    assert [a.pk for a in published.french_authorities.all()] == [world.own.pk]


def test_one_bad_row_refuses_the_whole_file_naming_line_and_column(world: Any) -> None:
    partners = ForeignAuthority.objects.count()
    wrong_code = "Finistère,departement,2A9,Ziguinchor,SN,cooperation,,2019,,,"
    bad_year = "Finistère,departement,29,Podor,SN,cooperation,,deux mille,,,"
    with pytest.raises(bulk.UploadRefused) as caught:
        bulk.propose_csv(world.users["member"], world.own,
                         _csv(ROW_1, wrong_code, bad_year), filename="f.csv")  # fmt: skip
    described = [p.describe() for p in caught.value.problems]
    assert any("ligne 3" in d and "french_authority_code" in d for d in described), described
    assert any("ligne 4" in d and "start_year" in d for d in described), described
    assert all(d.startswith("f.csv") for d in described)
    assert ChangeRequest.objects.count() == 0 and ForeignAuthority.objects.count() == partners


def test_another_authoritys_row_is_refused(world: Any) -> None:
    other = "Bouches-du-Rhône,departement,13,Ziguinchor,SN,cooperation,,2019,,,"
    with pytest.raises(bulk.UploadRefused) as caught:
        bulk.propose_csv(world.users["member"], world.own, _csv(ROW_1, other), filename="f.csv")
    assert "ligne 3" in caught.value.problems[0].describe()
    assert "autre collectivité" in caught.value.problems[0].reason
    # B's member cannot upload for A at all.
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        bulk.propose_csv(world.users["member_other"], world.own, _csv(ROW_1), filename="f.csv")
    assert ChangeRequest.objects.count() == 0


def test_excel_cp1252_semicolons_and_malformed_and_oversized(world: Any) -> None:
    excel = _csv(ROW_1, ROW_2, separator=";", encoding="cp1252")
    assert "è".encode("cp1252") in excel
    done = bulk.propose_csv(world.users["member"], world.own, excel, filename="excel.csv")
    assert done.encoding == "cp1252" and done.separator == ";" and len(done.drafts) == 2
    malformed = HEADER.encode() + b'\r\nFinist\xc3\xa8re,"departement,29\r\n'
    with pytest.raises(bulk.UploadRefused) as caught:
        bulk.propose_csv(world.users["member"], world.own, malformed, filename="m.csv")
    assert caught.value.problems[0].file == "m.csv"
    missing = b"french_authority_name,partner_name\r\nFinistere,Ziguinchor\r\n"
    with pytest.raises(bulk.UploadRefused) as caught:
        bulk.propose_csv(world.users["member"], world.own, missing, filename="c.csv")
    assert any(p.column == "relation_type" for p in caught.value.problems)
    big = _csv(*([ROW_1] * 30000))
    assert len(big) > bulk.MAX_BYTES
    with pytest.raises(bulk.UploadRefused) as caught:
        bulk.propose_csv(world.users["member"], world.own, big, filename="big.csv")
    assert "big.csv" in caught.value.problems[0].describe()
    assert ChangeRequest.objects.count() == 2


def _signed_in(user: Any) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def test_page_api_and_cli(world: Any, tmp_path: Path) -> None:
    url = f"/contribuer/{world.own.pk}/import/"
    member = _signed_in(world.users["member"])
    assert member.get(url).status_code == 200
    refused = member.post(url, {"file": SimpleUploadedFile("p.csv", _csv("a,b,c"))})
    assert refused.status_code == 400 and "p.csv, ligne 2" in refused.content.decode()
    ok = member.post(url, {"file": SimpleUploadedFile("p.csv", _csv(ROW_1))})
    assert ok.status_code == 302 and ChangeRequest.objects.count() == 1
    assert _signed_in(world.users["member_other"]).get(url).status_code == 403
    _token, secret = accounts.create_token(world.users["member"], "t")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    api = Client().post("/api/v1/uploads/csv",
                        {"authority_id": world.own.pk,
                         "file": SimpleUploadedFile("q.csv", _csv(ROW_2))}, **auth)  # fmt: skip
    assert api.status_code == 201, api.content
    assert api.json()["drafts"][0]["values"]["title"] == "Jumelage Kpalimé"
    bad = Client().post("/api/v1/uploads/csv",
                        {"authority_id": world.own.pk,
                         "file": SimpleUploadedFile("q.csv", _csv("x,y"))}, **auth)  # fmt: skip
    assert bad.status_code == 422 and bad.json()["errors"][0]["line"] == "2"
    _t, other_secret = accounts.create_token(world.users["member_other"], "t")
    forbidden = Client().post("/api/v1/uploads/csv",
                              {"authority_id": world.own.pk,
                               "file": SimpleUploadedFile("q.csv", _csv(ROW_2))},
                              HTTP_AUTHORIZATION=f"Bearer {other_secret}")  # fmt: skip
    assert forbidden.status_code == 403
    path = tmp_path / "cli.csv"
    path.write_bytes(_csv(ROW_1))
    runner = CliRunner()
    args = ["contributions", "upload", str(path), "--authority", "departement:29", "--as"]
    assert runner.invoke(app, [*args, "membre-b@example.org"]).exit_code == 3
    done = runner.invoke(app, [*args, "membre@example.org"])
    assert done.exit_code == 0 and "1 brouillon(s)" in done.stdout
    path.write_bytes(_csv("Finistère,departement,29,X,ZZ,cooperation,,,,,"))
    refused_cli = runner.invoke(app, [*args, "membre@example.org"])
    assert refused_cli.exit_code == 4 and "partner_country_iso2" in refused_cli.stderr
    assert ChangeRequest.objects.count() == 3
