"""Input strategies: mostly plausible values, mixed with hostile and random ones."""

from __future__ import annotations

from urllib.parse import urlencode

from hypothesis import strategies as st

HOSTILE = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\u202eevil",
    "\u200b",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    '=HYPERLINK("http://x")',
    "+33 1 23",
    "@SUM(1)",
    "' OR 1=1 --",
    "%s%s%n",
    "{{ 7*7 }}",
    "../../etc/passwd",
    "😀",
    "👩‍👩‍👧",
    "\r\n",
    "Bcc: x@example.org",
    "a" * 101,
    "a" * 5000,
    "1e999",
    "-1",
    "0",
    "NaN",
    "9" * 40,
    "１０５０",
    "١٠٥٠",
    "0x10",
    "1050\n",
    "B-1050",
    "None",
    "null",
    "true",
    "[]",
]

# What an attacker might add to a form to set what the form does not offer.
EXTRA_FIELDS = [
    "id",
    "pk",
    "is_staff",
    "is_superuser",
    "confirmed",
    "confirmed_at",
    "status",
    "invalidated_at",
    "invalidation_reason",
    "erased_at",
    "reference",
    "province",
    "signer",
    "signer_id",
    "petition",
    "campaign",
    "campaign_id",
    "consented_at",
    "confirmation_sent_at",
    "created_at",
    "key",
    "email_canonical",
    "recorded_by",
    "report_requested_at",
    "is_public_override",
]
EXTRA_VALUES = ["1", "true", "on", "0", "2020-01-01T00:00:00Z", "shipped", "cancelled", "999999", "-1"]

random_text = st.text(max_size=120)
hostile = st.sampled_from(HOSTILE)


def digits(low: int, high: int) -> st.SearchStrategy[str]:
    return st.integers(low, high).map(str)


# Plausible values for each kind of field, borderline ones included; `form` then
# replaces some fields with hostile or random text.
names = st.sampled_from(
    ["Anne", "Jean-Luc", "N'Diaye", "O’Brien", "Zoë", "Δημήτρης", "李", "Ngũgĩ", "de la Tour", "A", "Ö" * 100]
)
emails = st.one_of(
    st.sampled_from(["anne@example.org", "Anne+marathon@Example.be", "jean.dupont@skynet.be", "x@gmail.con"]),
    st.emails(),
    # Short as typed, long in ASCII (IDNA): many one-letter accented labels.
    st.integers(1, 120).map(lambda n: "a@" + "ü." * n + "be"),
)
postcodes = st.one_of(
    digits(1000, 9999), st.sampled_from(["0999", "75001", "SW1A 1AA", "1050 ", " 10 50", "B-1050"])
)
countries = st.sampled_from(["BE", "BE", "FR", "NL", "LU", "DE", "XX", "be", "ZZ", "EU"])
checkbox = st.sampled_from(["on", "", "off", "1", "0", "true", "false"])
whole_numbers = st.one_of(digits(-5, 12000), st.sampled_from(["", "1 200", "25.0", "+3", "٣", "1e3"]))
dates = st.one_of(
    st.dates().map(lambda d: d.isoformat()),
    st.dates().map(lambda d: d.strftime("%d/%m/%Y")),
    st.sampled_from(["2021-02-30", "31/12/9999", "0000-00-00", "1/1/1", ""]),
)
short_text = st.one_of(
    st.sampled_from(["", "Rue de l'Été 12", "Athénée royal", "bte 3", "Namur", "n° 4"]), st.text(max_size=40)
)
extras = st.dictionaries(
    st.sampled_from(EXTRA_FIELDS), st.one_of(st.sampled_from(EXTRA_VALUES), hostile), max_size=4
)


# What a phone or a paste adds to a plausible value: a trailing newline or invisible space,
# or the same digits in another script (Arabic-Indic, full-width, Devanagari).
TRAILERS = ["\n", "\r\n", "\t", " ", "\u00a0", "\u200b", "\ufeff"]
DIGIT_ZEROS = [0x0660, 0xFF10, 0x0966]
# The charset a form is said to be posted in (None: as a browser does, unsaid).
CHARSETS = [
    None,
    None,
    None,
    None,
    None,
    "utf-8",
    "UTF-8",
    "latin-1",
    "iso-8859-15",
    "utf-16",
    "ascii",
    "x-unknown",
]
CHARSET_KEY = "__charset__"


def _in_other_digits(value: str, zero: int) -> str:
    return "".join(chr(zero + int(c)) if c in "0123456789" else c for c in value)


@st.composite
def form(draw, fields: dict[str, st.SearchStrategy]) -> dict:
    """A submission: plausible values, up to two with a typing accident, up to three
    replaced by hostile or random text, maybe one left out, plus extra fields the form
    does not have; sometimes said to be posted in another charset (see post_form)."""
    data = {name: draw(strategy) for name, strategy in fields.items()}
    for name in draw(st.sets(st.sampled_from(sorted(fields)), max_size=2)):
        if isinstance(data[name], str):
            accident = draw(st.one_of(st.sampled_from(TRAILERS), st.sampled_from(DIGIT_ZEROS)))
            data[name] = (
                _in_other_digits(data[name], accident) if isinstance(accident, int) else data[name] + accident
            )
    for name in draw(st.sets(st.sampled_from(sorted(fields)), max_size=3)):
        data[name] = draw(st.one_of(hostile, random_text))
    charset = draw(st.sampled_from(CHARSETS))
    if charset:
        data[CHARSET_KEY] = charset
    left_out = draw(st.one_of(st.none(), st.none(), st.sampled_from(sorted(fields))))
    data.pop(left_out, None)
    return {**draw(extras), **data}


def refused_charset(data: dict) -> bool:
    """Whether the submission says a charset the site refuses before any view reads it."""
    return data.get(CHARSET_KEY, "utf-8").lower() != "utf-8"


def post_form(client, path: str, data: dict):
    """Post a generated submission, in the charset it says, if it says one."""
    fields = {name: value for name, value in data.items() if name != CHARSET_KEY}
    charset = data.get(CHARSET_KEY)
    if charset is None:
        return client.post(path, fields)
    # The bytes a browser sends, whatever the header claims (the test client would encode).
    body = urlencode(fields, doseq=True).encode("utf-8", "surrogatepass")
    return client.generic(
        "POST", path, body, content_type=f"application/x-www-form-urlencoded; charset={charset}"
    )
