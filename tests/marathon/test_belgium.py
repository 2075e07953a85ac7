import pytest

from marathon.lib.belgium import province_for_postcode


@pytest.mark.parametrize(
    ("postcode", "province"),
    [
        ("1000", "BRU"),
        ("1050", "BRU"),
        ("1348", "WBR"),
        ("1500", "VBR"),
        ("2000", "VAN"),
        ("3000", "VBR"),
        ("3500", "VLI"),
        ("4000", "WLG"),
        ("5000", "WNA"),
        ("6000", "WHT"),
        ("6700", "WLX"),
        ("7000", "WHT"),
        ("8000", "VWV"),
        ("9000", "VOV"),
    ],
)
def test_postcodes_map_to_their_province(postcode, province):
    assert province_for_postcode(postcode) == province


@pytest.mark.parametrize("postcode", ["", "999", "0999", "75001", "abcd", None, " 10 00"])
def test_non_belgian_postcodes_have_no_province(postcode):
    assert province_for_postcode(postcode) == ""
