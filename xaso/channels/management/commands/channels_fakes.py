"""Local stand-ins for Facebook and Zalo, for the demo (`bin/run` starts them).

They speak the same protocols as the real services (see xaso/channels/fakes/) and know the
demo accounts' credentials, so an article sent in the demo really travels over HTTP. With
--throttle-first, the first post to the Facebook Page is answered with a throttling error
(code 4, access back in one minute), to show the retry.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from xaso.channels.fakes.facebook import error_reply, usage_headers
from xaso.channels.testing import fake_facebook, fake_zalo


class Command(BaseCommand):
    help = "Chạy máy chủ giả lập Facebook và Zalo trên máy này (cho bản chạy thử)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--facebook-port", type=int, default=8701)
        parser.add_argument("--zalo-port", type=int, default=8702)
        parser.add_argument("--throttle-first", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        state = Path(settings.DATA_DIR) / "fakes-zalo.json"
        # The demo's Page account stores the app secret, so the fake may require appsecret_proof.
        facebook = fake_facebook(
            version=settings.FACEBOOK_GRAPH_VERSION, port=options["facebook_port"], require_proof=True
        )
        zalo = fake_zalo(port=options["zalo_port"])
        # Refresh tokens are single-use: keep the fake's tokens across restarts of the demo.
        if state.exists():
            zalo.restore(json.loads(state.read_text(encoding="utf-8")))
        if options["throttle_first"]:
            facebook.fail_next("POST feed", error_reply(4, headers=usage_headers(percent=100, regain_minutes=1)))
        facebook.start()
        zalo.start()
        self.stdout.write(f"Facebook giả lập: {facebook.url}\nZalo giả lập: {zalo.url}")
        stop = threading.Event()
        try:
            while not stop.wait(2):
                state.write_text(json.dumps(zalo.state()), encoding="utf-8")
        except KeyboardInterrupt:
            pass
        finally:
            facebook.stop()
            zalo.stop()
