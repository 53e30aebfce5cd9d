"""The trail is append-only, covers every office model, and can be searched by Kabapas/Admin."""

import datetime
import zoneinfo

import pytest
import time_machine
from auditlog.registry import auditlog
from django.apps import apps
from django.urls import reverse

from jejak.models import JejakAudit, JejakTidakBolehDiubah, Peristiwa
from jejak.services import catat_peristiwa
from tests.factories import UserFactory
from tests.klien.factories import KlienFactory

WITA = zoneinfo.ZoneInfo("Asia/Makassar")

# Models that hold no office data, each with the reason it is not tracked.
TIDAK_DILACAK = {
    "wilayah.Provinsi": "reference data loaded from areaid",
    "wilayah.Kabupaten": "reference data loaded from areaid",
    "wilayah.Desa": "reference data loaded from areaid",
    "jejak.JejakAudit": "the trail itself",
    "jejak.UlanganPenolakan": "part of the trail: the repeat count beside a refusal's entry",
    "pembimbingan.RekapKehadiran": "counts of attendance rows, which are tracked; kept by code",
    "pembimbingan.RekapKehadiranKantor": "the same counts summed per office; kept by code",
    "klien.RekapKlien": "counts of clients per office and month, which are tracked; kept by code",
    # Like every auto-created M2M table (which get_models() leaves out), its rows are the
    # unit's change: tracked as akun.Unit's m2m field wilayah_kerja. Registering it as well
    # would log each removal twice (tests/akun/test_wilayah_kerja.py checks the entries).
    "akun.WilayahKerja": "tracked through akun.Unit's m2m_fields wilayah_kerja",
}
APP_KANTOR = (
    "akun",
    "wilayah",
    "klien",
    "pokmas",
    "pembimbingan",
    "pengawasan",
    "kerjasosial",
    "laporan",
    "jejak",
)


def test_setiap_model_data_kantor_dilacak():
    lupa = [
        m._meta.label
        for app in APP_KANTOR
        for m in apps.get_app_config(app).get_models()
        if m._meta.label not in TIDAK_DILACAK and not auditlog.contains(m)
    ]
    assert lupa == [], f"add these to AUDITLOG_INCLUDE_TRACKING_MODELS: {lupa}"


def test_kata_sandi_tidak_masuk_jejak(pk):
    pk.set_password("kata-sandi-baru-yang-panjang")
    pk.save()
    for e in JejakAudit.objects.all():
        assert "password" not in (e.changes or {})


@pytest.fixture
def entri(pk):
    return catat_peristiwa(Peristiwa.EKSPOR, pelaku=pk, data={"berkas": "x.csv"})


def test_entri_tidak_dapat_diubah_atau_dihapus(entri):
    entri.object_repr = "diubah"
    with pytest.raises(JejakTidakBolehDiubah):
        entri.save()
    with pytest.raises(JejakTidakBolehDiubah):
        entri.delete()
    with pytest.raises(JejakTidakBolehDiubah):
        JejakAudit.objects.filter(pk=entri.pk).update(object_repr="diubah")
    with pytest.raises(JejakTidakBolehDiubah):
        JejakAudit.objects.filter(pk=entri.pk).delete()
    with pytest.raises(JejakTidakBolehDiubah):
        JejakAudit.objects.bulk_update([entri], ["object_repr"])
    segar = JejakAudit.objects.get(pk=entri.pk)
    assert segar.object_repr == "" and segar.additional_data == {"berkas": "x.csv"}


def test_pelaku_permintaan_sebelumnya_tidak_terbawa(client, pk, unit):
    """auditlog keeps the request's actor in a context variable; after the request, a write
    made outside any request (a command, the next job on the thread) has no actor."""
    client.force_login(pk)
    client.get(reverse("klien:caseload"))
    KlienFactory(unit=unit, pk_pembimbing=pk)
    e = JejakAudit.objects.filter(jenis=Peristiwa.BUAT, content_type__model="klien").get()
    assert e.actor is None


def _di(waktu: datetime.datetime, **kwargs):
    with time_machine.travel(waktu, tick=False):
        return catat_peristiwa(**kwargs)


@pytest.fixture
def riwayat(unit, pk, pk_lain, kasi_lain):
    """pk opened clients A (09:00) and B (11:00), pk_lain opened A (10:00), on 2 March
    2026 WITA; another office's Kasi opened one of theirs."""
    a = KlienFactory(unit=unit, pk_pembimbing=pk, nama="Klien Alfa")
    b = KlienFactory(unit=unit, pk_pembimbing=pk, nama="Klien Beta")
    pk_sana = UserFactory(peran="PK", unit=kasi_lain.unit)
    lain = KlienFactory(unit=kasi_lain.unit, pk_pembimbing=pk_sana, nama="Klien Kantor Lain")
    hari = datetime.datetime(2026, 3, 2, tzinfo=WITA)
    _di(hari.replace(hour=9), jenis=Peristiwa.LIHAT, pelaku=pk, objek=a)
    _di(hari.replace(hour=10), jenis=Peristiwa.LIHAT, pelaku=pk_lain, objek=a)
    _di(hari.replace(hour=11), jenis=Peristiwa.LIHAT, pelaku=pk, objek=b)
    _di(hari.replace(hour=10), jenis=Peristiwa.LIHAT, pelaku=kasi_lain, objek=lain)
    return a, b


