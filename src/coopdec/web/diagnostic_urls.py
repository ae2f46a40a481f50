"""Pages of the diagnostic (issue 17), included once by ``coopdec.web.urls``."""

from django.urls import path

from coopdec.web import diagnostic_views

urlpatterns = [
    path(
        "collectivites/<slug:kind>/<str:code>/diagnostic/",
        diagnostic_views.diagnostic,
        name="diagnostic",
    ),
    path(
        "collectivites/<slug:kind>/<str:code>/note-opportunite.<str:fmt>",
        diagnostic_views.opportunity_note,
        name="opportunity_note",
    ),
]
