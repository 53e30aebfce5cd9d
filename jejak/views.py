import json

from django.shortcuts import render
from django.utils import timezone

from akun.izin import Izin, perlu_izin
from inti.ekspor import BerkasCSV, saringan_untuk_jejak
from inti.paginasi import halaman_dari

from .filters import JejakFilter
from .models import JejakAudit, Peristiwa
from .services import catat_peristiwa


@perlu_izin(Izin.LIHAT_JEJAK)
def cari(request):
    """The office's audit trail, newest first: "who opened client K", "whose records did U
    open between T1 and T2". Reading the trail is not itself written to it (it would record
    every search of itself); refused attempts to read it are, like every refusal."""
    filter_ = _tersaring(request)
    return render(
        request, "jejak/cari.html", {"filter": filter_, **halaman_dari(request, filter_.qs, 50)}
    )


def _tersaring(request) -> JejakFilter:
    """The office's trail as filtered on the search page (the page and its CSV export)."""
    qs = JejakAudit.objects.for_user(request.user).select_related("actor", "content_type")
    return JejakFilter(request.GET or None, queryset=qs, user=request.user)


@perlu_izin(Izin.LIHAT_JEJAK)
def ekspor(request):
    """The filtered trail as CSV, for an investigation or a breach report (UU PDP Pasal 46).
    The export is itself written to the trail."""
    filter_ = _tersaring(request)
    berkas = BerkasCSV(
        "jejak-audit.csv",
        [
            "waktu",
            "pengguna",
            "peran",
            "peristiwa",
            "jenis_data",
            "data",
            "klien_id",
            "perubahan",
            "keterangan",
            "alamat",
        ],
    )
    for e in filter_.qs.iterator(chunk_size=2000):
        berkas.tulis(
            [
                timezone.localtime(e.timestamp).isoformat(timespec="seconds"),
                e.actor.username if e.actor else "",
                e.peran,
                e.jenis,
                e.content_type.model if e.content_type else "",
                e.object_repr,
                e.klien_id or "",
                json.dumps(e.changes, ensure_ascii=False) if e.changes else "",
                json.dumps(e.additional_data, ensure_ascii=False) if e.additional_data else "",
                e.remote_addr or "",
            ]
        )
    catat_peristiwa(
        Peristiwa.EKSPOR,
        request=request,
        data={
            "berkas": "jejak-audit.csv",
            "baris": berkas.jumlah,
            "saringan": saringan_untuk_jejak(request.GET, "data"),
        },
    )
    return berkas.response
