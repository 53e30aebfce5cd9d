"""The two documents of an order, as PDFs (WeasyPrint, as laporan's monthly report):

- when the window has closed short of the hours, the PK's report to the prosecutor (the
  decision then follows from the court order: repeat, the prison term, or the fine);
- when all the hours are done, the certificate of completion with the hours and the sites.

Each is written to the audit trail as an export. A document asked for before its time is
refused with a message on the client page."""

from dataclasses import dataclass
from decimal import Decimal

from django.contrib import messages
from django.db.models import Count, Max, Min, Q, Sum
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from akun.izin import Izin, perlu_izin
from jejak.services import catat_ekspor
from klien.models import Klien

from .models import JamKerjaSosial, JenisLokasi, PutusanKerjaSosial
from .selectors import Laju, laju_putusan

JENIS_PDF = "application/pdf"


@dataclass(frozen=True)
class JamLokasi:
    nama: str
    jenis: str
    jam: Decimal
    hari: int


def _putusan_atau_404(request, pk) -> PutusanKerjaSosial:
    klien = get_object_or_404(Klien.objects.for_user(request.user), pk=pk)
    putusan = (
        PutusanKerjaSosial.objects.for_user(request.user)
        .select_related("klien", "lokasi", "unit__kanwil", "klien__pk_pembimbing")
        .filter(klien=klien)
        .first()
    )
    if putusan is None:
        raise Http404
    return putusan


def _per_lokasi(putusan) -> list[JamLokasi]:
    baris = (
        JamKerjaSosial.objects.filter(klien=putusan.klien, hadir=True)
        .values("lokasi__nama", "lokasi__jenis")
        .annotate(jam=Sum("jam"), hari=Count("pk"))
        .order_by("-jam", "lokasi__nama")
    )
    return [
        JamLokasi(b["lokasi__nama"], JenisLokasi(b["lokasi__jenis"]).label, b["jam"], b["hari"])
        for b in baris
    ]


def _pdf(request, *, templat: str, berkas: str, laju: Laju, konteks: dict) -> HttpResponse:
    catat_ekspor(
        request,
        berkas=berkas,
        format="pdf",
        baris=1,
        saringan=f"klien={laju.putusan.klien_id}",
        dokumen=templat.rsplit("/", 1)[-1].removesuffix(".html"),
    )
    html = render_to_string(
        templat,
        {"p": laju.putusan, "laju": laju, "tanggal": timezone.localdate(), **konteks},
        request=request,
    )
    pdf = HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=())).write_pdf()
    respon = HttpResponse(pdf, content_type=JENIS_PDF)
    respon["Content-Disposition"] = content_disposition_header(True, berkas)
    return respon


@perlu_izin(Izin.CATAT_KERJA_SOSIAL)
def laporan_jaksa(request, pk):
    """The report to the prosecutor on hours not done by the window's end."""
    putusan = _putusan_atau_404(request, pk)
    laju = laju_putusan(putusan)
    if not laju.tidak_selesai:
        messages.error(
            request,
            _(
                "Laporan kepada jaksa dibuat setelah jangka waktu berakhir dan jam kerja "
                "belum terpenuhi."
            ),
        )
        return redirect("klien:klien-detail", pk=putusan.klien_id)
    hari = JamKerjaSosial.objects.filter(klien=putusan.klien).select_related("lokasi")
    ringkas = hari.aggregate(
        absen_tanpa_alasan=Count("pk", filter=Q(hadir=False, alasan_sah=False)),
        absen_sah=Count("pk", filter=Q(hadir=False, alasan_sah=True)),
    )
    return _pdf(
        request,
        templat="kerjasosial/laporan_jaksa_pdf.html",
        berkas=f"laporan-kerja-sosial-{putusan.klien.no_register}.pdf",
        laju=laju,
        konteks={"hari": hari.order_by("tanggal"), "lokasi": _per_lokasi(putusan), **ringkas},
    )


@perlu_izin(Izin.CATAT_KERJA_SOSIAL)
def sertifikat(request, pk):
    """The certificate of completion: the hours done and where."""
    putusan = _putusan_atau_404(request, pk)
    laju = laju_putusan(putusan)
    if not laju.selesai:
        messages.error(
            request, _("Surat keterangan selesai dibuat setelah seluruh jam dikerjakan.")
        )
        return redirect("klien:klien-detail", pk=putusan.klien_id)
    periode = JamKerjaSosial.objects.filter(klien=putusan.klien, hadir=True).aggregate(
        awal=Min("tanggal"), akhir=Max("tanggal")
    )
    return _pdf(
        request,
        templat="kerjasosial/sertifikat_pdf.html",
        berkas=f"surat-keterangan-kerja-sosial-{putusan.klien.no_register}.pdf",
        laju=laju,
        konteks={"lokasi": _per_lokasi(putusan), **periode},
    )
