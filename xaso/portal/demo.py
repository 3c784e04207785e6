"""The portal's seed structure and demo content, loaded by `manage.py load_demo`.

load_home and load_section build the real structure (home page of the commune, the
Resolution 57 section with its sub-sections, the plan page, audiences) from
seed/section.yaml; load_demo_articles adds the made-up articles of
seed/demo-articles.yaml with pictures, a spoken bulletin and a document the project
generates itself. Every step creates only what is missing.
"""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import yaml
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, Site

from xaso.plans.models import Plan
from xaso.portal import imaging
from xaso.portal.access import portal_setup
from xaso.portal.models import ArticlePage, Audience, HomePage, PlanPage, SectionPage, TopicPage
from xaso.portal.search import search_index_rebuild
from xaso.portal.services import article_draft_create, home_collection, page_add_draft, page_publish
from xaso.units.models import OrgUnit

SEED = Path(__file__).resolve().parent / "seed"
COMMUNE_CODE = "ls-hvt"
Log = Callable[[str], None]


def _seed(name: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((SEED / name).read_text(encoding="utf-8"))
    return data


def _publisher() -> Any:
    return get_user_model().objects.filter(is_superuser=True).order_by("pk").first()


@transaction.atomic
def load_home(log: Log) -> HomePage:
    data = _seed("section.yaml")["home"]
    commune = OrgUnit.objects.get(code=COMMUNE_CODE)
    existing = HomePage.objects.filter(commune=commune).first() or HomePage.objects.filter(commune=None).first()
    if existing:
        if existing.commune_id is None:
            existing.commune = commune
            existing.save_revision(user=_publisher()).publish(user=_publisher())
            log("Trang chủ: đã gắn với xã.")
        else:
            log("Trang chủ: đã có.")
        portal_setup(home=existing)
        return existing
    root = Page.get_first_root_node()
    home = HomePage(
        title=data["title"], slug="trang-chu", intro=data["intro"], commune=commune, managing_body=data["managing_body"]
    )
    root.add_child(instance=home)
    home.save_revision(user=_publisher()).publish(user=_publisher())
    site = Site.objects.filter(is_default_site=True).first()
    placeholder = site.root_page if site else None
    if site:
        site.root_page = home
        site.site_name = commune.name
        site.save()
    else:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name=commune.name)
    if placeholder is not None and placeholder.specific_class is Page and placeholder.depth == 2:
        placeholder.delete()
    portal_setup(home=home)
    log("Trang chủ: đã tạo.")
    return home


def _child(parent: Page, model: type[Page], slug: str) -> Page | None:
    page: Page | None = parent.get_children().type(model).filter(slug=slug).specific().first()
    return page


def _add_published(parent: Page, page: Page) -> Page:
    user = _publisher()
    page_add_draft(parent=parent, page=page, user=user)
    page_publish(page=page, user=user)
    return page


@transaction.atomic
def load_section(log: Log) -> SectionPage:
    data = _seed("section.yaml")
    home = HomePage.objects.get(commune__code=COMMUNE_CODE)
    for order, row in enumerate(data["audiences"]):
        Audience.objects.get_or_create(
            slug=row["slug"], defaults={"name": row["name"], "description": row["description"], "sort_order": order}
        )
    spec = data["section"]
    section = _child(home, SectionPage, spec["slug"])
    created = 0
    if section is None:
        section = _add_published(home, SectionPage(**spec))
        created += 1
    for row in data["topics"]:
        if _child(section, TopicPage, row["slug"]) is None:
            _add_published(section, TopicPage(**row))
            created += 1
    plan = Plan.objects.filter(commune=home.commune, is_active=True).order_by("-issued_on").first()
    if plan is not None and not section.get_children().type(PlanPage).exists():
        _add_published(section, PlanPage(plan=plan, **data["plan_page"]))
        created += 1
    log(f"Chuyên mục Nghị quyết 57: thêm {created} trang.")
    assert isinstance(section, SectionPage)
    return section


