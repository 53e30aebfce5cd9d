"""Error pages in Indonesian, rendered from the project's templates."""

import sys

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpResponse
from django.template import loader
from django.views import defaults

from bapas.basisdata import tanggapan_jika_tak_terjangkau

TERLALU_BESAR = (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent)


def bad_request(request, exception):
    # a session that could not be saved because the database went away: 503, not 400
    if response := tanggapan_jika_tak_terjangkau(request, exception):
        return response
    if isinstance(exception, TERLALU_BESAR):
        return terlalu_besar(exception)
    return defaults.bad_request(request, exception, template_name="400.html")


def terlalu_besar(exception):
    """A request past the size limits (settings, inti.unggahan): 413 for its size, 400 for
    too many fields or files, with the limits a user can act on."""
    from klien.impor import UKURAN_MAKS as IMPOR
    from pokmas.forms import UKURAN_MAKS_PDF as PDF

    konteks = {
        "mb_impor": IMPOR // (1024 * 1024),
        "mb_pdf": PDF // (1024 * 1024),
        "mb_permintaan": settings.UKURAN_PERMINTAAN_MAKS // (1024 * 1024),
        "terlalu_banyak": not isinstance(exception, RequestDataTooBig),
    }
    status = 400 if konteks["terlalu_banyak"] else 413
    return HttpResponse(loader.get_template("413.html").render(konteks), status=status)


def permission_denied(request, exception):
    return defaults.permission_denied(request, exception, template_name="403.html")


def page_not_found(request, exception):
    return defaults.page_not_found(request, exception, template_name="404.html")


def server_error(request):
    """The 500 page, or the 503 one when the database is out of reach (an exception raised
    in a middleware, which bapas.basisdata's middleware cannot see)."""
    response = tanggapan_jika_tak_terjangkau(request, sys.exc_info()[1])
    return response or defaults.server_error(request, template_name="500.html")
