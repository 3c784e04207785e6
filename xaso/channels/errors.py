"""How a delivery attempt can end, whatever the channel.

Transports raise these; the dispatcher (xaso.channels.dispatch) decides what follows:
a temporary error is retried with backoff, a permanent one stops the delivery with its
Vietnamese reason, an uncertain one (the request may have reached the remote service)
is reconciled with the remote side before anything is posted again.
"""

from __future__ import annotations


class DeliveryError(Exception):
    def __init__(self, reason: str, *, code: str = "", retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.code = code
        self.retry_after = retry_after


class TemporaryError(DeliveryError):
    """Try again later (server busy, unknown error the service says is transient)."""


class ThrottledError(TemporaryError):
    """The service asks us to slow down: back off for at least `retry_after` seconds."""


class PermanentError(DeliveryError):
    """Retrying cannot help until a person acts (permissions, expired token, refused content)."""


class UncertainError(TemporaryError):
    """No answer: the request may or may not have been carried out. Reconcile before re-posting."""


class DuplicateError(PermanentError):
    """The service says this was already posted: look it up instead of posting again."""


class TokenError(PermanentError):
    """The account's credentials no longer work: the delivery stops and the account itself is
    flagged in the back office, because every later delivery would fail the same way.
    `problem`: what the account shows (longer than a delivery's reason: the steps to reconnect)."""

    def __init__(self, reason: str, *, code: str = "", problem: str = "", detail: str = "") -> None:
        super().__init__(reason, code=code)
        self.problem = problem or reason
        self.detail = detail


class PendingError(DeliveryError):
    """The service accepted the request and is still working on it (Zalo processes a new article
    asynchronously): look again after `retry_after` seconds. Not a failed attempt.
    `keep_posting`: the outcome of a posting request is still unknown (reconcile again)."""

    def __init__(self, reason: str, *, retry_after: float, keep_posting: bool = False) -> None:
        super().__init__(reason, retry_after=retry_after)
        self.keep_posting = keep_posting
