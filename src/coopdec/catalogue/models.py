"""Catalogue records. Curators edit them in the admin; imports upsert them on a stable key.

Every record keeps its provenance (which import, which source, when) and timestamps.
French authorities are rows of ``FrenchAuthority``: one directory over communes, EPCI, EPT,
départements and régions (linked to the reference tables), plus the bodies the COG does not
list (syndicats, groupements, former régions) recorded as named in their source.
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _

from coopdec.reference.models import Country, DacSector, Departement, Region, SdgTarget, Theme


class Timestamped(models.Model):
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    class Meta:
        abstract = True


class ImportBatch(Timestamped):
    """One run of an import: what file, which importer, what it did."""

    class Kind(models.TextChoices):
        STARTER = "starter", _("catalogue de départ")
        CATALOGUE_CSV = "catalogue_csv", _("CSV du catalogue")
        ATLAS_CSV = "atlas_csv", _("export de l'Atlas")
        WIKIDATA = "wikidata", _("jumelages Wikidata")
        IATI = "iati", _("fichier IATI")
        MANUAL = "manual", _("saisie")

    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    source_name = models.CharField(_("fichier"), max_length=300)
    checksum = models.CharField(_("empreinte SHA-256"), max_length=64, blank=True)
    created = models.PositiveIntegerField(_("créés"), default=0)
    updated = models.PositiveIntegerField(_("mis à jour"), default=0)
    unchanged = models.PositiveIntegerField(_("inchangés"), default=0)
    report = models.JSONField(_("rapport"), default=dict, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.source_name}"


class Provenanced(Timestamped):
    """Where a record comes from: an import batch and the public source it cites."""

    import_batch = models.ForeignKey(
        ImportBatch, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    source_url = models.TextField(_("source(s)"), blank=True)  # several URLs joined by " | "
    source_date = models.CharField(_("date de la source"), max_length=10, blank=True)

    class Meta:
        abstract = True

    @property
    def source_urls(self) -> list[str]:
        return [u.strip() for u in self.source_url.split(" | ") if u.strip()]


class FrenchAuthority(models.Model):
    class Kind(models.TextChoices):
        COMMUNE = "commune", _("commune")
        EPCI = "epci", _("EPCI")
        EPT = "ept", _("établissement public territorial")
        DEPARTEMENT = "departement", _("département")
        REGION = "region", _("région")
        COLLECTIVITE_PARTICULIERE = (
            "collectivite_particuliere",
            _("collectivité à statut particulier"),
        )
        SYNDICAT = "syndicat", _("syndicat")
        GROUPEMENT = "groupement", _("groupement")

    kind = models.CharField(_("nature"), max_length=30, choices=Kind.choices)
    # Official code (INSEE, SIREN, département or région code); null for bodies outside the COG.
    # NULL, not "": NULLs never clash in the unique (kind, code) constraint.
    code = models.CharField(_("code officiel"), max_length=9, null=True, blank=True)  # noqa: DJ001
    name = models.CharField(_("nom"), max_length=300)
    search_name = models.CharField(max_length=300, db_index=True, editable=False)
    official = models.BooleanField(_("au COG 2026"), default=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    departement = models.ForeignKey(
        Departement, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("collectivité française")
        verbose_name_plural = _("collectivités françaises")
        constraints = [
            # Plain (not partial) so that bulk upserts can target it; NULL codes never clash.
            models.UniqueConstraint(fields=["kind", "code"], name="french_authority_official_code"),
            models.UniqueConstraint(
                fields=["kind", "search_name"],
                condition=models.Q(code__isnull=True),
                name="french_authority_unofficial_name",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})" if self.code else self.name


class ForeignAuthority(Timestamped):
    class Level(models.TextChoices):
        MUNICIPALITY = "municipality", _("commune / municipalité")
        INTERMEDIATE = "intermediate", _("niveau intermédiaire (province, district, département)")
        REGION = "region", _("région / entité fédérée")
        GROUPING = "grouping", _("groupement")
        OTHER = "other", _("autre / non précisé")

    name = models.CharField(_("nom"), max_length=300)
    search_name = models.CharField(max_length=300, db_index=True, editable=False)
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="authorities")
    level = models.CharField(_("niveau"), max_length=20, choices=Level.choices, default="other")
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("collectivité étrangère")
        verbose_name_plural = _("collectivités étrangères")
        constraints = [
            models.UniqueConstraint(
                fields=["country", "search_name"], name="foreign_authority_per_country"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.country_id and self.country.iso2})"


class RelationType(models.TextChoices):
    JUMELAGE = "jumelage", _("jumelage")
    COOPERATION = "cooperation", _("coopération")
    CONVENTION_CADRE = "convention_cadre", _("convention-cadre")
    PACTE_AMITIE = "pacte_amitie", _("pacte d'amitié")
    PROJET = "projet", _("projet")
    OTHER = "other", _("autre")


class Status(models.TextChoices):
    ACTIVE = "active", _("en cours")
    ENDED = "ended", _("terminé")
    PLANNED = "planned", _("en préparation")
    UNKNOWN = "unknown", _("non précisé")


class Partnership(Provenanced):
    """French authorities with foreign authorities, in a relation that lasts."""

    key = models.CharField(_("clé"), max_length=120, unique=True)
    title = models.CharField(_("titre"), max_length=500)
    summary = models.TextField(_("résumé"), blank=True)
    relation_type = models.CharField(
        _("type de relation"), max_length=20, choices=RelationType.choices
    )
    start_year = models.PositiveSmallIntegerField(_("début"), null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(_("fin"), null=True, blank=True)
    status = models.CharField(
        _("statut"), max_length=10, choices=Status.choices, default=Status.UNKNOWN
    )
    open_to_new_members = models.BooleanField(
        _("ouvert à de nouvelles collectivités"), default=False
    )
    funders = models.TextField(_("financeurs"), blank=True)
    # The convention's two dates (CGCT L1115-1: a convention, transmitted to the prefect).
    # Contributions only (merge_policy); db_default: the bulk writers that name their columns.
    convention_signed_on = models.DateField(_("convention signée le"), null=True, blank=True)
    convention_transmitted_on = models.DateField(
        _("convention transmise au préfet le"), null=True, blank=True
    )
    # Services and generic addresses to contact (never a person's own address).
    contacts = models.TextField(_("contacts"), blank=True, db_default="")
    french_authorities = models.ManyToManyField(FrenchAuthority, related_name="partnerships")
    foreign_authorities = models.ManyToManyField(ForeignAuthority, related_name="partnerships")
    themes = models.ManyToManyField(Theme, related_name="partnerships", blank=True)
    sdg_targets = models.ManyToManyField(SdgTarget, related_name="partnerships", blank=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("partenariat")

    def __str__(self) -> str:
        return self.title


class Contact(Provenanced):
    """An organisation (never a person): networks, agencies, State services."""

    key = models.CharField(_("identifiant"), max_length=80, unique=True)
    name = models.CharField(_("nom"), max_length=300)
    acronym = models.CharField(_("sigle"), max_length=40, blank=True)
    kind = models.CharField(_("type"), max_length=60)
    role = models.TextField(_("rôle"), blank=True)
    coverage = models.CharField(_("couverture"), max_length=200, blank=True)
    website = models.URLField(_("site web"), max_length=500, blank=True)
    # Generic mailboxes and phones only; some organisations publish several (" ; ").
    email = models.CharField(_("courriels génériques"), max_length=300, blank=True)
    phone = models.CharField(_("téléphone"), max_length=100, blank=True)
    postal_address = models.TextField(_("adresse"), blank=True)
    regions = models.ManyToManyField(Region, related_name="contacts", blank=True)
    countries = models.ManyToManyField(Country, related_name="contacts", blank=True)
    themes = models.ManyToManyField(Theme, related_name="contacts", blank=True)
    confidence = models.CharField(_("fiabilité"), max_length=10, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("contact (organisation)")
        verbose_name_plural = _("contacts (organisations)")

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name


class Project(Provenanced):
    """A dated action, often inside a partnership (an Atlas sheet, an IATI activity)."""

    key = models.CharField(_("clé"), max_length=200, unique=True)
    iati_identifier = models.CharField(
        _("identifiant IATI"), max_length=200, null=True, blank=True, unique=True
    )
    title = models.CharField(_("titre"), max_length=500)
    summary = models.TextField(_("résumé"), blank=True)
    description = models.TextField(_("description"), blank=True)
    # Narratives in other languages (IATI): {"en": {"title": ..., "description": ...}, ...}
    narratives = models.JSONField(_("textes dans d'autres langues"), default=dict, blank=True)
    partnership = models.ForeignKey(
        Partnership, on_delete=models.SET_NULL, null=True, blank=True, related_name="projects"
    )
    french_authorities = models.ManyToManyField(
        FrenchAuthority, related_name="projects", blank=True
    )
    foreign_authorities = models.ManyToManyField(
        ForeignAuthority, related_name="projects", blank=True
    )
    other_participants = models.JSONField(_("autres participants"), default=list, blank=True)
    countries = models.ManyToManyField(Country, related_name="projects", blank=True)
    themes = models.ManyToManyField(Theme, related_name="projects", blank=True)
    sdg_targets = models.ManyToManyField(SdgTarget, related_name="projects", blank=True)
    dac_sectors = models.ManyToManyField(DacSector, related_name="projects", blank=True)
    budget = models.DecimalField(
        _("budget"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(_("devise"), max_length=3, default="EUR")
    funders = models.TextField(_("financeurs"), blank=True)
    # The budget by expense category and year, and the financing plan, in the project file's
    # vocabulary (projectfile.model: EXPENSE_CATEGORIES, FINANCING_SOURCES), as lists of
    # {"category", "year", "amount"} and {"source", "name", "year", "amount"} (amounts as
    # strings); validated by ``contributions.lines``. Null: none declared.
    budget_lines = models.JSONField(_("budget par poste"), null=True, blank=True)
    financing_lines = models.JSONField(_("plan de financement"), null=True, blank=True)
    results = models.TextField(_("résultats"), blank=True, db_default="")
    lessons = models.TextField(_("enseignements"), blank=True, db_default="")
    start_date = models.DateField(_("début"), null=True, blank=True)
    end_date = models.DateField(_("fin"), null=True, blank=True)
    status = models.CharField(
        _("statut"), max_length=10, choices=Status.choices, default=Status.UNKNOWN
    )
    open_to_new_members = models.BooleanField(
        _("ouvert à de nouvelles collectivités"), default=False
    )
    contact = models.ForeignKey(
        Contact, on_delete=models.SET_NULL, null=True, blank=True, related_name="projects"
    )
    # A call for partners ("appel à partenaires", docs/contributing-data.md): the project looks
    # for co-authorities until this date; ``open_to_new_members`` is cleared after it.
    call_closes_on = models.DateField(
        _("appel à partenaires ouvert jusqu'au"), null=True, blank=True, db_index=True
    )
    # db_default: the bulk writers that name their columns (synthetic catalogue) leave it out.
    call_contact = models.CharField(
        _("contact de l'appel à partenaires"), max_length=300, blank=True, db_default=""
    )

    class Meta:
        ordering = ["title"]
        verbose_name = _("projet")

    def __str__(self) -> str:
        return self.title

    def open_on(self, day: dt.date) -> bool:
        """Open to new authorities on ``day``: a call for partners stops being open after its
        closing date by itself (read at query time, no job has to clear the flag)."""
        return self.open_to_new_members and (
            self.call_closes_on is None or self.call_closes_on >= day
        )


class Example(Timestamped):
    """A project singled out as good practice by a moderator (contributions.services
    ``flag_example``), with why it is an example and what others can learn from it."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="example")
    why = models.CharField(_("pourquoi c'est un exemple"), max_length=500, db_default="")
    lessons = models.TextField(_("enseignements"), blank=True)
    published = models.BooleanField(_("publié"), default=True)
    flagged_by = models.CharField(_("signalé par"), max_length=254, blank=True, db_default="")

    class Meta:
        verbose_name = _("exemple")

    def __str__(self) -> str:
        return f"{self.project.title}"


