from django.urls import path

from petitions import views

app_name = "petitions"

urlpatterns = [
    path("signer-tout/", views.sign_all, name="sign-all"),
    path("<int:pk>/signer/", views.sign, name="sign"),
    path("verifiez-votre-boite/", views.check_mailbox, name="check-mailbox"),
    path("confirmer/<str:token>/", views.confirm, name="confirm"),
    path("merci/", views.thanks, name="thanks"),
    path("effacer/<str:token>/", views.erase, name="erase"),
    path("donnees-effacees/", views.erased, name="erased"),
    path("nouvelles/desinscription/<str:token>/", views.news_unsubscribe, name="news-unsubscribe"),
]
