"""Error reports without personal data (UU 27/2022): tests in tests/keamanan/test_log_tanpa_nik.py.

A report (the mail to ADMINS, and the debug page) shows where the code failed and with which
kind of request, never what was sent: every POST, GET and FILES value, every frame
variable, the query string, cookies and all but a few harmless headers are masked, and the
exception messages go through `bapas.log.samarkan` (PostgreSQL puts the row's values in
them). Masking applies with DEBUG on as well: the debug page then shows the names, not the
values, which is enough to find a bug on the demo data.
"""

from django.views.debug import ExceptionReporter, SafeExceptionReporterFilter

from .log import SAMARAN, samarkan

# Headers and server variables that describe the request without carrying its data.
# Everything else (QUERY_STRING, REQUEST_URI, RAW_URI, HTTP_REFERER, cookies, ...) is masked.
META_AMAN = frozenset(
    {
        "CONTENT_LENGTH",
        "CONTENT_TYPE",
        "HTTP_ACCEPT",
        "HTTP_ACCEPT_ENCODING",
        "HTTP_ACCEPT_LANGUAGE",
        "HTTP_HOST",
        "HTTP_USER_AGENT",
        "HTTP_X_FORWARDED_PROTO",
        "PATH_INFO",
        "REMOTE_ADDR",
        "REQUEST_METHOD",
        "SCRIPT_NAME",
        "SERVER_NAME",
        "SERVER_PORT",
        "SERVER_PROTOCOL",
        "wsgi.url_scheme",
    }
)


class PenyaringLaporanGalat(SafeExceptionReporterFilter):
    """Every value the user sent and every frame variable is replaced, not only those marked
    with Django's sensitive_* decorators."""

    def get_post_parameters(self, request):
        if request is None:
            return {}
        return dict.fromkeys(request.POST, self.cleansed_substitute)

    def get_traceback_frame_variables(self, request, tb_frame):
        return [(nama, self.cleansed_substitute) for nama in tb_frame.f_locals]

    def get_safe_request_meta(self, request):
        if not hasattr(request, "META"):
            return {}
        return {
            k: v if k in META_AMAN else self.cleansed_substitute for k, v in request.META.items()
        }

    def get_safe_cookies(self, request):
        if not hasattr(request, "COOKIES"):
            return {}
        return dict.fromkeys(request.COOKIES, self.cleansed_substitute)


class _Tersamar:
    """An exception in a report, shown by its masked message. Compared by identity, as the
    exception itself would be (the templates group frames with {% ifchanged %})."""

    def __init__(self, exc):
        self.teks = samarkan(str(exc))

    def __str__(self):
        return self.teks


class PelaporGalat(ExceptionReporter):
    """Django's report with the request's values and the exception messages masked; the
    rendered text and HTML are masked once more, as a net for anything missed above."""

    def get_traceback_data(self):
        c = super().get_traceback_data()
        samaran = self.filter.cleansed_substitute
        tersamar: dict[int, _Tersamar] = {}
        for nomor, frame in enumerate(c["frames"]):
            frame["id"] = nomor  # id(traceback) is a long run of digits; any unique value works
            sebab = frame.get("exc_cause")
            if sebab is not None:
                frame["exc_cause"] = tersamar.setdefault(id(sebab), _Tersamar(sebab))
        for kunci in ("exception_value", "exception_notes", "unicode_hint"):
            if c.get(kunci):
                c[kunci] = samarkan(c[kunci])
        if c.get("template_info"):
            c["template_info"] = {
                **c["template_info"],
                "message": samarkan(str(c["template_info"]["message"])),
            }
        if self.request is not None:
            c["request_GET_items"] = [(k, samaran) for k in self.request.GET]
            c["request_FILES_items"] = [(k, samaran) for k in self.request.FILES]
            c["request_insecure_uri"] = self._uri_tanpa_query()
        return c

    def _uri_tanpa_query(self) -> str:
        try:
            uri = f"{self.request.scheme}://{self.request._get_raw_host()}{self.request.path}"
        except Exception:  # a broken Host header must not break the report
            uri = self.request.path
        return uri + (f"?{SAMARAN}" if self.request.META.get("QUERY_STRING") else "")

    def get_traceback_text(self):
        return samarkan(super().get_traceback_text())

    def get_traceback_html(self):
        return samarkan(super().get_traceback_html())
