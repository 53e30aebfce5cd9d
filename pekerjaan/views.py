"""A user's background jobs: the list, one job's page (its progress polled with htmx until
it ends), and its result file."""

from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET

from akun.izin import Izin, perlu_izin
from inti.paginasi import halaman_dari
from inti.penyimpanan import respons_unduhan
from jejak.models import Peristiwa
from jejak.services import catat_peristiwa

from .models import Pekerjaan

PER_HALAMAN = 25


def _pekerjaan(request, pk) -> Pekerjaan:
    return get_object_or_404(Pekerjaan.objects.for_user(request.user), pk=pk)


def _konteks(p: Pekerjaan) -> dict:
    return {"p": p, "tautan": p.ringkasan.get("tautan", "")}


@require_GET
@perlu_izin(Izin.LIHAT_PEKERJAAN)
def daftar(request):
    qs = Pekerjaan.objects.for_user(request.user).select_related("pemilik")
    return render(request, "pekerjaan/daftar.html", halaman_dari(request, qs, PER_HALAMAN))


@require_GET
@perlu_izin(Izin.LIHAT_PEKERJAAN)
def detail(request, pk):
    return render(request, "pekerjaan/detail.html", _konteks(_pekerjaan(request, pk)))


@require_GET
@perlu_izin(Izin.LIHAT_PEKERJAAN)
def status(request, pk):
    """The status block alone, for htmx's polling; without htmx, the whole page."""
    p = _pekerjaan(request, pk)
    if not request.headers.get("HX-Request"):
        return redirect(p)
    return render(request, "pekerjaan/_status.html", _konteks(p))


@require_GET
@perlu_izin(Izin.LIHAT_PEKERJAAN)
def unduh(request, pk):
    """The job's result file, streamed through the storage API (local disk or object
    storage), never a public link; each download is written to the audit trail."""
    p = _pekerjaan(request, pk)
    resp = respons_unduhan(
        p.berkas_hasil,
        nama=p.nama_hasil or "hasil",
        tipe=p.tipe_hasil or "application/octet-stream",
    )
    catat_peristiwa(
        Peristiwa.EKSPOR,
        request=request,
        data={"pekerjaan": str(p.pk), "berkas": p.nama_hasil} | p.ringkasan.get("jejak", {}),
    )
    return resp
