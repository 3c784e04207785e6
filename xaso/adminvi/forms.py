"""The admin login form with every label translatable."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm


class LoginForm(WagtailLoginForm):
    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        # Wagtail 8.0 leaves the label out, so Django shows the field's name, "Password".
        self.fields["password"].label = _("Password")
