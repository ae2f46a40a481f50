from django.urls import include, path

from coopdec.web import (
    alert_views,
    catalogue_views,
    declaration_views,
    detail_views,
    funding_views,
    views,
)

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("pourquoi-agir/", views.why_act, name="why_act"),
    path("monter-un-projet/", views.run_project, name="run_project"),
    path("catalogue/", catalogue_views.catalogue, name="catalogue"),
    path("catalogue/suggestions/", catalogue_views.suggestions, name="suggestions"),
    path("catalogue/export.csv", catalogue_views.export_csv, name="export_csv"),
    path("catalogue/export.json", catalogue_views.export_json, name="export_json"),
    path("partenariats/<int:pk>/", detail_views.partnership, name="partnership"),
    path("projets/<int:pk>/", detail_views.project, name="project"),
    path("collectivites/<slug:kind>/<str:code>/", detail_views.authority, name="authority"),
    path("", include("coopdec.web.diagnostic_urls")),
    path("pays/<str:iso2>/", detail_views.country, name="country"),
    path("contacts/", detail_views.contacts, name="contacts"),
    path("financements/", funding_views.funding, name="funding"),
    path("langue/<str:code>/", views.language, name="language"),
    path("healthz", views.healthz, name="healthz"),
    path("compte/alertes/", alert_views.alerts, name="alerts"),
    path("compte/alertes/nouvelle/", alert_views.create, name="alert_create"),
    path("compte/alertes/<int:pk>/supprimer/", alert_views.delete, name="alert_delete"),
    path(
        "compte/collectivites/<int:pk>/apd/<int:year>/",
        declaration_views.declaration,
        name="apd_declaration",
    ),
    path(
        "compte/collectivites/<int:pk>/apd/<int:year>/recepisse.pdf",
        declaration_views.receipt,
        name="apd_receipt",
    ),
    path(
        "compte/collectivites/<int:pk>/apd/<int:year>/rouvrir/",
        declaration_views.reopen,
        name="apd_reopen",
    ),
    path("compte/declarations/<int:year>/", declaration_views.campaign, name="apd_campaign"),
]
