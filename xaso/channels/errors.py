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
