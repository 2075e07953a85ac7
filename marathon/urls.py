from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.static import serve

from cases.sitemaps import CaseSitemap, PageSitemap
from marathon import views

admin.site.site_header = "Marathon des lettres"
admin.site.site_title = "Marathon des lettres"

# A database that cannot answer gets a "try again" page (503) instead of the 500 one.
handler500 = "marathon.views.server_error"

sitemaps = {"cases": CaseSitemap, "pages": PageSitemap}

urlpatterns = [
    path("", views.home, name="home"),
    path("comment-ca-marche/", views.how_it_works, name="how-it-works"),
    path("vie-privee/", views.privacy, name="privacy"),
    path("cas/", include("cases.urls")),
    path("healthz", views.healthz, name="healthz"),
    path("", include("marathon.tally.urls")),
    path("kit/", include("kits.urls")),
    path("petitions/", include("petitions.urls")),
    path("robots.txt", views.robots_txt, name="robots-txt"),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps}, name="sitemap"),
    path(settings.ADMIN_URL, admin.site.urls),
]

if settings.DEBUG or settings.SERVE_MEDIA:
    # Media files for a laptop or a single-box install; a real deployment serves
    # them from the front web server or object storage.
    urlpatterns += [
        path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})
    ]
