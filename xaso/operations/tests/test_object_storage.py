"""Files on S3-compatible object storage (a province's app servers share them), against moto's
S3 server on localhost: protected files still pass the Django check, then nginx fetches them from a
signed address the reader never sees; public media stream from the store."""

import socket
from urllib.parse import urlsplit

import pytest
import requests
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.test import Client

from xaso.activities.models import Evidence
from xaso.testing.factories import activity
from xaso.testing.second_factor import login_verified
from xaso.units.models import OrgUnit

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n% Danh sach ky nhan\n%%EOF\n"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def s3_endpoint():
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def object_storage(s3_endpoint, settings):
    import boto3

    bucket = f"xaso-test-{free_port()}"
    boto3.client(
        "s3", endpoint_url=s3_endpoint, aws_access_key_id="k", aws_secret_access_key="s", region_name="us-east-1"
    ).create_bucket(Bucket=bucket)
    options = {
        **settings.S3_OPTIONS,
        "bucket_name": bucket,
        "endpoint_url": s3_endpoint,
        "access_key": "k",
        "secret_key": "s",
    }
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "xaso.operations.storage.MediaS3Storage", "OPTIONS": {**options, "location": "media"}},
        "protected": {
            "BACKEND": "xaso.operations.storage.ProtectedS3Storage",
            "OPTIONS": {**options, "location": "protected"},
        },
    }
    settings.S3_BUCKET = bucket
    return bucket


@pytest.fixture
def sheet(demo, object_storage):
    done = activity(OrgUnit.objects.get(code="ls-hvt-thcs"), title="Tọa đàm chuyển đổi số")
    name = storages["protected"].save("minh-chung/2026/12/ky-nhan-ngau-nhien.pdf", ContentFile(PDF))
    evidence = Evidence(activity=done, caption="Danh sách ký nhận")
    evidence.file.name = name
    evidence.save()
    return evidence


def test_behind_nginx_the_reader_is_checked_then_nginx_fetches_a_signed_address(sheet, demo, settings):
    settings.PROTECTED_SERVE = "accel"
    client = Client()
    client.force_login(demo.mai)
    response = client.get(f"/tep/{sheet.file.name}")
    assert response.status_code == 200
    assert response.content == b""  # the bytes come from nginx
    address = response["X-Accel-Redirect"]
    assert address.startswith(f"/_protected_s3/{settings.S3_BUCKET}/protected/{sheet.file.name}?")
    assert "X-Amz-Signature=" in address
    assert "X-Amz-Expires=60" in address
    # What nginx's internal location does (deploy/nginx/protected-files-s3.conf.template).
    endpoint = settings.STORAGES["protected"]["OPTIONS"]["endpoint_url"]
    fetched = requests.get(endpoint + "/" + address.removeprefix("/_protected_s3/"), timeout=10)
    assert fetched.status_code == 200
    assert fetched.content == PDF
    assert response["Cache-Control"] == "private, no-store"


def test_readers_of_another_unit_get_nothing(sheet, demo, settings):
    settings.PROTECTED_SERVE = "accel"
    client = Client()
    client.force_login(demo.ha)
    response = client.get(f"/tep/{sheet.file.name}")
    assert response.status_code == 404
    assert "X-Accel-Redirect" not in response


def test_without_nginx_django_streams_the_file_from_the_store(sheet, demo, settings):
    settings.PROTECTED_SERVE = "django"
    client = Client()
    # The programme owner is one of the roles that log in with a second factor.
    login_verified(client, demo.lan)
    response = client.get(f"/tep/{sheet.file.name}")
    content = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    assert content == PDF


def test_public_media_stream_from_the_store_and_documents_never(object_storage, settings):
    storage = storages["default"]
    name = storage.save("images/anh-hop-thon.jpg", ContentFile(b"\xff\xd8\xff anh"))
    assert storage.url(name) == f"/media/{name}"
    response = Client().get(f"/media/{name}")
    assert response.status_code == 200
    content = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    assert content == b"\xff\xd8\xff anh"
    assert response["Content-Type"] == "image/jpeg"
    assert "max-age=86400" in response["Cache-Control"]
    document = storage.save("documents/bao-cao.pdf", ContentFile(PDF))
    assert Client().get(f"/media/{document}").status_code == 404
    assert Client().get("/media/images/khong-co.jpg").status_code == 404
    assert urlsplit(storage.url(name)).netloc == ""
