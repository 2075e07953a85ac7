from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path

from cases import views as cases_views
from cases.sitemaps import CaseSitemap, PageSitemap
from marathon import views
from marathon.lib.languages import CODES as LANGUAGES
from marathon.tally import views as tally_views

# A database that cannot answer gets a "try again" page (503) instead of the 500 one.
handler500 = "marathon.views.server_error"

sitemaps = {"cases": CaseSitemap, "pages": PageSitemap}

# Every page a person reads under its language: /fr/, /nl/, /en/ (the rest of the path
# the same in all three). marathon.middleware.LanguageMiddleware activates the prefix's
# language, which is what these patterns match and what reverse() writes.
public = i18n_patterns(
    path("", views.home, name="home"),
    # Signing first: Django tries the patterns in order, and on the night of a TV appeal
    # nearly every request is a sign page or its form (2-3 % of a signature's CPU).
    path("petitions/", include("petitions.urls")),
    path("comment-ca-marche/", views.how_it_works, name="how-it-works"),
    path("vie-privee/", views.privacy, name="privacy"),
    path("mes-donnees/", views.personal_data, name="personal-data"),
    path("mes-donnees/envoye/", views.personal_data_sent, name="personal-data-sent"),
    path("mes-donnees/efface/", views.personal_data_erased, name="personal-data-erased"),
    path("mes-donnees/<str:token>/", views.personal_data_manage, name="personal-data-manage"),
    path("mes-donnees/<str:token>/telecharger/", views.personal_data_download, name="personal-data-download"),
    path("mes-donnees/<str:token>/effacer/", views.personal_data_erase, name="personal-data-erase"),
    path(
        "mes-donnees/<str:token>/nouvelles/",
        views.personal_data_unsubscribe,
        name="personal-data-unsubscribe",
    ),
    path("cas/", include("cases.urls")),
    # Earlier marathons under their year; the cases of one under it too.
    path("campagnes/", tally_views.campaigns, name="campaigns"),
    path("campagnes/<int:year>/", tally_views.campaign_year, name="campaign-year"),
    path("campagnes/<int:year>/cas/<slug:slug>/", cases_views.detail, name="campaign-case"),
    path("", include("marathon.tally.urls")),
    path("kit/", include("kits.urls")),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps}, name="sitemap"),
    # The pictures of shared links (marathon/share.py), under the key of what they show.
    path("partage/cas/<slug:slug>/<str:key>.jpg", views.share_case, name="share-case"),
    path("partage/campagne/<str:key>.jpg", views.share_campaign, name="share-campaign"),
    path("partage/resultats/<str:key>.jpg", views.share_results, name="share-results"),
    prefix_default_language=True,
)

urlpatterns = [
    # The bare address chooses a language (the one last read in, else the browser's).
    path("", views.choose_language, name="choose-language"),
    *public,
    path("healthz", views.healthz, name="healthz"),
    path("healthz/emails", views.healthz_emails, name="healthz-emails"),
    path("robots.txt", views.robots_txt, name="robots-txt"),
    path("manifest.webmanifest", views.manifest, name="manifest"),
    path("sitemap.xml", views.sitemap_index, name="sitemaps"),
    path(settings.ADMIN_URL, admin.site.urls),
]

if settings.BENCH_FLOOR:
    urlpatterns += [path("bench/floor/", views.bench_floor, name="bench-floor")]

if settings.DEBUG or settings.SERVE_MEDIA:
    # Media files for a laptop or a single-box install; a real deployment serves
    # them from the front web server or object storage.
    urlpatterns += [path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", views.media, name="media")]

# Last: a link sent or printed before the languages (a confirmation link lasts two years, a
# PDF carries its URLs) opens its French page.
urlpatterns += [re_path(rf"^(?!(?:{'|'.join(LANGUAGES)})/)(?P<path>.+)$", views.unprefixed)]
