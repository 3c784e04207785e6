"""django-csp's middleware with the back office's one allowance (inline style attributes, see __init__)."""

from __future__ import annotations

from csp.constants import SELF
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

BACK_OFFICE_ALLOWANCE = {"style-src-attr": ["'unsafe-inline'"]}


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """Put it above the page cache (a stored page gets the header on every hit, as on its first answer)
    and above XFrameOptionsMiddleware (whose header it reads)."""

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        if request.path_info.startswith(settings.BACK_OFFICE_PREFIX) or signed_in:
            parts.update = {**BACK_OFFICE_ALLOWANCE, **(parts.update or {})}
        # One rule for framing: X-Frame-Options (DENY, or SAMEORIGIN on Wagtail's previews) decides, and
        # frame-ancestors, which browsers obey first, says the same.
        if response.get("X-Frame-Options", "").upper() == "SAMEORIGIN":
            parts.replace = {**(parts.replace or {}), "frame-ancestors": [SELF]}
        return parts