def _cari(client, **q):
    resp = client.get(reverse("jejak:cari"), q)
    assert resp.status_code == 200
    return resp.content.decode(), list(resp.context["halaman"])


def test_siapa_membuka_klien_k(client, kabapas, riwayat, pk, pk_lain):
    a, _ = riwayat
    client.force_login(kabapas)
    html, hasil = _cari(client, klien=a.pk, jenis="lihat")
    assert [e.actor for e in hasil] == [pk_lain, pk]  # newest first
    assert "Klien Beta" not in html


def test_klien_siapa_yang_dibuka_u_antara_t1_dan_t2(client, admin_unit, riwayat, pk):
    a, b = riwayat
    client.force_login(admin_unit)
    html, hasil = _cari(
        client, pelaku=pk.pk, jenis="lihat", dari="2026-03-02T08:30", sampai="2026-03-02T09:30"
    )
    assert [e.klien_id for e in hasil] == [a.pk]
    _, hasil = _cari(client, pelaku=pk.pk, dari="2026-03-02T08:00", sampai="2026-03-02T12:00")
    assert [e.klien_id for e in hasil] == [b.pk, a.pk]
    # times are entered and shown in the office's time zone (WITA), stored in UTC
    assert "02-03-2026 09:00:00" in html
    assert hasil[-1].timestamp == datetime.datetime(2026, 3, 2, 1, 0, tzinfo=datetime.UTC)


def test_jejak_kantor_lain_tidak_terlihat(client, kabapas, riwayat):
    client.force_login(kabapas)
    html, hasil = _cari(client, jenis="lihat")
    assert len(hasil) == 3 and "Klien Kantor Lain" not in html


def test_saringan_tidak_sah_diberi_pesan_bukan_500(client, kabapas, riwayat):
    client.force_login(kabapas)
    html, _ = _cari(client, dari="kemarin", klien="abc", jenis="<script>")
    assert "<script>" not in html
    assert "Masukkan tanggal/waktu yang valid." in html or "Enter a valid" in html


def test_halaman_jejak_jumlah_query_tetap(client, kabapas, pk, unit, django_assert_num_queries):
    client.force_login(kabapas)
    klien = KlienFactory(unit=unit, pk_pembimbing=pk)

    def isi(n):
        for _ in range(n):
            catat_peristiwa(Peristiwa.LIHAT, pelaku=pk, objek=klien)

    isi(5)
    client.get(reverse("jejak:cari"))  # warm the content-type cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as lima:
        client.get(reverse("jejak:cari"))
    isi(45)
    with django_assert_num_queries(len(lima.captured_queries)):
        client.get(reverse("jejak:cari"))


def test_ekspor_jejak_tersaring_dan_tercatat(client, kabapas, riwayat, pk):
    import csv
    import io

    a, _ = riwayat
    client.force_login(kabapas)
    resp = client.get(reverse("jejak:ekspor"), {"klien": a.pk, "jenis": "lihat"})
    assert resp.status_code == 200 and resp["Content-Type"].startswith("text/csv")
    isi = b"".join(resp.streaming_content).decode("utf-8-sig")
    baris = list(csv.DictReader(io.StringIO(isi)))
    assert [b["pengguna"] for b in baris] == ["pk-lain-uji", pk.username]
    assert baris[-1]["waktu"] == "2026-03-02T09:00:00+08:00"  # office time
    assert "Klien Kantor Lain" not in isi
    (e,) = JejakAudit.objects.filter(jenis=Peristiwa.EKSPOR)
    assert e.actor == kabapas and e.additional_data["baris"] == 2


def test_kantor_baris_terkait_diambil_dari_kliennya_bukan_dari_pencatatnya(pk, kasi_lain):
    """A status row recorded by someone of another office (a Kanwil audit, a transfer)
    belongs to the client's office."""
    from klien.models import RiwayatStatus

    klien = KlienFactory(unit=pk.unit, pk_pembimbing=pk)
    RiwayatStatus.objects.create(
        klien=klien, oleh=kasi_lain, status_baru="AKTIF", tanggal=klien.tanggal_mulai, alasan="x"
    )
    e = JejakAudit.objects.get(jenis=Peristiwa.BUAT, content_type__model="riwayatstatus")
    assert e.unit_id == pk.unit_id != kasi_lain.unit_id


def test_redaksi_tidak_satu_perintah_per_entri(pk, django_assert_max_num_queries):
    """A client's trail is mostly page views; the redaction does not visit them one by one."""
    klien = KlienFactory(unit=pk.unit, pk_pembimbing=pk)
    for _ in range(30):
        catat_peristiwa(Peristiwa.LIHAT, pelaku=pk, objek=klien)
    with django_assert_max_num_queries(8):
        assert JejakAudit.objects.redaksi_klien(klien.pk, {"nama"}) == 31
    assert not JejakAudit.objects.filter(klien_id=klien.pk, object_repr__contains=klien.nama)
    (buat,) = JejakAudit.objects.filter(klien_id=klien.pk, jenis=Peristiwa.BUAT)
    assert buat.changes["nama"] == ["[dihapus: retensi]", "[dihapus: retensi]"]