def _image(key: str, spec: dict[str, Any], collection: Collection) -> Any:
    image_model = get_image_model()
    existing = image_model.objects.filter(title=spec["title"]).first()
    if existing:
        return existing
    if spec["kind"] == "infographic":
        data = imaging.bars_infographic_png(
            title=spec["text"], bars=[(label, value) for label, value in spec["bars"]], note=spec["note"]
        )
    else:
        colour = imaging.NAVY if spec.get("colour") == "navy" else imaging.RED
        data = imaging.banner_png(title=spec["text"], subtitle=spec["subtitle"], background=colour)
    image = image_model(title=spec["title"], collection=collection)
    image.file = ImageFile(io.BytesIO(data), name=f"{key}.png")
    image.save()
    return image


def _speech_ogg(text: str) -> bytes:
    """Vietnamese speech from espeak-ng (Debian), encoded to Ogg Vorbis by oggenc: a small podcast file."""
    with tempfile.TemporaryDirectory() as folder:
        wav, ogg = Path(folder) / "ban-tin.wav", Path(folder) / "ban-tin.ogg"
        subprocess.run(["espeak-ng", "-v", "vi", "-s", "150", "-w", str(wav), text], check=True, capture_output=True)  # noqa: S603, S607
        subprocess.run(["oggenc", "-Q", "-q", "1", "-o", str(ogg), str(wav)], check=True, capture_output=True)  # noqa: S603, S607
        return ogg.read_bytes()


def _docx(paragraphs: list[str]) -> bytes:
    document = docx.Document()
    document.add_heading(paragraphs[0], level=1)
    for text in paragraphs[1:]:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _document(key: str, spec: dict[str, Any], collection: Collection) -> Any:
    document_model = get_document_model()
    existing = document_model.objects.filter(title=spec["title"]).first()
    if existing:
        return existing
    if spec["kind"] == "speech":
        content, name = _speech_ogg(spec["text"]), f"{key}.ogg"
    else:
        content, name = _docx(spec["text"]), f"{key}.docx"
    document = document_model(title=spec["title"], collection=collection)
    document.file = ContentFile(content, name=name)
    document.file_size = len(content)
    document.save()
    return document


def _body(blocks: list[dict[str, Any]], images: dict[str, Any], documents: dict[str, Any]) -> list[dict[str, Any]]:
    body = []
    for block in blocks:
        ((kind, value),) = block.items()
        if kind in ("photo", "infographic"):
            value = {**value, "image": images[value["image"]].pk}
        elif kind == "audio":
            value = {**value, "file": documents[value["file"]].pk}
        elif kind == "downloads":
            value = {
                **value,
                "items": [{**item, "document": documents[item["document"]].pk} for item in value["items"]],
            }
        body.append({"type": kind, "value": value})
    return body


@transaction.atomic
def load_demo_articles(log: Log) -> None:
    data = _seed("demo-articles.yaml")
    home = HomePage.objects.get(commune__code=COMMUNE_CODE)
    section = _child(home, SectionPage, _seed("section.yaml")["section"]["slug"])
    if section is None:
        log("Bài minh họa: chưa có chuyên mục, bỏ qua.")
        return
    collection = home_collection(home=home)
    images = {key: _image(key, spec, collection) for key, spec in data["images"].items()}
    documents = {key: _document(key, spec, collection) for key, spec in data["documents"].items()}
    publisher = _publisher()
    created = 0
    for row in data["articles"]:
        topic = _child(section, TopicPage, row["topic"])
        if topic is None or ArticlePage.objects.filter(slug=row["slug"]).exists():
            continue
        cover = row.get("cover") or {}
        article = article_draft_create(
            topic=topic,
            title=row["title"],
            slug=row["slug"],
            intro=row["intro"],
            body=_body(row["body"], images, documents),
            unit=OrgUnit.objects.get(code=row["unit"]),
            user=publisher,
            audiences=Audience.objects.filter(slug__in=row["audiences"]),
            cover=images[cover["image"]] if cover else None,
            cover_alt=cover.get("alt", ""),
            is_demo=True,
            author=row.get("author", ""),
            document_number=row.get("document_number", ""),
            document_date=row.get("document_date"),
            document_issuer=row.get("document_issuer", ""),
        )
        page_publish(page=article, user=publisher)
        # Spread the demo over the past weeks, as a real section would have grown.
        when = timezone.now() - dt.timedelta(days=row["days_ago"])
        ArticlePage.objects.filter(pk=article.pk).update(first_published_at=when, last_published_at=when)
        created += 1
    # Pages published before the search index existed are indexed here too.
    search_index_rebuild()
    log(f"Bài minh họa: thêm {created}.")
