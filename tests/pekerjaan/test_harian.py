"""The daily jobs, started by the schedule and run through the queue: the awaiting-evidence
deadlines (the consecutive misses recounted, per office), the agreements lapsed or lapsing
(the office's own), the retention run (a dry run until RETENSI_OTOMATIS, then the due
clients anonymised), and the clearing of old jobs with their files."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from akun.models import Peran
from jejak.models import JejakAudit, Peristiwa
from klien import services
from klien.models import Klien
from pekerjaan import pelaksana
from pekerjaan.models import Pekerjaan, StatusPekerjaan
from pekerjaan.tasks import jadwal_tugas
from pembimbingan.models import Kehadiran
from pembimbingan.pilihan import HasilHadir, JenisSesi
from pembimbingan.services import HasilKehadiran, sesi_catat_kehadiran
from pokmas.pilihan import StatusMitra
from tests.factories import DesaFactory, UserFactory
from tests.klien.factories import KlienFactory
from tests.klien.test_retensi import T0, T_JALAN, _akhiri, _potret
from tests.pembimbingan.factories import SesiFactory
from tests.pokmas.factories import MitraFactory, PerjanjianFactory

from .antrean import kerjakan_antrean

WITA = ZoneInfo("Asia/Makassar")
UTC = datetime.UTC


def _pada(hari: datetime.date, jam: int, menit: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(hari, datetime.time(jam, menit), tzinfo=WITA)


def _jalankan_jadwal(
    time_machine, saat: datetime.datetime
) -> dict[tuple[str, int | None], Pekerjaan]:
    """The schedule's beat at `saat`, then the queue run: each job as it ended, by kind and
    office."""
    time_machine.move_to(saat, tick=False)
    dimulai = pelaksana.mulai_terjadwal()
    assert dimulai
    kerjakan_antrean()
    hasil = {}
    for p in Pekerjaan.objects.filter(pk__in=[p.pk for p in dimulai]):
        assert p.status == StatusPekerjaan.SELESAI, (p.jenis, p.pesan_galat)
        hasil[(p.jenis, p.unit_id)] = p
    return hasil


@pytest.fixture
def pk_sana(unit_lain):
    return UserFactory(username="pk-sana-uji", peran=Peran.PK, unit=unit_lain)


# -- pembimbingan.batas_keterangan -------------------------------------------------------


def _menunggu_keterangan(pk) -> Klien:
    """A client who missed a wajib lapor yesterday, awaiting evidence (as in
    tests/pembimbingan/test_layanan_kehadiran.py)."""
    klien = KlienFactory(pk_pembimbing=pk)
    sesi = SesiFactory(
        program=None,
        klien=klien,
        jenis=JenisSesi.WAJIB_LAPOR,
        pk_pencatat=pk,
        mulai=timezone.now() - datetime.timedelta(days=1),
    )
    sesi_catat_kehadiran(
        sesi=sesi,
        oleh=pk,
        hasil={klien.pk: HasilKehadiran(HasilHadir.MENUNGGU_KETERANGAN)},
        versi=0,
    )
    klien.refresh_from_db()
    assert klien.mangkir_berturut == 0
    return klien


def test_batas_keterangan_lewat_dihitung_ulang_per_kantor(time_machine, unit, pk, pk_sana):
    time_machine.move_to(datetime.datetime(2026, 3, 2, 10, tzinfo=UTC), tick=False)
    lewat = _menunggu_keterangan(pk)
    lewat_sana = _menunggu_keterangan(pk_sana)
    assert Kehadiran.objects.get(klien=lewat).batas_keterangan == datetime.date(2026, 3, 5)
    time_machine.move_to(datetime.datetime(2026, 3, 5, 10, tzinfo=UTC), tick=False)
    belum = _menunggu_keterangan(pk)  # its deadline is days away
    assert Kehadiran.objects.get(klien=belum).batas_keterangan > datetime.date(2026, 3, 6)

    # 00:35 WITA on the 6th: the deadline of the 5th has passed; nothing recounted it yet
    hasil = _jalankan_jadwal(time_machine, _pada(datetime.date(2026, 3, 6), 0, 35))

    assert set(hasil) == {
        ("pembimbingan.batas_keterangan", unit.pk),
        ("pembimbingan.batas_keterangan", pk_sana.unit_id),
    }
    for k, mangkir in ((lewat, 1), (lewat_sana, 1), (belum, 0)):
        k.refresh_from_db()
        assert k.mangkir_berturut == mangkir, k
    for p in hasil.values():
        assert p.ringkasan["klien"] == 1  # its office's client only
        assert (p.progres, p.total) == (1, 1)
        assert p.ringkasan["baris"] == [
            "1 klien punya ketidakhadiran yang batas keterangannya lewat; "
            "ketidakhadiran berturut-turut mereka dihitung ulang."
        ]

    # the next day's run counts them again, the same
    hasil = _jalankan_jadwal(time_machine, _pada(datetime.date(2026, 3, 7), 0, 35))
    for k, mangkir in ((lewat, 1), (lewat_sana, 1), (belum, 0)):
        k.refresh_from_db()
        assert k.mangkir_berturut == mangkir, k


# -- pokmas.pks ----------------------------------------------------------------------------

HARI_PKS = datetime.date(2026, 12, 6)


def _pks(unit, selesai: datetime.date, nama: str):
    mitra = MitraFactory(unit=unit, status=StatusMitra.AKTIF, nama=nama)
    return PerjanjianFactory(
        mitra=mitra,
        tanggal_mulai=datetime.date(2024, 1, 1),
        tanggal_selesai=selesai,
        nomor=f"PKS/{nama}",
    )


def test_pks_kedaluwarsa_kantor_sendiri(time_machine, unit, unit_lain, client, admin_unit):
    time_machine.move_to(_pada(HARI_PKS, 0, 10), tick=False)
    _pks(unit, HARI_PKS - datetime.timedelta(days=1), "Yayasan Lewat")
    _pks(unit, HARI_PKS + datetime.timedelta(days=10), "Yayasan Segera")
    _pks(unit, HARI_PKS + datetime.timedelta(days=400), "Yayasan Aman")
    _pks(unit_lain, HARI_PKS - datetime.timedelta(days=3), "Yayasan Sana")

    hasil = _jalankan_jadwal(time_machine, _pada(HARI_PKS, 0, 50))

    sini = hasil[("pokmas.pks", unit.pk)]
    assert (sini.ringkasan["kedaluwarsa"], sini.ringkasan["segera_berakhir"]) == (1, 1)
    baris = sini.ringkasan["baris"]
    assert len(baris) == 2
    assert baris[0].startswith("Yayasan Lewat: PKS PKS/Yayasan Lewat berakhir ")
    assert baris[0].endswith("; perpanjang atau nonaktifkan.")
    assert baris[1].startswith("Yayasan Segera: PKS PKS/Yayasan Segera berakhir ")
    assert baris[1].endswith("(10 hari lagi).")
    assert not any("Sana" in b or "Aman" in b for b in baris)
    assert sini.ringkasan["tautan"] == reverse("pokmas:mitra-list")

    sana = hasil[("pokmas.pks", unit_lain.pk)]
    assert (sana.ringkasan["kedaluwarsa"], sana.ringkasan["segera_berakhir"]) == (1, 0)
    assert len(sana.ringkasan["baris"]) == 1 and "Yayasan Sana" in sana.ringkasan["baris"][0]

    # the office's Admin reads the day's list on the job's page
    client.force_login(admin_unit)
    teks = client.get(sini.get_absolute_url()).content.decode()
    assert "Yayasan Lewat" in teks and "Yayasan Sana" not in teks
    assert client.get(sana.get_absolute_url()).status_code == 404


def test_pks_tanpa_yang_perlu_diperbarui(time_machine, unit):
    time_machine.move_to(_pada(HARI_PKS, 0, 10), tick=False)
    _pks(unit, HARI_PKS + datetime.timedelta(days=400), "Yayasan Aman")
    hasil = _jalankan_jadwal(time_machine, _pada(HARI_PKS, 0, 50))
    p = hasil[("pokmas.pks", unit.pk)]
    assert p.ringkasan["baris"] == [
        "Tidak ada PKS yang lewat masa berlakunya atau segera berakhir."
    ]
    assert (p.ringkasan["kedaluwarsa"], p.ringkasan["segera_berakhir"]) == (0, 0)


# -- klien.retensi --------------------------------------------------------------------------


@pytest.fixture
def desa(unit):
    d = DesaFactory()
    unit.wilayah_kerja.add(d.kecamatan.kabupaten)
    return d


@pytest.fixture
def retensi(time_machine, unit, unit_lain, pk, kasi, pk_sana, desa):
    """Ended on T0 (tests/klien/test_retensi.py): in `unit` a and b due, c held; d still
    running; in `unit_lain` f due. The clock then at 01:05 WITA on T_JALAN's day."""
    time_machine.move_to(T0, tick=False)
    a = _akhiri(KlienFactory(pk_pembimbing=pk, desa=desa), pk)
    b = _akhiri(KlienFactory(pk_pembimbing=pk, desa=desa), pk, status="DICABUT")
    c = _akhiri(KlienFactory(pk_pembimbing=pk, desa=desa), pk)
    services.klien_ubah(
        klien=c, oleh=kasi, data={"tahan_hukum": True, "tahan_hukum_alasan": "Banding"}
    )
    d = KlienFactory(pk_pembimbing=pk, desa=desa)
    f = _akhiri(KlienFactory(pk_pembimbing=pk_sana, desa=DesaFactory()), pk_sana)
    return {"a": a, "b": b, "c": c, "d": d, "f": f}


