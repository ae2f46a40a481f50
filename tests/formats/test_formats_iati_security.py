"""Hostile XML is refused before any entity is expanded or any external resource is read."""

from __future__ import annotations

import io
import socket
from pathlib import Path

import pytest

from coopdec.formats import iati

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<iati-activities version="2.03"><iati-activity>
<iati-identifier>&lol9;</iati-identifier></iati-activity></iati-activities>
"""


def _external_entity(target: str) -> bytes:
    return (
        '<?xml version="1.0"?>\n'
        f'<!DOCTYPE foo [ <!ENTITY xxe SYSTEM "{target}"> ]>\n'
        '<iati-activities version="2.03"><iati-activity>'
        "<iati-identifier>&xxe;</iati-identifier></iati-activity></iati-activities>\n"
    ).encode()


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def _refusal(data: bytes) -> iati.IatiSecurityError:
    with pytest.raises(iati.IatiSecurityError) as caught:
        list(iati.iter_activities(io.BytesIO(data)))
    return caught.value


def test_billion_laughs_is_refused_without_expansion(no_network: None) -> None:
    error = _refusal(BILLION_LAUGHS)
    assert "DOCTYPE" in error.reason
    assert error.line == 2
    assert "lol" not in str(error)


def test_external_entity_to_etc_passwd_is_refused(no_network: None) -> None:
    error = _refusal(_external_entity("file:///etc/passwd"))
    assert "DOCTYPE" in error.reason
    assert "root:" not in str(error)


def test_external_entity_to_a_local_file_never_reads_it(tmp_path: Path, no_network: None) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-MARKER")
    before = secret.stat().st_atime_ns
    error = _refusal(_external_entity(secret.as_uri()))
    assert "SECRET-MARKER" not in str(error)
    assert secret.stat().st_atime_ns == before


def test_network_entity_and_external_dtd_are_refused(no_network: None) -> None:
    _refusal(_external_entity("http://example.org/evil"))
    external_dtd = (
        b'<?xml version="1.0"?>\n<!DOCTYPE iati-activities SYSTEM "http://example.org/x.dtd">\n'
        b'<iati-activities version="2.03"/>'
    )
    _refusal(external_dtd)


def test_parameter_entities_are_refused(no_network: None) -> None:
    data = (
        b'<?xml version="1.0"?>\n'
        b'<!DOCTYPE x [ <!ENTITY % ext SYSTEM "file:///etc/passwd"> %ext; ]>\n'
        b'<iati-activities version="2.03"/>'
    )
    _refusal(data)


def test_doctype_hidden_in_utf16_is_refused(no_network: None) -> None:
    text = (
        _external_entity("file:///etc/passwd")
        .decode()
        .replace('"1.0"?>', '"1.0" encoding="UTF-16"?>')
    )
    _refusal(text.encode("utf-16"))


def test_validation_refuses_hostile_files_too(tmp_path: Path, no_network: None) -> None:
    path = tmp_path / "lolz.xml"
    path.write_bytes(BILLION_LAUGHS)
    with pytest.raises(iati.IatiSecurityError) as caught:
        iati.validate_activities(path)
    assert caught.value.file == str(path)


def test_undeclared_entity_is_a_syntax_error_not_an_expansion() -> None:
    data = (
        b'<iati-activities version="2.03"><iati-activity>'
        b"<iati-identifier>&xxe;</iati-identifier></iati-activity></iati-activities>"
    )
    with pytest.raises(iati.IatiError, match="xxe"):
        list(iati.iter_activities(io.BytesIO(data)))
