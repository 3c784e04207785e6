"""The public page where a person sets their password with a one-time link, then goes to log in."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect

from xaso.onboarding.services import setup_link_find, setup_link_use

MSG_DONE = "Đã đặt mật khẩu cho tài khoản {username}. Mời bạn đăng nhập."


class PasswordForm(SetPasswordForm):
    """Django's form: its validators (length, common passwords, likeness to the name) check the password."""

    def __init__(self, *args: object, **kwargs: object):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = "Mật khẩu mới"
        self.fields["new_password2"].label = "Nhập lại mật khẩu mới"


@never_cache
@csrf_protect
def setup(request: HttpRequest, token: str) -> HttpResponse:
    try:
        link = setup_link_find(token=token)
    except ValidationError as exc:
        status = 404 if exc.code == "unknown" else 410
        response = render(request, "onboarding/setup_closed.html", {"reason": exc.messages[0]}, status=status)
        response["Referrer-Policy"] = "same-origin"
        return response
    person = link.user
    form = PasswordForm(person, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            setup_link_use(token=token, password=form.cleaned_data["new_password1"])
        except ValidationError as exc:
            return render(request, "onboarding/setup_closed.html", {"reason": exc.messages[0]}, status=410)
        messages.success(request, MSG_DONE.format(username=person.username))
        return redirect(reverse("wagtailadmin_login") + "?next=" + reverse("wagtailadmin_home"))
    response = render(
        request,
        "onboarding/setup.html",
        {"form": form, "person": person, "link": link},
        status=400 if request.method == "POST" else 200,
    )
    # The secret is in the address: no other site may see it in a Referer header ("no-referrer" would
    # also make the browser send "Origin: null" with the form, which CSRF protection rightly refuses).
    response["Referrer-Policy"] = "same-origin"
    return response
