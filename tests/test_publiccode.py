"""publiccode.yml follows the standard (v0.4): the keys it requires, their types and bounds,
and the values of its closed lists (no validator is installed; the rules are the standard's)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import yaml

FILE = Path(__file__).resolve().parents[1] / "publiccode.yml"
REQUIRED = ("publiccodeYmlVersion", "name", "url", "platforms", "categories",
            "developmentStatus", "softwareType", "description", "legal", "maintenance",
            "localisation")  # fmt: skip
STATUSES = {"concept", "development", "beta", "stable", "obsolete"}
TYPES = {"standalone/mobile", "standalone/iot", "standalone/desktop", "standalone/web",
         "standalone/backend", "standalone/other", "addon", "library",
         "configurationFiles"}  # fmt: skip
MAINTENANCE = {"internal", "contract", "community", "none"}
# The standard's category list, the part of it coopdec may use.
CATEGORIES = {"knowledge-management", "data-collection", "document-management",
              "data-analytics", "data-visualization", "applicant-tracking"}  # fmt: skip


def test_publiccode_yml_follows_the_standard() -> None:
    data: dict[str, Any] = yaml.safe_load(FILE.read_text(encoding="utf-8"))
    for key in REQUIRED:
        assert key in data, key
    assert data["publiccodeYmlVersion"] == "0.4"
    assert data["url"].startswith("https://")
    assert data["developmentStatus"] in STATUSES
    assert data["softwareType"] in TYPES
    assert set(data["categories"]) <= CATEGORIES
    date.fromisoformat(data["releaseDate"])
    assert data["maintenance"]["type"] in MAINTENANCE
    assert data["maintenance"]["contacts"][0]["name"]
    assert re.fullmatch(r"[A-Za-z0-9.\-+ ()]+", data["legal"]["license"])  # SPDX expression
    assert data["localisation"]["localisationReady"] is True
    assert set(data["localisation"]["availableLanguages"]) == {"fr", "en"}
    for language, text in data["description"].items():
        assert len(text["shortDescription"]) <= 150, language
        assert 150 <= len(text["longDescription"]) <= 10000, language
        assert all(len(feature) <= 100 for feature in text["features"]), language