# What an IATI import knows about a project beyond the catalogue's own fields: the publisher
# (reporting organisation), the language of the main texts, the version and the
# ``last-updated-datetime`` of the activity, one row per imported project, so that a re-export
# names the real publisher and an unchanged activity is recognised by its fingerprint.
class IatiRecord(models.Model):
    project = models.OneToOneField(
        Project, on_delete=models.CASCADE, primary_key=True, related_name="iati_record"
    )
    publisher_ref = models.CharField(_("identifiant de l'éditeur"), max_length=200, blank=True)
    publisher_type = models.CharField(_("type d'organisation de l'éditeur"), max_length=10)
    # [[lang, text], ...] as in the file's reporting-org narratives
    publisher_names = models.JSONField(_("nom de l'éditeur"), default=list)
    language = models.CharField(_("langue des textes principaux"), max_length=10, default="fr")
    version = models.CharField(_("version IATI"), max_length=4)
    last_updated = models.DateTimeField(_("mise à jour selon l'éditeur"), null=True, blank=True)
    # SHA-1 of what the import stores: equal fingerprints mean nothing would change.
    fingerprint = models.CharField(max_length=40)

    class Meta:
        # The table was created by the former ``exchange`` app (now ``opendata``, label kept).
        db_table = "exchange_iatirecord"
        verbose_name = _("provenance IATI")
        verbose_name_plural = _("provenances IATI")

    def __str__(self) -> str:
        return f"{self.project_id} ({self.publisher_ref})"
