"""URLs of the contribution pages (under /contribuer/)."""

from django.urls import path

from coopdec.web import contributions_views as views

app_name = "contributions"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("<int:authority_pk>/import/", views.upload, name="upload"),
    path("offre/<str:region_code>/", views.offer, name="offer"),
    path("<int:authority_pk>/<slug:slug>/", views.declare, name="declare"),
    path("espace/<int:pk>/", views.from_workspace, name="from_workspace"),
    path("moderation/", views.queue, name="queue"),
    path("moderation/<int:pk>/", views.review, name="review"),
    path("historique/<str:record_kind>/<path:key>", views.history, name="history"),
    path("versions/<int:pk>/retablir/", views.restore, name="restore"),
    path("exemple/<path:key>", views.example, name="example"),
]
