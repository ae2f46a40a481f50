from django.urls import path

from coopdec.web import views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("pourquoi-agir/", views.why_act, name="why_act"),
    path("monter-un-projet/", views.run_project, name="run_project"),
    path("catalogue/", views.catalogue, name="catalogue"),
    path("healthz", views.healthz, name="healthz"),
]
