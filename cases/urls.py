from django.urls import path

from cases import views

app_name = "cases"

urlpatterns = [
    path("", views.index, name="index"),
    path("histoires/", views.success_stories, name="success-stories"),
    path("<slug:slug>/", views.detail, name="detail"),
]
