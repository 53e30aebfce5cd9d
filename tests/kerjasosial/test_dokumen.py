"""The documents as PDFs, their text read back with pypdf: the report to the prosecutor once
the window has closed short of the hours (with each day and the order's consequence), the
certificate once all hours are done (with the hours and the sites); each refused before its
time, another PK's client a 404, and each download in the audit trail."""

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from pypdf import PdfReader

from jejak.models import JejakAudit
from kerjasosial.models import JamKerjaSosial
from tests.kerjasosial.factories import KlienKerjaSosialFactory, LokasiFactory, PutusanFactory

MULAI = datetime.date(2026, 1, 5)


def _teks(respon) -> str:
    assert respon["Content-Type"] == "application/pdf"
    halaman = PdfReader(io.BytesIO(respon.content)).pages
    return " ".join(" ".join(h.extract_text().split()) for h in halaman)


@pytest.fixture
def putusan(pk, lokasi):
    return PutusanFactory(
        klien=KlienKerjaSosialFactory(pk_pembimbing=pk, nama="I Wayan Darmayasa"),
        lokasi=lokasi,
        jam_diputus=16,
        tanggal_mulai=MULAI,
        batas_akhir=datetime.date(2026, 2, 4),
        kejaksaan="Kejaksaan Negeri Karangasem",
        nomor_putusan="77/Pid.B/2025/PN Amp",
        akibat_tidak_selesai="penjara",
    )


def _hari(putusan, tanggal, jam, lokasi=None, **lain):
    return JamKerjaSosial.objects.create(
        klien=putusan.klien,
        lokasi=lokasi or putusan.lokasi,
        oleh=putusan.oleh,
        tanggal=tanggal,
        jam=Decimal(jam),
        mulai=putusan.tanggal_mulai,
        batas_akhir=putusan.batas_akhir,
        **lain,
    )


def _waktu(time_machine, tanggal):
    time_machine.move_to(
        datetime.datetime.combine(tanggal, datetime.time(4), tzinfo=datetime.UTC), tick=False
    )


def test_laporan_kepada_jaksa(client, pk, putusan, time_machine):
    _hari(putusan, MULAI, 4)
    _hari(putusan, MULAI + datetime.timedelta(days=3), 0, hadir=False, alasan="Tanpa kabar")
    url = reverse("kerjasosial:laporan-jaksa", args=[putusan.klien_id])
    client.force_login(pk)
    _waktu(time_machine, datetime.date(2026, 2, 4))  # the window's last day: not yet
    respon = client.get(url, follow=True)
    assert "Laporan kepada jaksa dibuat setelah jangka waktu berakhir" in respon.content.decode()
    _waktu(time_machine, datetime.date(2026, 2, 5))
    client.force_login(pk)  # a day later: a new session
    teks = _teks(client.get(url))
    assert "Kepala Kejaksaan Negeri Karangasem" in teks
    assert "I Wayan Darmayasa" in teks and "77/Pid.B/2025/PN Amp" in teks
    assert "4 dari 16 jam" in teks and "12 jam" in teks
    assert "Menjalani pidana penjara yang diganti" in teks
    assert "Tidak hadir: Tanpa kabar (tanpa alasan sah)" in teks
    entri = JejakAudit.objects.filter(jenis="ekspor").latest("timestamp")
    assert (
        entri.additional_data["berkas"] == f"laporan-kerja-sosial-{putusan.klien.no_register}.pdf"
    )


def test_surat_keterangan_selesai(client, pk, putusan, unit, time_machine):
    _waktu(time_machine, datetime.date(2026, 1, 20))
    url = reverse("kerjasosial:sertifikat", args=[putusan.klien_id])
    client.force_login(pk)
    _hari(putusan, MULAI, 8)
    respon = client.get(url, follow=True)
    assert "Surat keterangan selesai dibuat setelah seluruh jam dikerjakan." in (
        respon.content.decode()
    )
    pura = LokasiFactory(unit=unit, nama="Pura Puseh Desa Adat Selat", jenis="ibadah")
    _hari(putusan, MULAI + datetime.timedelta(days=2), 5, lokasi=pura)
    _hari(putusan, MULAI + datetime.timedelta(days=4), 3, lokasi=pura)
    teks = _teks(client.get(url))
    assert "Surat keterangan selesai melaksanakan pidana kerja sosial" in teks
    assert "16 jam, yang dilaksanakan dari 5 Januari 2026 sampai 9 Januari 2026" in teks
    assert "Kantor Desa Selat Kantor desa / kelurahan 1 8" in teks
    assert "Pura Puseh Desa Adat Selat Tempat ibadah 2 8" in teks


def test_dokumen_klien_pk_lain_404(client, pk_lain, putusan):
    client.force_login(pk_lain)
    for nama in ("kerjasosial:laporan-jaksa", "kerjasosial:sertifikat"):
        assert client.get(reverse(nama, args=[putusan.klien_id])).status_code == 404
