import os

import django
from django.core.handlers.wsgi import WSGIHandler, WSGIRequest

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marathon.settings")


class SiteRequest(WSGIRequest):
    def _set_content_type_params(self, meta: dict) -> None:
        # Django catches a charset Python does not know (LookupError) but not one it cannot
        # even look up (a NUL in it: ValueError), which escaped before any middleware as a
        # bare 500 from the server. Read as no charset here; FormBodyMiddleware then answers
        # the post with the site's 400 page.
        try:
            super()._set_content_type_params(meta)
        except ValueError:
            super()._set_content_type_params({**meta, "CONTENT_TYPE": meta["CONTENT_TYPE"].split(";")[0]})


class SiteHandler(WSGIHandler):
    request_class = SiteRequest


# What django.core.wsgi.get_wsgi_application does, with the site's request class.
django.setup(set_prefix=False)
application = SiteHandler()