SAAT_RETENSI = _pada(T_JALAN.date(), 1, 5)


def test_retensi_uji_coba_tidak_mengubah_apa_pun(retensi, time_machine, unit, unit_lain, settings):
    settings.RETENSI_OTOMATIS = False
    time_machine.move_to(SAAT_RETENSI, tick=False)
    sebelum = _potret()

    hasil = _jalankan_jadwal(time_machine, SAAT_RETENSI)

    assert _potret() == sebelum
    sini = hasil[("klien.retensi", unit.pk)]
    assert sini.pemilik is None and sini.unit_id == unit.pk
    ringkasan = {k: v for k, v in sini.ringkasan.items() if k != "baris"}
    assert ringkasan == {
        "jatuh_tempo": 2,
        "ditahan": 1,
        "dianonimkan": 0,
        "gagal": 0,
        "uji_coba": True,
    }
    assert sini.ringkasan["baris"][0].startswith(
        "Uji coba: 2 klien lewat masa retensi, 1 ditahan untuk perkara hukum. Tidak ada yang diubah"
    )
    assert hasil[("klien.retensi", unit_lain.pk)].ringkasan["jatuh_tempo"] == 1
    assert not Klien.objects.filter(dianonimkan_pada__isnull=False).exists()
    assert not JejakAudit.objects.filter(jenis=Peristiwa.ANONIMISASI).exists()


