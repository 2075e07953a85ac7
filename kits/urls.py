from django.urls import path

from kits import views

app_name = "kits"

urlpatterns = [
    # Kit orders by post and organisers' marathons
    path("commander/", views.order, name="order"),
    path("commande/<uuid:token>/", views.thanks, name="thanks"),
    path("commande/pas-moi/<str:token>/", views.not_me, name="not-me"),
    path("rappels/arreter/<str:token>/", views.reminders_stop, name="reminders-stop"),
    path("marathons/", views.marathons, name="marathons"),
    path("marathons/<int:pk>/calendrier.ics", views.marathon_calendar, name="marathon-calendar"),
    path("marathons/modifier/<str:token>/", views.marathon_edit, name="marathon-edit"),
    path("marathons/bilan/merci/", views.marathon_report_thanks, name="marathon-report-thanks"),
    path("marathons/bilan/<str:token>/", views.marathon_report, name="marathon-report"),
    # --- Printable documents ---
    path("imprimer/", views.printable, name="printable"),
    path("imprimer/kit-complet/", views.printable_latest, {"kind_slug": "kit-complet"}, name="printable-kit"),
    # The teacher's guide, the fact sheets for pupils of 10 to 14 (views.CAMPAIGN_KIND_SLUGS).
    path(
        "imprimer/pour-les-classes/<slug:kind_slug>/",
        views.printable_latest,
        name="printable-campaign-document",
    ),
    path(
        "imprimer/fichiers/<str:content_hash>/<str:filename>",
        views.printable_file,
        name="printable-file",
    ),
    path("imprimer/<slug:slug>/<slug:kind_slug>/", views.printable_latest, name="printable-case-document"),
]
