"""What every channel's transport offers the dispatcher."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from xaso.channels.models import Delivery

Checkpoint = Callable[[dict[str, Any]], None]


@dataclass
class Usage:
    """How close the account is to the service's rate limits (percent), and how long to wait."""

    percent: float = 0.0
    regain_seconds: float = 0.0
    raw: dict[str, Any] = field(default_factory=dict)


@dataclass
class Sent:
    remote_id: str
    remote_url: str = ""
    reach: int | None = None


class Transport(Protocol):
    usage: Usage | None

    def find_existing(self, delivery: Delivery, *, since: dt.datetime, checkpoint: Checkpoint) -> Sent | None:
        """After an attempt with an unknown outcome: the post it made, if it made one (or, for a
        multi-step channel, the step it achieved, recorded through `checkpoint`)."""

    def send(self, delivery: Delivery, *, checkpoint: Checkpoint) -> Sent:
        """Post. `checkpoint(values)` durably records a remote step already achieved."""


def transport_for(delivery: Delivery) -> Transport:
    from xaso.channels.broadcast.transport import LoudspeakerTransport
    from xaso.channels.facebook.transport import FacebookTransport
    from xaso.channels.models import ChannelKind
    from xaso.channels.zalo.transport import ZaloTransport

    kinds: dict[str, type] = {
        ChannelKind.FACEBOOK: FacebookTransport,
        ChannelKind.ZALO: ZaloTransport,
        ChannelKind.LOUDSPEAKER: LoudspeakerTransport,
    }
    transport: Transport = kinds[delivery.account.kind](delivery.account)
    return transport
