"""gunicorn for Xã số behind nginx (deploy/run web PORT). Values from the environment file."""

import os

# Threads: while one request waits on PostgreSQL or Redis the others of its process go on;
# nginx buffers slow clients both ways, so a worker never waits on a phone's connection.
worker_class = "gthread"
workers = int(os.environ.get("XASO_WEB_WORKERS", "3"))
threads = int(os.environ.get("XASO_WEB_THREADS", "4"))
# nginx keeps connections to the app open (upstream keepalive).
keepalive = 30
timeout = int(os.environ.get("XASO_WEB_TIMEOUT", "120"))
graceful_timeout = 30
# A worker that served this many requests is replaced (slow leaks never build up).
max_requests = 2000
max_requests_jitter = 200
# Loaded once in the master: workers start fast and share memory until they write to it.
preload_app = True
forwarded_allow_ips = os.environ.get("XASO_FORWARDED_ALLOW_IPS", "127.0.0.1")
# nginx logs every request (JSON lines); gunicorn logs only its own events, in the same format.
accesslog = None
# Two instances on one machine would share the default control socket path.
control_socket_disable = True
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "xaso.operations.logs.JsonFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "loggers": {"gunicorn.error": {"handlers": ["console"], "level": "INFO", "propagate": False}},
}
