"""Curators maintain the catalogue here; every record shows where it comes from."""

from __future__ import annotations

from django.contrib import admin

from coopdec.catalogue import models

PROVENANCE = ("import_batch", "source_url", "source_date", "created_at", "updated_at")


@admin.register(models.ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("created_at", "kind", "source_name", "created", "updated", "unchanged")
    list_filter = ("kind",)
    readonly_fields = (
        "kind",
        "source_name",
        "checksum",
        "created",
        "updated",
        "unchanged",
        "report",
    )


@admin.register(models.FrenchAuthority)
class FrenchAuthorityAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "kind", "code", "official", "departement", "population")
    list_filter = ("kind", "official", "region")
    search_fields = ("name", "code")
    raw_id_fields = ("departement", "region")
    show_full_result_count = False


@admin.register(models.ForeignAuthority)
class ForeignAuthorityAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "country", "level", "latitude", "longitude")
    list_filter = ("level", "country__zone")
    search_fields = ("name",)
    autocomplete_fields = ("country",)


@admin.register(models.Partnership)
class PartnershipAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("title", "relation_type", "start_year", "status", "open_to_new_members")
    list_filter = ("relation_type", "status", "open_to_new_members", "themes")
    search_fields = ("title", "summary", "key")
    autocomplete_fields = ("french_authorities", "foreign_authorities")
    filter_horizontal = ("themes",)
    readonly_fields = ("key", *PROVENANCE)


@admin.register(models.Project)
class ProjectAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("title", "status", "start_date", "end_date", "open_to_new_members")
    list_filter = ("status", "open_to_new_members", "themes")
    search_fields = ("title", "summary", "key", "iati_identifier")
    autocomplete_fields = ("french_authorities", "foreign_authorities", "countries", "partnership")
    filter_horizontal = ("themes",)
    raw_id_fields = ("sdg_targets", "dac_sectors", "contact")
    readonly_fields = ("key", *PROVENANCE)


@admin.register(models.Example)
class ExampleAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("project", "published")
    raw_id_fields = ("project",)


@admin.register(models.Contact)
class ContactAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "acronym", "kind", "coverage")
    list_filter = ("kind", "regions")
    search_fields = ("name", "acronym", "role")
    filter_horizontal = ("regions", "countries", "themes")
    readonly_fields = PROVENANCE
