"""The publish action of every portal page.

Wagtail publishes a page from several places — the editor's Publish button, the last
approval of a workflow, `manage.py publish_scheduled` for scheduled pages, a revision
revert — and all of them go through Page.publish(). PortalPage.publish() runs this
action instead of Wagtail's own, so whatever the path, a page that has just gone
live is handed to one service (xaso.portal.services.portal_page_published).
"""

from __future__ import annotations

from wagtail.actions.publish_page_revision import PublishPageRevisionAction


class PortalPublishAction(PublishPageRevisionAction):
    def _after_publish(self) -> None:
        super()._after_publish()
        # Also called when the revision was only scheduled: then the page is not live yet.
        if self.object.live:
            from xaso.portal.services import portal_page_published

            portal_page_published(page=self.object, user=self.user)
