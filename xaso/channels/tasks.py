"""Background tasks of the channels (Django Tasks API; database or RQ backend)."""

from __future__ import annotations

from django_tasks import task


@task(queue_name="publishing")
def deliver(delivery_id: int) -> str:
    from xaso.channels.dispatch import delivery_run

    return delivery_run(delivery_id=delivery_id)


@task(queue_name="publishing")
def synthesise_broadcast(audio_id: int) -> str:
    from xaso.channels.broadcast.services import broadcast_audio_synthesise

    return broadcast_audio_synthesise(audio_id=audio_id)


@task(queue_name="publishing")
def check_tokens(token: str) -> str:
    from xaso.channels.tokencheck import tokens_check_run

    return tokens_check_run(token=token)
