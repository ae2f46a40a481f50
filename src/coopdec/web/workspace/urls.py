"""URLs of the project workspace, mounted at /projet/."""

from django.urls import path

from coopdec.web.workspace import transfer, views

app_name = "workspace"
urlpatterns = [
    path("", views.start, name="start"),
    path("collectivite/", views.choose_authority, name="choose_authority"),
    path("exemple/", views.load_example, name="example"),
    path("effacer/", views.reset, name="reset"),
    path("documents/", transfer.documents_page, name="documents"),
    path("documents/<slug:kind>.<slug:fmt>", transfer.download, name="download"),
    path("fichier.<slug:fmt>", transfer.export, name="export"),
    path("importer/", transfer.import_file, name="import"),
    path("<slug:slug>/", views.step, name="step"),
]
