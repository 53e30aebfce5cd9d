"""gunicorn's logs without personal data (`logger_class` in gunicorn.conf.py).

The access log's format already leaves out query strings and referrers; what remains is
the path, which can hold a NIK (`/klien/5105014507900003/`, typed by hand or by a
scanner). This logger masks NIK-like numbers as the application's log does
(`inti.samaran.samarkan`):
- in the access log, in each field on its own (the path, and the query string, referrer
  or headers should an operator add them to `access_log_format`), so that the status,
  size and duration, which stand next to each other in a line, are never taken together
  for one long number;
- in the error log, in each line (`bapas.log.PenyaringLog`, the filter every handler of
  the application's log has), e.g. a malformed request line that gunicorn quotes.

Loaded by gunicorn's master before Django: it imports neither Django's settings nor models.
"""

from gunicorn.glogging import Logger

from bapas.log import PenyaringLog
from inti.samaran import samarkan


class LogTersamar(Logger):
    """gunicorn's logger with NIK-like numbers masked in the access and error logs."""

    def atoms(self, resp, req, environ, request_time) -> dict:
        atoms = super().atoms(resp, req, environ, request_time)
        return {k: samarkan(v) if isinstance(v, str) else v for k, v in atoms.items()}

    def setup(self, cfg) -> None:
        super().setup(cfg)  # run again on a reload (SIGHUP), which replaces the handlers
        for handler in self.error_log.handlers:  # as every handler of the application's
            if not any(isinstance(f, PenyaringLog) for f in handler.filters):
                handler.addFilter(PenyaringLog())
