"""Reference tables in the admin: browsable and searchable, never edited by hand.

The shipped files are the source of truth; ``coopdec init`` loads them.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from coopdec.reference import models


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(models.Region)
class RegionAdmin(ReadOnlyAdmin):
    list_display = ("code", "name", "zone", "population")
    search_fields = ("code", "name")


@admin.register(models.Departement)
class DepartementAdmin(ReadOnlyAdmin):
    list_display = ("code", "name", "region", "population")
    list_filter = ("region",)
    search_fields = ("code", "name")


@admin.register(models.Commune)
class CommuneAdmin(ReadOnlyAdmin):
    list_display = ("code", "name", "departement", "population", "siren")
    list_filter = ("region",)
    search_fields = ("code", "name", "siren", "postal_codes")
    list_select_related = ("departement",)
    show_full_result_count = False


@admin.register(models.Epci)
class EpciAdmin(ReadOnlyAdmin):
    list_display = ("code", "name", "kind", "population")
    list_filter = ("kind",)
    search_fields = ("code", "name")
    raw_id_fields = ("members",)


@admin.register(models.Ept)
class EptAdmin(ReadOnlyAdmin):
    list_display = ("code", "name", "population")
    search_fields = ("code", "name")
    raw_id_fields = ("members",)


@admin.register(models.Zone)
class ZoneAdmin(ReadOnlyAdmin):
    list_display = ("code", "label_fr", "label_en")


@admin.register(models.Country)
class CountryAdmin(ReadOnlyAdmin):
    list_display = ("iso2", "iso3", "numeric", "name_fr", "name_en", "zone")
    list_filter = ("zone",)
    search_fields = ("iso2", "iso3", "name_fr", "name_en")


@admin.register(models.OdaRecipient)
class OdaRecipientAdmin(ReadOnlyAdmin):
    list_display = ("country", "group", "first_year", "last_year", "confidence")
    list_filter = ("group", "list_id", "confidence")


@admin.register(models.SdgGoal)
class SdgGoalAdmin(ReadOnlyAdmin):
    list_display = ("number", "short_fr", "short_en")


@admin.register(models.SdgTarget)
class SdgTargetAdmin(ReadOnlyAdmin):
    list_display = ("code", "label_fr")
    list_filter = ("goal",)
    search_fields = ("code", "label_fr", "label_en")


@admin.register(models.DacSectorCategory)
class DacSectorCategoryAdmin(ReadOnlyAdmin):
    list_display = ("code", "label_fr", "label_en", "active")


@admin.register(models.DacSector)
class DacSectorAdmin(ReadOnlyAdmin):
    list_display = ("code", "label_fr", "category", "active")
    list_filter = ("active", "category")
    search_fields = ("code", "label_fr", "label_en")


@admin.register(models.Theme)
class ThemeAdmin(ReadOnlyAdmin):
    list_display = ("code", "label_fr", "label_en", "default_dac_sector")
    filter_horizontal = ("sdg_goals", "dac_categories")


@admin.register(models.DatasetLoad)
class DatasetLoadAdmin(ReadOnlyAdmin):
    list_display = ("name", "rows", "loaded_at", "checksum")
