"""URLs of the guide reader, mounted at /guide/."""

from django.urls import path

from coopdec.guide import views

app_name = "guide"
urlpatterns = [
    path("", views.index, name="index"),
    path("recherche/", views.search, name="search"),
    path("references/", views.references, name="references"),
    path("telecharger/<slug:fmt>/", views.download, name="download"),
    path("<slug:page_id>/", views.page, name="page"),
]
