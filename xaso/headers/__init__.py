"""Security headers of every answer: Content-Security-Policy (django-csp), and the notes on why it reads so.

Scripts: only files from this server, plus the few inline scripts listed in `inline.INLINE_SCRIPTS`
whose sha256 hashes the policy carries. No nonce: the portal's page cache hands one stored page to
many readers, and a nonce must differ on every answer. Wagtail's own inline scripts (chooser widgets,
date pickers, inline panels) are replaced by the templates of this app with JSON data that
`headers/init.js` turns into the same calls.

Styles: style sheets only from this server everywhere. The back office (and pages seen by a signed-in
editor, whose Wagtail user bar is drawn by the same scripts) also allows inline style *attributes*
(`style-src-attr 'unsafe-inline'`): Wagtail's bundled scripts set them and its templates write them,
and an attribute can only restyle its own element, never run code or load from another host.
"""
