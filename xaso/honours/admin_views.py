"""The proposal's page in the back office: its content, evidence, history and the actions open to this person."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from xaso.honours import services
from xaso.honours.forms import DecideForm, ReasonForm, ReviewForm
from xaso.honours.models import Proposal, ProposalStatus
from xaso.honours.selectors import proposals_readable
from xaso.units.selectors import scope_for

MSG_DONE = {
    "submit": "Đã gửi đề nghị đến Phòng Văn hóa - Xã hội.",
    "review": "Đã nhận thẩm định đề nghị; chờ lãnh đạo UBND xã quyết định.",
    "decide": "Đã ghi quyết định khen thưởng; đề nghị được đưa lên trang vinh danh nếu đã đồng ý công bố.",
    "reject": "Đã ghi không khen thưởng và lý do.",
}


def _actions(request: HttpRequest, proposal: Proposal) -> set[str]:
    scope = scope_for(user=request.user)
    owner = scope.is_superuser or proposal.commune_id in scope.owned_commune_ids
    leader = scope.is_superuser or proposal.commune_id in scope.led_commune_ids
    status = proposal.status
    actions = set()
    if status == ProposalStatus.DRAFT and scope.can_write_unit(proposal.unit):
        actions.add("submit")
    if status == ProposalStatus.SUBMITTED and owner:
        actions |= {"review", "reject"}
    if status == ProposalStatus.UNDER_REVIEW and (owner or leader):
        actions.add("reject")
    if status == ProposalStatus.UNDER_REVIEW and leader:
        actions.add("decide")
    return actions


def proposal_process(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.has_perm("honours.view_proposal"):
        raise PermissionDenied
    proposal = get_object_or_404(proposals_readable(user=request.user).select_related("unit"), pk=pk)
    forms: dict[str, Any] = {"decide": DecideForm(), "reject": ReasonForm(), "review": ReviewForm()}
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            _run(request, proposal, action, forms)
        except PermissionDenied as error:
            messages.error(request, str(error) or services.ERR_NOT_DECIDER)
            status = 403
        except ValidationError as error:
            form = forms.get(action)
            if form is not None and hasattr(error, "error_dict"):
                for field, problems in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, problems)
            else:
                for message in error.messages:
                    messages.error(request, message)
            status = 400
        else:
            messages.success(request, MSG_DONE[action])
            return redirect("honours_process", pk=proposal.pk)
    proposal.refresh_from_db()
    context = {
        "proposal": proposal,
        "events": proposal.events.select_related("actor"),
        "evidence": proposal.evidence.all(),
        "actions": _actions(request, proposal),
        "forms": forms,
        "page_title": f"Đề nghị khen thưởng: {proposal.nominee}",
        "header_icon": "pick",
    }
    return render(request, "honours/admin/process.html", context, status=status)


def _run(request: HttpRequest, proposal: Proposal, action: str, forms: dict[str, Any]) -> None:
    user = request.user
    if action == "submit":
        services.proposal_submit(proposal=proposal, user=user)
    elif action == "review":
        forms["review"] = ReviewForm(request.POST)
        forms["review"].is_valid()
        services.proposal_review(proposal=proposal, user=user, note=forms["review"].cleaned_data.get("note", ""))
    elif action == "decide":
        forms["decide"] = form = DecideForm(request.POST)
        if not form.is_valid():
            raise ValidationError(dict(form.errors))
        services.proposal_decide(
            proposal=proposal, user=user, number=form.cleaned_data["number"], date=form.cleaned_data["date"]
        )
    elif action == "reject":
        forms["reject"] = ReasonForm(request.POST)
        forms["reject"].is_valid()
        services.proposal_reject(proposal=proposal, user=user, reason=forms["reject"].cleaned_data.get("reason", ""))
    else:
        raise ValidationError("Thao tác không hợp lệ.")
