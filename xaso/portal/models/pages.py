"""The page tree of the commune's e-information page (Trang thông tin điện tử xã).

    HomePage (one per commune, the root of its Wagtail site)
      └─ SectionPage (chuyên mục, e.g. "Nghị quyết 57")
           ├─ TopicPage (chuyên mục con: tin tức, văn bản chỉ đạo, vinh danh…)
           │    └─ ArticlePage (bài viết)
           └─ PlanPage (the programme plan, rendered from xaso.plans)

The tree is locked with parent_page_types / subpage_types. Every page type derives
from PortalPage, whose publish() runs xaso.portal.actions.PortalPublishAction: the one
place where a publication — from the editor, a workflow approval or the scheduler —
reaches xaso.portal.services (search index, the unit's activity).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.http import HttpRequest, HttpResponse
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from xaso.portal.blocks import ArticleBodyBlock
from xaso.portal.page_forms import ArticlePageForm, PortalPageForm

ERR_COVER_ALT = "Hãy mô tả ảnh đại diện (văn bản thay thế) cho người không xem được ảnh."
ERR_HOME_COMMUNE = "Trang chủ phải gắn với một xã."

PAGE_SIZE = 12


class PortalPage(Page):
    """What every page of the portal shares: canonical URL and the site chrome in its context."""

    base_form_class = PortalPageForm

    class Meta:
        abstract = True

    def publish(
        self,
        revision: Any,
        user: Any = None,
        changed: bool = True,
        log_action: bool = True,
        previous_revision: Any = None,
        skip_permission_checks: bool = False,
    ) -> Any:
        from xaso.portal.actions import PortalPublishAction

        return PortalPublishAction(
            revision, user=user, changed=changed, log_action=log_action, previous_revision=previous_revision
        ).execute(skip_permission_checks=skip_permission_checks)

    def search_text(self) -> tuple[str, str]:
        """(title, text) as the public search indexes them (xaso.portal.search)."""
        return self.title, str(getattr(self, "intro", ""))

    def canonical_url(self) -> str:
        from xaso.portal.selectors import page_canonical_url

        return page_canonical_url(page=self)

    def get_sitemap_urls(self, request: HttpRequest | None = None) -> list[dict[str, Any]]:
        # The public address (as in QR codes and shares), not the host the crawler happened to use.
        return [
            {"location": self.canonical_url(), "lastmod": self.last_published_at or self.latest_revision_created_at}
        ]

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from xaso.portal.selectors import portal_chrome

        context: dict[str, Any] = super().get_context(request, *args, **kwargs)
        context.update(portal_chrome(page=self))
        return context


class FeedRoutesMixin(RoutablePageMixin):
    """rss/ and atom/ under a section or sub-section: its latest articles (xaso.portal.feeds)."""

    @path("rss/", name="rss")
    def rss(self, request: HttpRequest) -> HttpResponse:
        from xaso.portal.feeds import rss_feed

        return rss_feed(request, page=self)

    @path("atom/", name="atom")
    def atom(self, request: HttpRequest) -> HttpResponse:
        from xaso.portal.feeds import atom_feed

        return atom_feed(request, page=self)


class HomePage(PortalPage):
    commune = models.OneToOneField(
        "units.OrgUnit",
        verbose_name="xã",
        on_delete=models.PROTECT,
        null=True,
        related_name="portal_home",
        limit_choices_to={"kind": "commune"},
        help_text="Xã có trang thông tin này: quyền biên tập, duyệt bài và hoạt động của đơn vị theo xã này.",
    )
    intro = models.TextField("lời giới thiệu", blank=True, help_text="Một hai câu giới thiệu trang thông tin của xã.")
    managing_body = models.CharField(
        "cơ quan chủ quản",
        max_length=255,
        blank=True,
        help_text="Ghi ở chân trang, ví dụ: Ủy ban nhân dân xã Hoàng Văn Thụ.",
    )
    responsible_person = models.CharField(
        "người chịu trách nhiệm nội dung",
        max_length=255,
        blank=True,
        help_text="Họ tên và chức vụ, ghi ở chân trang, ví dụ: Hoàng Văn Hùng, Phó Chủ tịch UBND xã.",
    )
    address = models.CharField("địa chỉ", max_length=255, blank=True, help_text="Địa chỉ trụ sở, ghi ở chân trang.")
    phone = models.CharField("điện thoại", max_length=64, blank=True, help_text="Số điện thoại liên hệ.")
    email = models.EmailField("thư điện tử", blank=True, help_text="Địa chỉ thư điện tử liên hệ.")
    # Where the commune's pictures and files go; set by xaso.portal.services.home_collection.
    collection = models.ForeignKey(
        "wagtailcore.Collection",
        verbose_name="thư mục ảnh, tài liệu",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("commune"),
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("managing_body"),
                FieldPanel("responsible_person"),
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
            ],
            heading="Thông tin chân trang",
        ),
    ]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["portal.SectionPage"]

    class Meta:
        verbose_name = "trang chủ"
        verbose_name_plural = "trang chủ"

    def clean(self) -> None:
        super().clean()
        if self.commune_id is None:
            raise ValidationError({"commune": ERR_HOME_COMMUNE})

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from xaso.portal.selectors import articles_live

        context = super().get_context(request, *args, **kwargs)
        context["sections"] = self.get_children().live().public().type(SectionPage).specific()
        context["latest"] = articles_live(root=self)[:6]
        return context


class SectionPage(FeedRoutesMixin, PortalPage):
    intro = models.TextField(
        "lời giới thiệu",
        help_text="Một đoạn ngắn nói chuyên mục này có gì, hiện ở đầu trang và trong bản tin RSS.",
    )
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["portal.TopicPage", "portal.PlanPage"]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = "chuyên mục"
        verbose_name_plural = "chuyên mục"

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from xaso.portal.selectors import articles_live

        context = super().get_context(request, *args, **kwargs)
        topics = list(self.get_children().live().public().type(TopicPage).specific())
        for topic in topics:
            topic.latest = articles_live(root=topic)[:3]
        context["topics"] = topics
        context["plan_page"] = self.get_children().live().public().type(PlanPage).first()
        context["latest"] = articles_live(root=self)[:4]
        return context


class TopicLayout(models.TextChoices):
    NEWS = "news", "Tin bài (ảnh và tóm tắt)"
    DOCUMENTS = "documents", "Văn bản (số, ngày, cơ quan ban hành)"
    HONOURS = "honours", "Vinh danh (thẻ ảnh)"


class TopicPage(FeedRoutesMixin, PortalPage):
    intro = models.TextField("lời giới thiệu", help_text="Một hai câu nói chuyên mục con này đăng gì, cho ai.")
    layout = models.CharField(
        "cách trình bày",
        max_length=16,
        choices=TopicLayout.choices,
        default=TopicLayout.NEWS,
        help_text="Tin bài: danh sách có ảnh. Văn bản: bảng số, ngày, cơ quan ban hành. Vinh danh: thẻ ảnh.",
    )
    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("layout")]
    parent_page_types = ["portal.SectionPage"]
    subpage_types = ["portal.ArticlePage"]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = "chuyên mục con"
        verbose_name_plural = "chuyên mục con"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(layout__in=[choice.value for choice in TopicLayout]),
                name="portal_topicpage_layout_valid",
            )
        ]

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from xaso.portal.models.audience import Audience
        from xaso.portal.selectors import articles_live

        context = super().get_context(request, *args, **kwargs)
        articles = articles_live(root=self)
        # Only the audiences this sub-section's articles are written for (a commune's own list and
        # the shared one may hold the same address).
        audiences = Audience.objects.filter(articles__in=articles_live(root=self)).distinct()
        audience = audiences.filter(slug=request.GET.get("doi-tuong", "")).first()
        if audience is not None:
            articles = articles.filter(audiences=audience)
        context["audience"] = audience
        context["audiences"] = audiences
        context["articles"] = Paginator(articles, PAGE_SIZE).get_page(request.GET.get("trang"))
        # Other apps add a block to a sub-section (the honours app its roll) through this hook:
        # each function returns None or {"template": ..., **its context}.
        extras = (fn(page=self) for fn in hooks.get_hooks("portal_topic_extras"))
        context["topic_extras"] = [extra for extra in extras if extra]
        return context


class ArticlePage(RoutablePageMixin, PortalPage):
    """A news article, guiding document, model or honour: one shared body for all.

    For other channels (issue 6: Facebook, Zalo, loudspeaker): `title`, `intro` (the
    lead, plain text), `cover` + `cover_alt`, `body` (ArticleBodyBlock; `plain_text()`
    gives the readable text), `canonical_url()` and `unit` are the stable interface.
    """

    intro = models.TextField(
        "tóm tắt (sa-pô)",
        max_length=400,
        help_text="Hai ba câu tóm ý chính; hiện đầu bài, trong danh sách, khi chia sẻ lên Facebook, Zalo và trong RSS.",
    )
    cover = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="ảnh đại diện",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Ảnh ở đầu bài và khi chia sẻ; nên là ảnh ngang (tỷ lệ 16:9 hoặc 1200×630).",
    )
    cover_alt = models.CharField(
        "mô tả ảnh đại diện",
        max_length=250,
        blank=True,
        help_text="Bắt buộc khi có ảnh đại diện: tả ngắn điều bức ảnh cho thấy, cho người khiếm thị.",
    )
    cover_caption = models.CharField(
        "chú thích ảnh đại diện", max_length=300, blank=True, help_text="Dòng chữ hiện dưới ảnh đại diện, nếu cần."
    )
    body = StreamField(
        ArticleBodyBlock(), verbose_name="nội dung", help_text="Nội dung bài: đoạn văn, ảnh, video, âm thanh, tài liệu."
    )
    unit = models.ForeignKey(
        "units.OrgUnit",
        verbose_name="đơn vị thực hiện",
        on_delete=models.PROTECT,
        related_name="portal_articles",
        help_text="Đơn vị có hoạt động được đưa tin. Khi bài được đăng, hệ thống ghi một hoạt động truyền thông cho đơn vị này.",
    )
    audiences = ParentalManyToManyField(
        "portal.Audience",
        verbose_name="đối tượng",
        blank=True,
        related_name="articles",
        help_text="Bài này viết cho ai; người đọc lọc bài theo đối tượng.",
    )
    author = models.CharField("tác giả", max_length=200, blank=True, help_text="Người viết hoặc nhóm biên tập.")
    source = models.CharField(
        "nguồn",
        max_length=255,
        blank=True,
        help_text="Nguồn tin khi đăng lại, ví dụ: Cổng Thông tin điện tử Chính phủ.",
    )
    document_number = models.CharField(
        "số, ký hiệu văn bản", max_length=64, blank=True, help_text="Chỉ với văn bản chỉ đạo, ví dụ: 57-NQ/TW."
    )
    document_date = models.DateField("ngày ban hành", null=True, blank=True, help_text="Chỉ với văn bản chỉ đạo.")
    document_issuer = models.CharField(
        "cơ quan ban hành", max_length=255, blank=True, help_text="Chỉ với văn bản chỉ đạo, ví dụ: Bộ Chính trị."
    )
    # Set by the demo loader only: the page then says it is made-up demo content.
    is_demo = models.BooleanField("bài minh họa", default=False, editable=False)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("cover"), FieldPanel("cover_alt"), FieldPanel("cover_caption")], heading="Ảnh đại diện"
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("unit"),
                FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
                FieldRowPanel([FieldPanel("author"), FieldPanel("source")]),
            ],
            heading="Đơn vị, đối tượng, tác giả",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("document_number"), FieldPanel("document_date")]),
                FieldPanel("document_issuer"),
            ],
            heading="Văn bản (nếu bài là văn bản chỉ đạo)",
            classname="collapsed",
        ),
        InlinePanel("related_links", heading="Bài liên quan", label="bài liên quan", max_num=6),
    ]
    base_form_class = ArticlePageForm
    parent_page_types = ["portal.TopicPage"]
    subpage_types: list[str] = []
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = "bài viết"
        verbose_name_plural = "bài viết"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(cover__isnull=True) | ~models.Q(cover_alt=""),
                name="portal_article_cover_has_alt",
            )
        ]

    def clean(self) -> None:
        super().clean()
        if self.cover_id and not self.cover_alt.strip():
            raise ValidationError({"cover_alt": ERR_COVER_ALT})

    def plain_text(self) -> str:
        from xaso.portal.text import body_plain_text

        return body_plain_text(self.body)

    def search_text(self) -> tuple[str, str]:
        parts = [self.intro, self.plain_text(), self.document_number, self.document_issuer, self.author, self.source]
        return self.title, "\n\n".join(part for part in parts if part)

    @path("ma-qr/", name="qr")
    def qr_svg(self, request: HttpRequest) -> HttpResponse:
        """The QR code of the article's public address, to print or paste into a notice."""
        from xaso.portal.qr import qr_svg

        response = HttpResponse(qr_svg(self.canonical_url()), content_type="image/svg+xml")
        response["Content-Disposition"] = f'inline; filename="{self.slug}-ma-qr.svg"'
        return response

    @path("thong-bao-in/", name="notice")
    def notice(self, request: HttpRequest) -> HttpResponse:
        """A one-page notice with the QR code, for the village's notice board."""
        from xaso.portal.qr import qr_svg

        return self.render(
            request,
            template="portal/article_notice.html",
            context_overrides={"qr": qr_svg(self.canonical_url())},
        )

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from xaso.portal.selectors import article_related

        context = super().get_context(request, *args, **kwargs)
        context["related"] = article_related(article=self)
        return context


