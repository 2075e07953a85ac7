"""The site's URLs plus a stand-in `kits:printable`, as when the printable kit exists."""

from django.http import HttpResponse
from django.urls import include, path

from kits.urls import urlpatterns as kit_urlpatterns
from marathon.urls import urlpatterns as site_urlpatterns

kits_with_printable = [
    *(p for p in kit_urlpatterns if getattr(p, "name", None) != "printable"),
    path("imprimer/", lambda request: HttpResponse("printable"), name="printable"),
]

urlpatterns = [
    path("kit/", include((kits_with_printable, "kits"))),
    *(p for p in site_urlpatterns if getattr(p, "namespace", None) != "kits"),
]
