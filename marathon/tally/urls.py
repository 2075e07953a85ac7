from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from marathon.tally import views

app_name = "tally"

urlpatterns = [
    path("comptage/", views.desk, name="desk"),
    # Volunteers sign in here, not in the admin: the "counters" group needs no staff
    # account. The lockout after failed attempts is the admin's (axes, same client address).
    path(
        "comptage/connexion/",
        auth_views.LoginView.as_view(
            template_name="tally/login.html",
            redirect_authenticated_user=True,
            next_page=reverse_lazy("tally:desk"),
        ),
        name="login",
    ),
    path(
        "comptage/deconnexion/",
        auth_views.LogoutView.as_view(next_page=reverse_lazy("tally:login")),
        name="logout",
    ),
    path("comptage/annuler/<int:pk>/", views.undo, name="undo"),
    path("resultats/", views.results, name="results"),
]
