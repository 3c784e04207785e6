"""Which addresses Zalo and Facebook can fetch a picture from, and the local base rewritten to the public one."""

import pytest

from xaso.channels.public import is_public_url, public_url


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/static/channels/cover.png",
        "http://localhost:8000/anh.jpg",
        "http://[::1]:8000/anh.jpg",
        "http://10.0.0.5/anh.jpg",
        "http://172.16.3.4/anh.jpg",
        "http://192.168.1.20:8000/anh.jpg",
        "http://169.254.10.1/anh.jpg",
        "http://100.64.0.9/anh.jpg",  # shared address space of carrier-grade NAT
        "http://[fd00::1]/anh.jpg",
        "http://xaso.local/anh.jpg",
        "http://may-chu-xa/anh.jpg",
        "http://portal.internal/anh.jpg",
        "ftp://hoangvanthu.langson.gov.vn/anh.jpg",
        "",
    ],
)
def test_local_and_private_addresses_are_not_public(url):
    assert not is_public_url(url)


@pytest.mark.parametrize(
    "url", ["https://hoangvanthu.langson.gov.vn/media/anh.jpg", "http://203.113.131.1/anh.jpg", "https://xaso.vn/a.png"]
)
def test_internet_addresses_are_public(url):
    assert is_public_url(url)


def test_the_local_base_is_replaced_by_the_public_one(settings):
    settings.BASE_URL = "http://127.0.0.1:8000"
    settings.CHANNEL_PUBLIC_URL = "https://hoangvanthu.langson.gov.vn"
    assert public_url("http://127.0.0.1:8000/media/anh.jpg") == "https://hoangvanthu.langson.gov.vn/media/anh.jpg"
    assert public_url("http://127.0.0.1:80001/x") == "http://127.0.0.1:80001/x"  # another address: left alone
    assert public_url("https://cdn.example.vn/anh.jpg") == "https://cdn.example.vn/anh.jpg"
    assert public_url("") == ""
