"""Settings of the portal benchmark's server: the project's own, plus a bare view to compare with."""

from xaso.settings import *  # noqa: F403

ROOT_URLCONF = "bench.portal_urls"
