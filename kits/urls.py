from django.urls import path

from kits import views

app_name = "kits"

urlpatterns = [
    # --- Printable documents ---
    path("imprimer/", views.printable, name="printable"),
    path("imprimer/kit-complet/", views.printable_latest, {"kind_slug": "kit-complet"}, name="printable-kit"),
    path(
        "imprimer/fichiers/<str:content_hash>/<str:filename>",
        views.printable_file,
        name="printable-file",
    ),
    path("imprimer/<slug:slug>/<slug:kind_slug>/", views.printable_latest, name="printable-case-document"),
    # --- end of printable documents ---
]
