"""Reference tables, loaded from the versioned files in coopdec/data by ``coopdec init``.

They are read-only for everyone (admin included): the files are the source of truth.
Bilingual labels are stored side by side (``*_fr``/``*_en``); ``label`` picks the active language.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Bilingual(models.Model):
    """Mixin for rows with a French and an English label."""

    # Text, not a bounded CharField: some SDG target statements run past 500 characters.
    label_fr = models.TextField(_("libellé (français)"))
    label_en = models.TextField(_("libellé (anglais)"), blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        if (get_language() or "fr").startswith("en") and self.label_en:
            return self.label_en
        return self.label_fr


class Region(models.Model):
    code = models.CharField(_("code INSEE"), max_length=3, unique=True)
    name = models.CharField(_("nom"), max_length=200)
    chef_lieu = models.CharField(_("chef-lieu (INSEE)"), max_length=5, blank=True)
    zone = models.CharField(_("zone"), max_length=10)  # metro, drom, com
    population = models.PositiveIntegerField(_("population"), default=0)

    class Meta:
        ordering = ["code"]
        verbose_name = _("région")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class Departement(models.Model):
    code = models.CharField(_("code"), max_length=3, unique=True)
    name = models.CharField(_("nom"), max_length=200)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="departements")
    chef_lieu = models.CharField(_("chef-lieu (INSEE)"), max_length=5, blank=True)
    zone = models.CharField(_("zone"), max_length=10)
    population = models.PositiveIntegerField(_("population"), default=0)

    class Meta:
        ordering = ["code"]
        verbose_name = _("département")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class Commune(models.Model):
    code = models.CharField(_("code INSEE"), max_length=5, unique=True)
    name = models.CharField(_("nom"), max_length=200, db_index=True)
    search_name = models.CharField(max_length=200, db_index=True, editable=False)
    siren = models.CharField(_("SIREN"), max_length=9, blank=True, db_index=True)
    departement = models.ForeignKey(
        Departement, on_delete=models.PROTECT, related_name="communes", null=True
    )
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="communes", null=True)
    zone = models.CharField(_("zone"), max_length=10)
    population = models.PositiveIntegerField(_("population municipale"), null=True)
    postal_codes = models.CharField(_("codes postaux"), max_length=200, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("commune")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class Intercommunality(models.Model):
    """Shared columns of EPCI and EPT (both identified by their SIREN)."""

    code = models.CharField(_("SIREN"), max_length=9, unique=True)
    name = models.CharField(_("nom"), max_length=300, db_index=True)
    search_name = models.CharField(max_length=300, db_index=True, editable=False)
    population = models.PositiveIntegerField(_("population municipale"), default=0)
    population_total = models.PositiveIntegerField(_("population totale"), default=0)

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class Epci(Intercommunality):
    class Kind(models.TextChoices):
        CC = "CC", _("communauté de communes")
        CA = "CA", _("communauté d'agglomération")
        CU = "CU", _("communauté urbaine")
        METRO = "METRO", _("métropole")
        MET69 = "MET69", _("Métropole de Lyon")

    kind = models.CharField(_("nature juridique"), max_length=5, choices=Kind.choices)
    financing_mode = models.CharField(_("mode de financement"), max_length=10, blank=True)
    members = models.ManyToManyField(Commune, related_name="epcis", blank=True)

    class Meta(Intercommunality.Meta):
        verbose_name = _("EPCI à fiscalité propre")
        verbose_name_plural = _("EPCI à fiscalité propre")


class Ept(Intercommunality):
    members = models.ManyToManyField(Commune, related_name="epts", blank=True)

    class Meta(Intercommunality.Meta):
        verbose_name = _("établissement public territorial")


class Zone(Bilingual):
    code = models.CharField(_("code"), max_length=30, unique=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]
        verbose_name = _("zone géographique")


class Country(models.Model):
    iso2 = models.CharField(_("code ISO alpha-2"), max_length=2, unique=True)
    iso3 = models.CharField(_("code ISO alpha-3"), max_length=3, unique=True)
    numeric = models.CharField(_("code ISO numérique"), max_length=3, unique=True)
    name_fr = models.CharField(_("nom (français)"), max_length=200)
    name_en = models.CharField(_("nom (anglais)"), max_length=200)
    zone = models.ForeignKey(Zone, on_delete=models.PROTECT, null=True, related_name="countries")

    class Meta:
        ordering = ["name_fr"]
        verbose_name = _("pays")
        verbose_name_plural = _("pays")

    def __str__(self) -> str:
        return f"{self.name} ({self.iso2})"

    @property
    def name(self) -> str:
        return self.name_en if (get_language() or "fr").startswith("en") else self.name_fr


class OdaRecipient(models.Model):
    """A country's place on one OECD DAC list of ODA recipients."""

    class Group(models.TextChoices):
        LDC = "LDC", _("pays les moins avancés")
        OLIC = "OLIC", _("autres pays à faible revenu")
        LMIC = "LMIC", _("revenu intermédiaire, tranche inférieure")
        UMIC = "UMIC", _("revenu intermédiaire, tranche supérieure")

    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="oda_listings")
    list_id = models.CharField(_("liste"), max_length=40)
    group = models.CharField(_("groupe"), max_length=4, choices=Group.choices)
    first_year = models.PositiveSmallIntegerField(_("première année"))
    last_year = models.PositiveSmallIntegerField(_("dernière année"))
    confidence = models.CharField(_("fiabilité"), max_length=10)
    source = models.URLField(_("source"), max_length=500)

    class Meta:
        unique_together = [("country", "list_id")]
        verbose_name = _("bénéficiaire d'APD")
        verbose_name_plural = _("bénéficiaires d'APD")

    def __str__(self) -> str:
        return f"{self.country.iso2} {self.group} {self.first_year}-{self.last_year}"


