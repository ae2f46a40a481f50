"""URL map: the web pages, the admin, the HTTP API."""

from django.contrib import admin
from django.urls import include, path

from coopdec.api.app import api

urlpatterns = [
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
