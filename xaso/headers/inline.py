"""The inline scripts the policy allows, by the sha256 of their exact text.

Templates print them with `{% inline_script "name" %}` (templatetags/headers.py), so the text
sent is the text hashed. Data goes in data- attributes or JSON script elements, never in the code.
"""

from __future__ import annotations

import base64
import hashlib

INLINE_SCRIPTS: dict[str, str] = {
    # The portal's reader beacon (xaso/portal/reach.py): the address is the script element's data-url.
    "reach_beacon": "navigator.sendBeacon&&navigator.sendBeacon(document.currentScript.dataset.url)",
}


def script_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode()).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


SCRIPT_HASHES: list[str] = [script_hash(source) for source in INLINE_SCRIPTS.values()]
