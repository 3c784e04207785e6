from __future__ import annotations

from typing import Any

from django import forms

from xaso.backoffice.widgets import NativeDateInput
from xaso.honours.models import Proposal
from xaso.honours.services import proposal_save
from xaso.units.scoping import ScopedAdminForm
from xaso.units.selectors import units_writable

MAX_EVIDENCE = 10
ERR_TOO_MUCH_EVIDENCE = "Mỗi đề nghị có tối đa {count} tệp minh chứng."


def _proposing_units(*, user: Any) -> Any:
    return units_writable(user=user).exclude(kind__in=["province", "department"]).order_by("path")


class ProposalForm(ScopedAdminForm):
    scoped_fields = {"unit": _proposing_units}

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        units = self.fields["unit"].queryset
        if not self.instance.pk and not self.is_bound and units.count() == 1:
            self.initial["unit"] = units.get().pk

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        evidence = self.formsets.get("evidence")
        if evidence is not None:
            kept = sum(
                1
                for form in evidence.forms
                if not (form.is_valid() and form.cleaned_data.get("DELETE"))
                and (form.instance.pk or form.has_changed())
            )
            if kept > MAX_EVIDENCE:
                raise forms.ValidationError(ERR_TOO_MUCH_EVIDENCE.format(count=MAX_EVIDENCE))
        return cleaned

    def save(self, commit: bool = True) -> Proposal:
        proposal: Proposal = super().save(commit=False)
        if not commit:
            return proposal
        return proposal_save(proposal=proposal, user=self.for_user)


class DecideForm(forms.Form):
    number = forms.CharField(label="Số quyết định", max_length=64, help_text="Ví dụ: 125/QĐ-UBND.", required=False)
    date = forms.DateField(label="Ngày quyết định", required=False, widget=NativeDateInput)


class ReasonForm(forms.Form):
    reason = forms.CharField(label="Lý do không khen thưởng", widget=forms.Textarea(attrs={"rows": 3}), required=False)


class ReviewForm(forms.Form):
    note = forms.CharField(label="Ý kiến thẩm định", widget=forms.Textarea(attrs={"rows": 3}), required=False)