class SdgGoal(Bilingual):
    number = models.PositiveSmallIntegerField(_("numéro"), unique=True)
    short_fr = models.CharField(_("intitulé court (français)"), max_length=200)
    short_en = models.CharField(_("intitulé court (anglais)"), max_length=200)

    class Meta:
        ordering = ["number"]
        verbose_name = _("objectif de développement durable")

    @property
    def short(self) -> str:
        return self.short_en if (get_language() or "fr").startswith("en") else self.short_fr


class SdgTarget(Bilingual):
    code = models.CharField(_("code"), max_length=6, unique=True)
    goal = models.ForeignKey(SdgGoal, on_delete=models.CASCADE, related_name="targets")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["goal__number", "position"]
        verbose_name = _("cible ODD")


class DacSectorCategory(Bilingual):
    code = models.CharField(_("code"), max_length=3, unique=True)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("catégorie de secteur CAD")


class DacSector(Bilingual):
    code = models.CharField(_("code"), max_length=5, unique=True)
    category = models.ForeignKey(
        DacSectorCategory, on_delete=models.PROTECT, related_name="sectors"
    )
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("secteur CAD")


class Theme(Bilingual):
    code = models.CharField(_("identifiant"), max_length=40, unique=True)
    position = models.PositiveSmallIntegerField(default=0)
    sdg_goals = models.ManyToManyField(SdgGoal, related_name="themes", blank=True)
    dac_categories = models.ManyToManyField(DacSectorCategory, related_name="themes", blank=True)
    default_dac_sector = models.ForeignKey(
        DacSector, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        ordering = ["position"]
        verbose_name = _("thème")


class DatasetLoad(models.Model):
    """What was loaded from which file version: lets ``coopdec init`` skip unchanged data."""

    name = models.CharField(max_length=60, unique=True)
    checksum = models.CharField(max_length=64)
    rows = models.PositiveIntegerField(default=0)
    loaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("chargement de données")

    def __str__(self) -> str:
        return f"{self.name} ({self.rows})"
