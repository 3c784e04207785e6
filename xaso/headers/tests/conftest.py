from xaso.portal.tests.conftest import _fresh_caches, cached, portal  # noqa: F401  (the portal's fixtures)
