"""A showcased model or initiative goes to the portal as a draft article, for an editor to complete
and the leader to approve in the portal's workflow."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from xaso.backoffice.views import HereInBreadcrumbs
from xaso.outreach.models import Showcase
from xaso.outreach.selectors import showcases_readable, showcases_writable
from xaso.outreach.services import showcase_article_draft, typical_models_topic

ERR_NOT_FOUND = "Không tìm thấy mô hình, sáng kiến này trong phạm vi của bạn."
ERR_READ_ONLY = "Bạn chỉ được xem mô hình, sáng kiến này."
ERR_BULK_DELETE = "Hãy xóa từng mục một: mỗi mục xóa kèm hoạt động đã được tính cho đơn vị."
MSG_DRAFT = (
    "Đã tạo bản nháp “{title}” trong chuyên mục “{topic}”. Biên tập viên hoàn thiện (ảnh, câu chữ) "
    "rồi gửi lãnh đạo duyệt đăng."
)
MSG_EXISTS = "Mô hình này đã có bài “{title}” trên trang thông tin."
LIST = "wagtailsnippets_outreach_showcase:list"


class ShowcaseArticleView(HereInBreadcrumbs, WagtailAdminTemplateMixin, TemplateView):
    template_name = "outreach/admin/showcase_article.html"
    page_title = "Đưa mô hình, sáng kiến lên trang thông tin"
    header_icon = "doc-full"

    def _showcase(self, request: HttpRequest, pk: int) -> Showcase:
        showcase = showcases_readable(user=request.user).select_related("article", "unit").filter(pk=pk).first()
        if showcase is None:
            raise Http404(ERR_NOT_FOUND)
        if not showcases_writable(user=request.user).filter(pk=pk).exists():
            raise PermissionDenied(ERR_READ_ONLY)
        return showcase

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.showcase = self._showcase(request, kwargs["pk"])
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["showcase"] = self.showcase
        context["topic"] = typical_models_topic(commune_id=self.showcase.commune_id)
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        showcase = self._showcase(request, kwargs["pk"])
        had_article = showcase.article is not None
        try:
            article = showcase_article_draft(showcase=showcase, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(reverse(LIST))
        if had_article:
            messages.info(request, MSG_EXISTS.format(title=article.title))
        else:
            messages.success(request, MSG_DRAFT.format(title=article.title, topic=article.get_parent().title))
        if article.permissions_for_user(request.user).can_edit():
            return redirect(reverse("wagtailadmin_pages:edit", args=[article.pk]))
        return redirect(reverse(LIST))
