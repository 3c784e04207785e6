"""Wagtail signals the portal listens to; each only hands over to a service."""

from __future__ import annotations

from typing import Any


def page_taken_down(sender: Any, instance: Any, **kwargs: Any) -> None:
    from xaso.portal.models import PortalPage
    from xaso.portal.services import portal_page_unpublished

    if isinstance(instance, PortalPage):
        portal_page_unpublished(page=instance)
