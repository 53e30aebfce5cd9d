import json
from operator import attrgetter

from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from akun.izin import Izin, boleh, perlu_izin
from inti.ekspor import JenisKolom, Kolom, Tabel, respons_ekspor, saringan_untuk_jejak
from inti.paginasi import halaman_dari
from inti.pencarian import PARAM, alamat_tersaring, data_saringan, query_tautan

from .filters import JejakFilter
from .models import JejakAudit, perubahan_nik_tersamar
from .services import catat_ekspor


@perlu_izin(Izin.LIHAT_JEJAK)
def cari(request):
    """The office's audit trail, newest first: "who opened client K", "whose records did U
    open between T1 and T2". Reading the trail is not itself written to it (it would record
    every search of itself); refused attempts to read it are, like every refusal.

    The search form is posted: its free text (a record's label, often a client's name) goes
    into the session and the page is shown at a GET address that carries a token instead,
    as do its page links and its export link (inti.pencarian). An old `?data=` link still
    works, and the links of the page it shows carry a token."""
    if request.method == "POST":
        alamat = alamat_tersaring(
            request, alamat=reverse("jejak:cari"), teks="data", saringan=JejakFilter.base_filters
        )
        return redirect(alamat)
    filter_ = _tersaring(request)
    return render(
        request,
        "jejak/cari.html",
        {
            "filter": filter_,
            **halaman_dari(request, filter_.qs, 50),
            "query": query_tautan(request, teks="data"),
            "nik_lengkap": boleh(request.user, Izin.LIHAT_NIK_LENGKAP),
        },
    )


def _tersaring(request) -> JejakFilter:
    """The office's trail as filtered on the search page (the page and its CSV export). The
    free text comes from the session when the query string carries its token; a token this
    session does not know finds nothing (never the whole trail)."""
    qs = JejakAudit.objects.for_user(request.user).select_related(
        "actor", "content_type", "ulangan"
    )
    data, kedaluwarsa = data_saringan(request, teks="data")
    return JejakFilter(data, queryset=qs, user=request.user, pencarian_kedaluwarsa=kedaluwarsa)


def _saringan_jejak(request) -> str:
    """The export's filters as the trail keeps them: a free text, given as a token or by an
    old link, as "[teks]"; never the term, never the token."""
    query = request.GET.copy()
    if query.pop(PARAM, [""])[-1]:
        query["data"] = "[teks]"
    return saringan_untuk_jejak(query, "data")


def tabel_jejak(qs, *, nik_lengkap: bool = True) -> Tabel:
    """The trail export's columns (the CSV's keys and values as they have always been; a NIK
    in the changes masked for a role that may not see it in full)."""

    def perubahan(e) -> str:
        return _json(e.changes if nik_lengkap else perubahan_nik_tersamar(e.changes))

    return Tabel(
        nama="jejak-audit",
        judul=_("Jejak audit"),
        kolom=[
            Kolom("waktu", _("Waktu"), attrgetter("timestamp"), JenisKolom.WAKTU),
            Kolom("pengguna", _("Pengguna"), lambda e: e.actor.username if e.actor else ""),
            Kolom("peran", _("Peran"), attrgetter("peran")),
            Kolom("peristiwa", _("Peristiwa"), attrgetter("jenis")),
            Kolom(
                "jenis_data",
                capfirst(_("jenis data")),
                lambda e: e.content_type.model if e.content_type else "",
            ),
            Kolom("data", _("Data"), attrgetter("object_repr")),
            Kolom("klien_id", _("Klien"), attrgetter("klien_id"), JenisKolom.ANGKA),
            Kolom("perubahan", _("Perubahan"), perubahan),
            Kolom("keterangan", _("Keterangan"), lambda e: _json(e.additional_data)),
            Kolom("alamat", _("Alamat"), attrgetter("remote_addr")),
            # a refusal repeated within its minute is one entry (UlanganPenolakan)
            Kolom("jumlah", _("Jumlah"), attrgetter("jumlah"), JenisKolom.ANGKA),
        ],
        baris=qs.iterator(chunk_size=2000),
    )


def _json(nilai) -> str:
    return json.dumps(nilai, ensure_ascii=False) if nilai else ""


@perlu_izin(Izin.LIHAT_JEJAK)
def ekspor(request):
    """The filtered trail as a streamed CSV, for an investigation or a breach report (UU PDP
    Pasal 46). The export is itself written to the trail, before it is sent; the file holds
    the entries written before that one, as it always has."""
    filter_ = _tersaring(request)
    jumlah = filter_.qs.count()
    entri = catat_ekspor(
        request,
        berkas="jejak-audit.csv",
        format="csv",
        baris=jumlah,
        saringan=_saringan_jejak(request),
    )
    nik_lengkap = boleh(request.user, Izin.LIHAT_NIK_LENGKAP)
    return respons_ekspor(
        tabel_jejak(filter_.qs.filter(pk__lt=entri.pk), nik_lengkap=nik_lengkap), "csv"
    )
