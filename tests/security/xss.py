"""A corpus of XSS payloads and a checker that finds anything executable in HTML."""

from __future__ import annotations

from html.parser import HTMLParser

from tests.factories import make_case

PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '<img src=x onerror="alert(1)">',
    "<img src=javascript:alert(1)>",
    "<svg/onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<body onload=alert(1)>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<a href="javascript:alert(1)">clic</a>',
    '<a href="JaVaScRiPt:alert(1)">clic</a>',
    '<a href="&#106;avascript:alert(1)">clic</a>',
    "[clic](javascript:alert(1))",
    "[clic](  javascript:alert(1) )",
    "![x](http://evil.example/pixel.gif)",
    '![x](x" onerror="alert(1))',
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<style>body{background:url(http://evil.example/x)}</style>",
    '<object data="javascript:alert(1)"></object>',
    '<embed src="http://evil.example/x.swf">',
    '<form action="http://evil.example"><button>Go</button></form>',
    '<input autofocus onfocus="alert(1)">',
    '<details open ontoggle="alert(1)">',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    "</title><script>alert(1)</script>",
    '<meta http-equiv="refresh" content="0;url=http://evil.example">',
    '<base href="http://evil.example/">',
    '<link rel="stylesheet" href="http://evil.example/x.css">',
    "{{ 7|add:7 }}{% debug %}",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
]

EVENT_PREFIX = "on"
DANGEROUS_TAGS = {"iframe", "object", "embed", "base", "frame", "frameset", "applet"}


class _Finder(HTMLParser):
    def __init__(self, allowed_script_prefix: str):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.allowed_script_prefix = allowed_script_prefix

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script" and not (attributes.get("src") or "").startswith(self.allowed_script_prefix):
            self.problems.append(f"script: {attrs}")
        if tag in DANGEROUS_TAGS:
            self.problems.append(f"{tag}: {attrs}")
        if tag == "meta" and (attributes.get("http-equiv") or "").lower() == "refresh":
            content = attributes.get("content") or ""
            if "url=" in content.lower() and "evil" in content:
                self.problems.append(f"meta refresh: {content}")
        for name, value in attrs:
            value = (value or "").strip().lower()
            if name.startswith(EVENT_PREFIX):
                self.problems.append(f"{tag} {name}={value}")
            scheme = value.replace("\t", "").replace("\n", "").split(":", 1)[0] if ":" in value else ""
            if tag == "a" and name == "href":
                # Links may point anywhere on the web, but never run code.
                if scheme in {"javascript", "vbscript", "data"}:
                    self.problems.append(f"a href={value}")
            elif name in {"href", "src", "action", "data", "formaction", "srcdoc", "style", "poster"} and (
                "javascript:" in value or value.startswith("data:text/html") or "evil.example" in value
            ):
                # Anything the browser would load or submit must stay on the site.
                self.problems.append(f"{tag} {name}={value}")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)


def case_full_of(payload: str, *, campaign):
    """A published case whose every staff-edited text, and its authority's, holds `payload`."""
    case = make_case(
        campaign=campaign,
        person_name=payload[:200],
        country_label=payload[:120],
        headline=payload[:200],
        summary=payload,
        story=payload,
        ask=payload,
        photo_alt=payload[:250],
        photo_credit=payload[:200],
        model_letter=payload,
        postcard_message=payload[:300],
        postcard_address=payload,
    )
    authority = case.authority
    authority.name = authority.title = authority.salutation = payload[:200]
    authority.postal_address = payload
    authority.save()
    return case


def executable_parts(html: str, *, static_url: str = "/static/") -> list[str]:
    finder = _Finder(static_url)
    finder.feed(html)
    return finder.problems