class RelatedArticle(Orderable):
    article = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="related_links")
    target = models.ForeignKey(
        ArticlePage,
        verbose_name="bài",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="Bài đã đăng có liên quan; bài chưa đăng hoặc bị gỡ sẽ không hiện.",
    )
    panels = [PageChooserPanel("target", "portal.ArticlePage")]

    class Meta(Orderable.Meta):
        verbose_name = "bài liên quan"
        verbose_name_plural = "bài liên quan"
        constraints = [models.UniqueConstraint(fields=["article", "target"], name="portal_related_unique")]


class PlanPage(PortalPage):
    plan = models.ForeignKey(
        "plans.Plan",
        verbose_name="kế hoạch",
        on_delete=models.PROTECT,
        related_name="portal_pages",
        help_text="Kế hoạch được đăng toàn văn trong chuyên mục; nội dung lấy trực tiếp từ mục Kế hoạch, không chép lại.",
    )
    intro = models.TextField(
        "lời dẫn", blank=True, help_text="Một hai câu dẫn trước toàn văn kế hoạch (không bắt buộc)."
    )
    content_panels = [*Page.content_panels, FieldPanel("plan"), FieldPanel("intro")]
    parent_page_types = ["portal.SectionPage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = "toàn văn kế hoạch"
        verbose_name_plural = "toàn văn kế hoạch"

    def search_text(self) -> tuple[str, str]:
        return self.title, "\n\n".join(part for part in (self.intro, str(self.plan), self.plan.title) if part)

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from xaso.plans.selectors import plan_full

        context = super().get_context(request, *args, **kwargs)
        context["plan"] = plan_full(plan_id=self.plan_id)
        return context
