"""gunicorn settings (read automatically from the working directory).

The access log leaves out query strings and referrers (a typed search term no longer
travels in a URL, but an old link or a hand-typed `?q=` still can), and masks NIK-like
numbers in the path: personal data must not reach logs.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "3"))
# A 5,000-row client import (the importer's limit) takes about 25 s on PostgreSQL with the
# audit trail (bench/impor_jejak.py), too close to the default 30 s.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))
accesslog = "-"
access_log_format = '%(h)s %(t)s "%(m)s %(U)s" %(s)s %(b)s %(L)ss'
# The path can still hold a NIK (`/klien/5105.../`): the access and error lines are masked
# as the application's log is (bapas/gunicorn_log.py, inti.samaran.samarkan).
logger_class = "bapas.gunicorn_log.LogTersamar"