def test_retensi_otomatis_menganonimkan_yang_jatuh_tempo(retensi, time_machine, unit, settings):
    settings.RETENSI_OTOMATIS = True
    time_machine.move_to(SAAT_RETENSI, tick=False)
    tetap = {n: Klien.objects.filter(pk=retensi[n].pk).values().get() for n in ("c", "d")}

    hasil = _jalankan_jadwal(time_machine, SAAT_RETENSI)

    sini = hasil[("klien.retensi", unit.pk)]
    assert (sini.ringkasan["dianonimkan"], sini.ringkasan["gagal"]) == (2, 0)
    assert sini.ringkasan["uji_coba"] is False
    assert (sini.progres, sini.total) == (2, 2)
    for n in ("a", "b", "f"):
        k = Klien.objects.get(pk=retensi[n].pk)
        assert k.dianonimkan_pada is not None, n
        assert (k.nik, k.nama, k.no_register) == ("", f"Klien anonim {k.pk}", f"ANON-{k.pk}")
    for n, nilai in tetap.items():
        assert Klien.objects.filter(pk=retensi[n].pk).values().get() == nilai, n
    anonim = JejakAudit.objects.filter(jenis=Peristiwa.ANONIMISASI)
    assert sorted(anonim.values_list("klien_id", flat=True)) == sorted(
        retensi[n].pk for n in ("a", "b", "f")
    )

    # the next day's run finds nothing left to do
    besok = _jalankan_jadwal(time_machine, SAAT_RETENSI + datetime.timedelta(days=1))
    ringkasan = besok[("klien.retensi", unit.pk)].ringkasan
    assert (ringkasan["jatuh_tempo"], ringkasan["dianonimkan"]) == (0, 0)
    assert anonim.count() == 3


