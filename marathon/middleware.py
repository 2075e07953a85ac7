from __future__ import annotations

import codecs
import contextvars
import logging
import re
import uuid
from collections.abc import Callable

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject
from csp.middleware import CSPMiddleware as BaseCSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, QueryDict
from django.template import loader
from django.utils import translation
from django.utils.datastructures import MultiValueDict
from django.utils.http import parse_header_parameters

from marathon.lib.languages import language_of_path

logger = logging.getLogger(__name__)

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")

# A request id from the load balancer is kept only if it looks like one.
_VALID_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")

# Nothing on the site needs these browser features.
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)


class RequestIdMiddleware:
    """Tag every log line of a request, and its response, with one id."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        request.id = incoming if _VALID_ID.match(incoming) else uuid.uuid4().hex
        token = request_id_var.set(request.id)
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response["X-Request-ID"] = request.id
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class FormBodyMiddleware:
    """Form posts the site can read, and nothing else, before anything reads them.

    A charset other than UTF-8 (or one Python does not know) made request.POST raise deep
    in the CSRF check, and an unknown one became a bare 500; the site's 400 page answers
    instead. The public forms take no files, so a multipart body past a few kilobytes
    outside the admin (where staff upload portraits) is refused before it is spooled.
    """

    FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "POST":
            media_type, params = parse_header_parameters(request.META.get("CONTENT_TYPE", ""))
            if media_type in self.FORM_TYPES:
                charset = params.get("charset", "utf-8")
                try:
                    readable = codecs.lookup(charset).name == "utf-8"
                except (LookupError, ValueError):  # unknown, or not even a name (a NUL in it)
                    readable = False
                if not readable:
                    return _refused(request, f"form posted in {charset!r}, not UTF-8")
                if media_type == "multipart/form-data" and not request.path.startswith(_admin_prefix()):
                    try:
                        length = int(request.META.get("CONTENT_LENGTH") or 0)
                    except ValueError:
                        length = 0
                    if length > settings.PUBLIC_FORM_MAX_BYTES:
                        return _refused(request, f"a public form takes no files ({length} bytes)")
        return self.get_response(request)


def _refused(request: HttpRequest, reason: str) -> HttpResponse:
    # A client's mistake, not the site's: one line in the log, no traceback.
    logger.warning("bad request refused: %s: %s", reason, request.path)
    # The body is never to be read: what reads request.POST later (the CSRF check of
    # Django's bad_request view, the debug page) would raise again and make this a 500.
    request._post, request._files = QueryDict(), MultiValueDict()
    return HttpResponseBadRequest(loader.render_to_string("400.html", request=request))


def _admin_prefix() -> str:
    return "/" + settings.ADMIN_URL.lstrip("/")


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        return True


# What a view's decorators (csp_update, csp_replace, csp, csp_exempt) put on a response.
_PER_VIEW_POLICY = tuple(
    f"_csp_{name}{suffix}" for name in ("config", "update", "replace", "exempt") for suffix in ("", "_ro")
)


class CSPMiddleware(BaseCSPMiddleware):
    """django-csp's middleware, with the site-wide policy built once instead of per response.

    django-csp 4 builds both headers from the settings for every response: 5 % of the web's
    CPU for a signature (GET + POST) in an A/B of bench/sign.py's requests. Here the site-wide
    policy only changes with the settings, so its header is kept. Anything else (a view's
    decorator, a nonce, excluded prefixes, DEBUG's error pages) goes through django-csp.
    """

    def __init__(self, get_response) -> None:
        super().__init__(get_response)
        # (policy settings, report-only settings, headers built from them). The settings are
        # held, not their id() (a new dict could reuse it), and compared by identity:
        # override_settings makes new dicts. One tuple, so threads never see half of it.
        self._built: tuple[object, object, list[tuple[str, str]]] | None = None

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        policy = getattr(settings, "CONTENT_SECURITY_POLICY", None)
        report_only = getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
        if (
            (settings.DEBUG and response.status_code in (404, 500))
            or (policy or {}).get("EXCLUDE_URL_PREFIXES")
            or (report_only or {}).get("EXCLUDE_URL_PREFIXES")
            or getattr(request, "_csp_nonce", None) is not None
            or any(getattr(response, name, None) is not None for name in _PER_VIEW_POLICY)
        ):
            return super().process_response(request, response)
        built = self._built
        if built is None or built[0] is not policy or built[1] is not report_only:
            headers = [(HEADER, build_policy()), (HEADER_REPORT_ONLY, build_policy(report_only=True))]
            built = self._built = (policy, report_only, [(name, value) for name, value in headers if value])
        for header, value in built[2]:
            if header not in response:
                response[header] = value
        # As django-csp: a nonce asked for after the header is written is an error.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response


class LanguageMiddleware:
    """Speak the language of the path's prefix; anything unprefixed speaks French.

    Django's LocaleMiddleware does more per request (it asks the URLconf whether the
    prefix is an i18n pattern and falls back to cookies and Accept-Language): that cost 4 %
    of a signature's CPU. Here every public page carries its language in its path, so the
    first segment says it all; only the bare / chooses from the browser (views.choose_language).

    The language a visitor reads in is remembered in Django's language cookie, the one
    `get_language_from_request` reads for that bare /: set only when it changes, so a page
    from the cache goes out as it is.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = language_of_path(request.path_info)
        language = chosen or settings.LANGUAGE_CODE
        request.LANGUAGE_CODE = language
        # For this request only: the thread's language is put back afterwards, so nothing
        # run next in it (a test's rows, an in-process task) writes in a visitor's language.
        with translation.override(language):
            response = self.get_response(request)
        if (
            chosen
            and request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != language
            and response.status_code < 400
        ):
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH,
                domain=settings.LANGUAGE_COOKIE_DOMAIN,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        response.headers.setdefault("Content-Language", language)
        return response
