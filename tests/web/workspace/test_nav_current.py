"""The "2. Monter un projet" menu entry is marked current inside the workspace."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_workspace_pages_mark_part_two_as_current(client: Client) -> None:
    html = client.get("/projet/", follow=True).content.decode()
    entry = html.split('href="/monter-un-projet/"', 1)[1].split(">", 1)[0]
    assert 'aria-current="true"' in entry
