from django.core.paginator import Paginator
from django.shortcuts import render

from akun.izin import Izin, perlu_izin

from .filters import JejakFilter
from .models import JejakAudit


@perlu_izin(Izin.LIHAT_JEJAK)
def cari(request):
    """The office's audit trail, newest first: "who opened client K", "whose records did U
    open between T1 and T2". Reading the trail is not itself written to it (it would record
    every search of itself); refused attempts to read it are, like every refusal."""
    qs = JejakAudit.objects.for_user(request.user).select_related("actor", "content_type")
    filter_ = JejakFilter(request.GET or None, queryset=qs, unit=request.user.unit)
    halaman = Paginator(filter_.qs, 50).get_page(request.GET.get("halaman"))
    query = request.GET.copy()
    query.pop("halaman", None)
    return render(
        request,
        "jejak/cari.html",
        {"filter": filter_, "halaman": halaman, "query": query.urlencode()},
    )
