"""The public search index: each published page's text, folded (no accents, lower case).

Written only when a page is published (xaso.portal.search.search_entry_update, called
from the publish action, xaso.portal.actions), so drafts never reach it; read together with the page's
live and public state, so unpublished, expired or restricted pages never come out.
"""

from __future__ import annotations

from django.db import models
from wagtail.models import Page


class SearchEntry(models.Model):
    page = models.OneToOneField(Page, on_delete=models.CASCADE, primary_key=True, related_name="portal_search_entry")
    # " word word … " — folded syllables separated by single spaces, padded at both
    # ends, so that a syllable matches only whole (" so " never matches "song").
    title_folded = models.TextField()
    body_folded = models.TextField()
    # The same text unfolded, to show readers a snippet with the matches marked.
    body_text = models.TextField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "mục tìm kiếm"
        verbose_name_plural = "mục tìm kiếm"

    def __str__(self) -> str:
        return self.title_folded.strip()
