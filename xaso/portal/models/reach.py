"""Reach of articles: daily unique readers, counted without cookies and without keeping addresses.

A reader is the digest of (today's salt, IP address, browser, article). The salt is
random, lives for one day and is deleted with that day's digests when the next day
begins, so no stored value can be traced back to an address or linked across days.
What remains is one count per article and day (ArticleReach).
"""

from __future__ import annotations

from django.db import models


class ReachSalt(models.Model):
    """Today's salt (one row); yesterday's is deleted when today's is made."""

    day = models.DateField(primary_key=True)
    salt = models.CharField(max_length=64)

    class Meta:
        verbose_name = "muối băm trong ngày"
        verbose_name_plural = "muối băm trong ngày"

    def __str__(self) -> str:
        return str(self.day)


class ReaderMark(models.Model):
    """One reader of one article today: only the salted digest, deleted with its day."""

    day = models.DateField(db_index=True)
    digest = models.CharField(max_length=64)

    class Meta:
        verbose_name = "dấu người đọc"
        verbose_name_plural = "dấu người đọc"
        constraints = [models.UniqueConstraint(fields=["day", "digest"], name="portal_readermark_unique")]

    def __str__(self) -> str:
        return f"{self.day} {self.digest[:8]}"


class ArticleReach(models.Model):
    """Unique readers of an article on a day (what is kept)."""

    article = models.ForeignKey(
        "portal.ArticlePage", verbose_name="bài viết", on_delete=models.CASCADE, related_name="reach_days"
    )
    day = models.DateField("ngày")
    readers = models.PositiveIntegerField("người đọc", default=0)

    class Meta:
        verbose_name = "lượt người đọc trong ngày"
        verbose_name_plural = "lượt người đọc trong ngày"
        constraints = [
            models.UniqueConstraint(fields=["article", "day"], name="portal_articlereach_unique"),
            models.CheckConstraint(condition=models.Q(readers__gte=0), name="portal_articlereach_readers_gte_0"),
        ]

    def __str__(self) -> str:
        return f"{self.article_id} {self.day}: {self.readers}"
