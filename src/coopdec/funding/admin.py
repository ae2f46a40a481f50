from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from coopdec.funding.models import FundingProgram


@admin.register(FundingProgram)
class FundingProgramAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Read-only: edit reference/funding_programs.yaml and run ``coopdec init``."""

    list_display = ("name", "kind", "funder", "valid_from", "valid_to", "confidence")
    list_filter = ("kind", "confidence", "funder_key")
    search_fields = ("name", "funder", "key")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