# -- pekerjaan.bersihkan -------------------------------------------------------------------


def _pekerjaan_lama(status, *, hari_lalu: int, berkas: bool = True) -> Pekerjaan:
    saat = timezone.now() - datetime.timedelta(days=hari_lalu)
    p = Pekerjaan.objects.create(
        jenis="pekerjaan.bersihkan",
        status=status,
        pesan_galat="Gagal." if status == StatusPekerjaan.GAGAL else "",
    )
    if berkas:
        p.berkas_masukan.save("masukan.csv", ContentFile(b"masukan"), save=False)
        p.berkas_hasil.save("hasil.csv", ContentFile(b"hasil"), save=False)
        p.save()
    akhir = saat if status in (StatusPekerjaan.SELESAI, StatusPekerjaan.GAGAL) else None
    Pekerjaan.objects.filter(pk=p.pk).update(dibuat=saat, selesai=akhir, denyut=saat)
    p.refresh_from_db()
    return p


def _tugas_selesai(hari_lalu: int) -> DBTaskResult:
    hasil = jadwal_tugas.enqueue()
    DBTaskResult.objects.filter(pk=hasil.id).update(
        status="SUCCESSFUL", finished_at=timezone.now() - datetime.timedelta(days=hari_lalu)
    )
    return DBTaskResult.objects.get(pk=hasil.id)


def test_bersihkan_pekerjaan_lama_dan_berkasnya(db, time_machine, settings):
    settings.PEKERJAAN_SIMPAN_HARI = 30
    saat = _pada(datetime.date(2026, 12, 6), 2, 5)
    time_machine.move_to(saat, tick=False)
    lama = _pekerjaan_lama(StatusPekerjaan.SELESAI, hari_lalu=31)
    lama_gagal = _pekerjaan_lama(StatusPekerjaan.GAGAL, hari_lalu=45)
    baru = _pekerjaan_lama(StatusPekerjaan.SELESAI, hari_lalu=29)
    terbuka = _pekerjaan_lama(StatusPekerjaan.MENUNGGU, hari_lalu=60)
    macet = _pekerjaan_lama(StatusPekerjaan.BERJALAN, hari_lalu=60, berkas=False)
    berkas_lama = [lama.berkas_masukan.name, lama.berkas_hasil.name, lama_gagal.berkas_hasil.name]
    assert all(default_storage.exists(n) for n in berkas_lama)
    tugas_lama, tugas_baru = _tugas_selesai(31), _tugas_selesai(1)

    hasil = _jalankan_jadwal(time_machine, saat)

    (p,) = hasil.values()
    assert p.jenis == "pekerjaan.bersihkan" and p.unit_id is None
    assert p.ringkasan["pekerjaan_dihapus"] == 2 and p.ringkasan["tugas_dihapus"] == 1
    assert p.ringkasan["baris"] == ["2 pekerjaan lebih tua dari 30 hari dihapus bersama berkasnya."]
    tersisa = set(Pekerjaan.objects.values_list("pk", flat=True))
    assert tersisa == {baru.pk, terbuka.pk, macet.pk, p.pk}
    assert not any(default_storage.exists(n) for n in berkas_lama)
    for q in (baru, terbuka):
        assert default_storage.exists(q.berkas_masukan.name)
        assert default_storage.exists(q.berkas_hasil.name)
    assert not DBTaskResult.objects.filter(pk=tugas_lama.pk).exists()
    assert DBTaskResult.objects.filter(pk=tugas_baru.pk).exists()
    assert DBTaskResult.objects.filter(pk=p.tugas_id).exists()  # its own task: kept
