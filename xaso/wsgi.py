import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xaso.settings")
application = get_wsgi_application()

# What is loaded by now (Django, Wagtail, the project) lives as long as the process: keep the
# garbage collector from scanning those objects again in every collection a request triggers.
gc.freeze()
