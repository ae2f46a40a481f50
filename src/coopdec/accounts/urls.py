from django.contrib.auth import views as auth_views
from django.urls import path

from coopdec.accounts import oidc, views

app_name = "accounts"
urlpatterns = [
    path("connexion/", views.SignInView.as_view(), name="login"),
    path("connexion/proconnect/", oidc.AuthenticateView.as_view(), name="oidc_authenticate"),
    path("connexion/proconnect/retour/", oidc.CallbackView.as_view(), name="oidc_callback"),
    path("connexion/echec/", lambda r: oidc.failure_page(r, 400), name="oidc_failed"),
    path("deconnexion/", views.sign_out, name="logout"),
    path("inscription/", views.sign_up, name="signup"),
    path("verification/<uidb64>/<token>/", views.verify, name="verify"),
    path("mot-de-passe/", views.ResetView.as_view(), name="password_reset"),
    path(
        "mot-de-passe/envoye/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "mot-de-passe/<uidb64>/<token>/",
        views.ResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "mot-de-passe/termine/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path("", views.account, name="account"),
    path("adhesion/", views.request_membership, name="request_membership"),
    path("adhesion/<int:pk>/quitter/", views.leave, name="leave"),
    path("collectivites/<int:pk>/membres/", views.members, name="members"),
    path("adhesion/<int:pk>/decision/", views.decide, name="decide"),
    path("jetons/", views.create_token, name="create_token"),
    path("jetons/<int:pk>/revoquer/", views.revoke_token, name="revoke_token"),
    path("journal/", views.audit_log, name="audit"),
    path("projets/<int:pk>/", views.workspace_action, name="workspace"),
]
