"""The monthly report's pages: on screen, as PDF (WeasyPrint) and as XLSX (the export
layer, a sheet per table). All three are made from one `LaporanBulanan` and share its
tables (templates/laporan/_bulanan_isi.html, and `tabel_bulanan` for the workbook), so
their numbers cannot differ. The PDF and the workbook are made by a background job
(`laporan.latar`), started from the page and written to the audit trail when it starts."""

import dataclasses
import datetime
import re
from operator import attrgetter
from urllib.parse import urlencode

from django import forms
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from akun.izin import Izin, perlu_izin
from inti.ekspor import JenisKolom, Kolom, Tabel
from inti.replika import baca_replika

from . import grafik, latar
from .berakhir import KOLOM_BERAKHIR
from .bulanan import BULAN_PALING_AWAL, LaporanBulanan, bulan_lalu, laporan_bulanan
from .dasbor import grafik_absen
from .saringan import InputBulan, PilihanBulan, awal_bulan
from .selectors_kuhp import RingkasanKuhp

JENIS_PDF = "application/pdf"


class FormBulan(forms.Form):
    bulan = PilihanBulan(
        label=gettext_lazy("Bulan laporan"),
        required=False,
        widget=InputBulan(format="%Y-%m"),
        error_messages={
            "invalid": gettext_lazy("Tulis bulan sebagai TTTT-BB, misalnya 2025-03."),
        },
    )

    def __init__(self, *args, hari_ini: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.hari_ini = hari_ini
        self.fields["bulan"].widget.attrs.update(
            min=f"{BULAN_PALING_AWAL:%Y-%m}", max=f"{hari_ini:%Y-%m}"
        )

    def clean_bulan(self):
        bulan = self.cleaned_data["bulan"]
        if bulan and bulan > awal_bulan(self.hari_ini):
            raise ValidationError(_("Laporan bulan yang belum dimulai tidak dapat dibuat."))
        if bulan and bulan < BULAN_PALING_AWAL:
            raise ValidationError(
                _("Laporan paling awal untuk bulan %(bulan)s.")
                % {"bulan": formats.date_format(BULAN_PALING_AWAL, "F Y")}
            )
        return bulan

    def bulan_laporan(self) -> datetime.date:
        """The month asked for; last month when none is given or it is refused."""
        if self.is_valid() and self.cleaned_data["bulan"]:
            return self.cleaned_data["bulan"]
        return bulan_lalu(self.hari_ini)


def _form(request) -> FormBulan:
    return FormBulan(request.GET or None, hari_ini=timezone.localdate())


def nama_berkas(bulan: datetime.date, format: str) -> str:
    return f"laporan-bulanan-{bulan:%Y-%m}.{format}"


# --- Charts ------------------------------------------------------------------------------


def _teks_persen(hasil) -> str:
    if not hasil.tercatat:
        return "–"
    if hasil.terlalu_sedikit:
        return _("terlalu sedikit untuk dinilai")
    return f"{hasil.persen} %"


def grafik_bulanan(lap: LaporanBulanan) -> dict[str, grafik.Grafik]:
    """The report's charts (the same SVG on screen and in the PDF)."""
    per_program: dict[str, list[int]] = {}
    for b in lap.klien:
        awal_akhir = per_program.setdefault(b.label_program, [0, 0])
        awal_akhir[0] += b.awal
        awal_akhir[1] += b.akhir
    kontak = [b for b in lap.kontak if b.hasil.tercatat]
    return {
        "klien": grafik.batang(
            _("Klien berjalan per program integrasi"),
            list(per_program),
            {
                _("Awal bulan"): [v[0] for v in per_program.values()],
                _("Akhir bulan"): [v[1] for v in per_program.values()],
            },
        ),
        "kehadiran": grafik.batang(
            _("Tingkat kehadiran per jenis kontak"),
            [b.label for b in kontak],
            {_("Kehadiran"): [b.hasil.persen_sah for b in kontak]},
            kepala=(_("Jenis kontak"), _("Kehadiran"), _("Tercatat (n)")),
            baris=tuple((b.label, _teks_persen(b.hasil), b.hasil.tercatat) for b in kontak),
            persen=True,
        ),
        "absen": grafik_absen(_("Ketidakhadiran per alasan"), lap.absen),
    }


def grafik_pdf(daftar: dict[str, grafik.Grafik]) -> dict[str, grafik.Grafik]:
    """The charts for the PDF: the same SVG, with the charts' stylesheet (css_grafik) in a
    <style> of its own. WeasyPrint styles an inline SVG only from the <style> elements inside
    it, not from the page's; the PDF is no web page, so the CSP's ban on inline styles does
    not apply to it."""
    gaya = f"<style>{grafik.css_grafik()}</style>"
    return {
        k: dataclasses.replace(
            g,
            svg=mark_safe(re.sub(r"<svg\b[^>]*>", lambda m: m[0] + gaya, g.svg, count=1)),  # noqa: S308 (our own SVG and CSS)
        )
        for k, g in daftar.items()
    }


# --- The workbook ------------------------------------------------------------------------


def tabel_bulanan(lap: LaporanBulanan) -> list[Tabel]:
    """The report's tables, one sheet each: what the report is, the clients, the contacts
    and attendance, the absences by reason, the partners."""
    waktu = timezone.localtime(lap.dibuat_pada)
    keterangan = [
        (_("Kantor"), lap.unit.nama),
        (_("Kanwil"), lap.unit.kanwil.nama),
        (_("Bulan"), formats.date_format(lap.bulan, "F Y")),
        (_("Data sampai"), lap.sampai),
        (_("Dibuat pada"), f"{formats.date_format(waktu, 'j F Y H:i')} {waktu.tzname()}"),
        (_("Dibuat oleh"), str(lap.dibuat_oleh)),
    ]
    hasil = [
        Kolom.angka("hadir", _("Hadir"), lambda b: b.hasil.hadir),
        Kolom.angka(
            "tidak_mengikuti_arahan",
            _("Hadir, tidak mengikuti arahan"),
            lambda b: b.hasil.tidak_mengikuti_arahan,
        ),
        Kolom.angka("izin", _("Izin (diterima)"), lambda b: b.hasil.izin),
        Kolom.angka("tidak_hadir", _("Tidak hadir"), lambda b: b.hasil.tidak_hadir),
        Kolom.angka("menunggu", _("Menunggu keterangan"), lambda b: b.hasil.menunggu),
        Kolom.angka("tercatat", _("Tercatat (n)"), lambda b: b.hasil.tercatat),
        Kolom.angka("persen_hadir", _("Kehadiran %"), lambda b: b.hasil.persen_sah),
        Kolom(
            "catatan",
            _("Catatan"),
            lambda b: (
                _("terlalu sedikit untuk dinilai")
                if b.hasil.tercatat and b.hasil.terlalu_sedikit
                else ""
            ),
        ),
    ]
    return [
        Tabel(
            nama="keterangan",
            judul=_("Laporan"),
            kolom=[
                Kolom("keterangan", _("Keterangan"), lambda r: r[0]),
                Kolom(
                    "nilai",
                    _("Isi"),
                    lambda r: r[1],
                    label=lambda r: (
                        formats.date_format(r[1], "d-m-Y")
                        if isinstance(r[1], datetime.date)
                        else r[1]
                    ),
                    lebar=40,
                ),
            ],
            baris=keterangan,
        ),
        Tabel(
            nama="klien",
            judul=_("Klien"),
            kolom=[
                Kolom("program", _("Program integrasi"), lambda b: b.label, lebar=32),
                Kolom("kategori", _("Kategori"), lambda b: b.label_kategori),
                Kolom.angka("awal", _("Awal bulan"), lambda b: b.awal),
                Kolom.angka("masuk", pgettext("klien", "Masuk"), lambda b: b.masuk),
                *(
                    Kolom.angka(field, label, attrgetter(field))
                    for field, _status, label in KOLOM_BERAKHIR
                ),
                Kolom.angka("akhir", _("Akhir bulan"), lambda b: b.akhir),
            ],
            baris=[*lap.klien, *lap.jumlah_klien],
        ),
        Tabel(
            nama="kontak",
            judul=_("Sesi dan kehadiran"),
            kolom=[
                Kolom("jenis", _("Jenis kontak"), lambda b: b.label, lebar=32),
                Kolom.angka("sesi", _("Sesi terlaksana"), lambda b: b.sesi),
                Kolom.angka(
                    "tanpa_catatan", _("Belum ada catatan kehadiran"), lambda b: b.tanpa_catatan
                ),
                *hasil,
            ],
            baris=[*lap.kontak, lap.total_kontak],
        ),
        Tabel(
            nama="absen",
            judul=_("Ketidakhadiran per alasan"),
            kolom=[
                Kolom("alasan", _("Alasan"), lambda a: a.label),
                Kolom.angka("izin", _("Izin (diterima)"), lambda a: a.izin),
                Kolom.angka("tidak_hadir", _("Tidak hadir"), lambda a: a.tidak_hadir),
                Kolom.angka("menunggu", _("Menunggu keterangan"), lambda a: a.menunggu),
                Kolom.angka("jumlah", _("Jumlah"), lambda a: a.jumlah),
            ],
            baris=[*lap.absen, lap.total_absen],
        ),
        Tabel(
            nama="mitra",
            judul=_("Mitra"),
            kolom=[
                Kolom("mitra", _("Mitra"), lambda m: m.nama, lebar=32),
                Kolom(
                    "pks_berlaku_sampai",
                    _("PKS berlaku sampai"),
                    lambda m: m.pks_sampai,
                    JenisKolom.TANGGAL,
                ),
                Kolom("aktif", _("Mitra aktif"), lambda m: _("ya") if m.aktif else _("tidak")),
                Kolom.angka("sesi", _("Sesi terlaksana"), lambda m: m.sesi),
                *hasil[-3:],
            ],
            baris=lap.mitra,
        ),
        *tabel_kuhp(lap.kuhp),
    ]


def tabel_kuhp(kuhp: RingkasanKuhp) -> list[Tabel]:
    """The new code's community sentences: the figures, the considerations, hours per month
    and per site."""
    p, k = kuhp.pengawasan, kuhp.kerja_sosial
    angka = [
        (_("Syarat pidana pengawasan dipenuhi"), p.memenuhi),
        (_("Syarat pidana pengawasan dilanggar"), p.dilanggar),
        (_("Syarat pidana pengawasan masih berjalan"), p.berjalan),
        (_("Pidana kerja sosial selesai"), k.selesai),
        (_("Pidana kerja sosial berakhir sebelum jam terpenuhi"), k.tidak_selesai),
        (_("Klien kerja sosial tertinggal dari laju"), k.tertinggal),
    ]
    return [
        Tabel(
            nama="kuhp",
            judul=_("KUHP 2023"),
            kolom=[
                Kolom("ukuran", _("Ukuran"), lambda r: r[0], lebar=48),
                Kolom.angka("jumlah", _("Jumlah"), lambda r: r[1]),
            ],
            baris=angka,
        ),
        Tabel(
            nama="pertimbangan",
            judul=_("Pertimbangan PK"),
            kolom=[
                Kolom("jenis", _("Jenis"), lambda b: b.label, lebar=40),
                *(
                    Kolom.angka(f"hasil_{i}", label, lambda b, i=i: b.per_hasil[i])
                    for i, label in enumerate(kuhp.hasil_pertimbangan)
                ),
            ],
            baris=kuhp.pertimbangan,
        ),
        Tabel(
            nama="jam_kerja_sosial",
            judul=_("Jam kerja sosial"),
            kolom=[
                Kolom("bulan", _("Bulan"), lambda b: b.bulan, JenisKolom.TANGGAL),
                Kolom.angka("jam_diputus", _("Jam diputus"), lambda b: b.jam_diputus),
                Kolom.angka("jam_dikerjakan", _("Jam dikerjakan"), lambda b: b.jam_dikerjakan),
            ],
            baris=k.per_bulan,
        ),
        Tabel(
            nama="lokasi_kerja_sosial",
            judul=_("Lokasi kerja sosial"),
            kolom=[
                Kolom("lokasi", _("Lokasi"), lambda b: b.nama, lebar=40),
                Kolom.angka("jam", _("Jam"), lambda b: b.jam),
                Kolom.angka("klien", _("Klien"), lambda b: b.klien),
            ],
            baris=k.per_lokasi,
        ),
    ]


# --- Views -------------------------------------------------------------------------------


def _query(bulan: datetime.date) -> str:
    return urlencode({"bulan": f"{bulan:%Y-%m}"})


@perlu_izin(Izin.LIHAT_DASBOR_KANTOR)
@baca_replika
def bulanan(request):
    """The monthly report of the user's office: ?bulan=YYYY-MM, last month by default; a
    month refused shows why beside the field, and last month's report."""
    form = _form(request)
    lap = laporan_bulanan(request.user, form.bulan_laporan())
    return render(
        request,
        "laporan/bulanan.html",
        {
            "form": form,
            "lap": lap,
            "grafik": grafik_bulanan(lap),
            "query": _query(lap.bulan),
            "ditolak": form.is_bound and not form.is_valid(),
        },
    )


def _bulan_unduhan(request) -> datetime.date | None:
    """The month of a download; None for a month refused (a download never holds another
    month than the one asked for: the caller sends the user to the page, which says why)."""
    form = _form(request)
    return None if form.is_bound and not form.is_valid() else form.bulan_laporan()


def _ke_halaman(request):
    return redirect(f"{reverse('laporan:bulanan')}?{request.GET.urlencode()}")


def pdf_bulanan(lap: LaporanBulanan) -> bytes:
    """The report as WeasyPrint prints it (A4, laporan/bulanan_pdf.html)."""
    html = render_to_string(
        "laporan/bulanan_pdf.html", {"lap": lap, "grafik": grafik_pdf(grafik_bulanan(lap))}
    )
    # Everything the PDF shows is in the HTML (the charts inline): nothing is fetched.
    return HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=())).write_pdf()


def _mulai_unduhan(request, format: str):
    """The page's download button (a POST) starts the report as a background job
    (`laporan.latar`: written to the trail with the job's id) and sends the user to the
    job's page; a GET (an old link) and a month refused go to the report's page."""
    bulan = _bulan_unduhan(request)
    if request.method != "POST" or bulan is None:
        return _ke_halaman(request)
    return redirect(latar.mulai_bulanan(request, bulan, format))


@perlu_izin(Izin.LIHAT_DASBOR_KANTOR)
@baca_replika
def bulanan_pdf(request):
    return _mulai_unduhan(request, "pdf")


@perlu_izin(Izin.LIHAT_DASBOR_KANTOR)
@baca_replika
def bulanan_xlsx(request):
    return _mulai_unduhan(request, "xlsx")
