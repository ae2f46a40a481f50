"""URLs of the workbook (cahier d'exercices), mounted at /cahier/."""

from django.urls import path

from coopdec.guide import workbook_views

app_name = "workbook"
urlpatterns = [
    path("", workbook_views.index, name="index"),
    path("imprimer/", workbook_views.printable, name="print"),
    path("recommencer/", workbook_views.reset, name="reset"),
    path("<slug:exercise_id>/", workbook_views.exercise, name="exercise"),
]
