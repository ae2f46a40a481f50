"""URL map: the web pages, the admin, the HTTP API."""

from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from coopdec.api.app import api

urlpatterns = [
    # Browsers ask for /favicon.ico on pages that name no icon (the admin, the API docs).
    path(
        "favicon.ico",
        RedirectView.as_view(url=static("dsfr/dist/favicon/favicon.ico"), permanent=True),
    ),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("projet/", include("coopdec.web.workspace.urls")),
    path("compte/", include("coopdec.accounts.urls")),
    path("contribuer/", include("coopdec.web.contributions_urls")),
    path("guide/", include("coopdec.guide.urls")),
    path("cahier/", include("coopdec.guide.workbook_urls")),
    path("", include("coopdec.web.urls")),
]
