from django.urls import path

from marathon.tally import views

app_name = "tally"

urlpatterns = [
    path("comptage/", views.desk, name="desk"),
    path("comptage/annuler/<int:pk>/", views.undo, name="undo"),
    path("resultats/", views.results, name="results"),
]
