"""sesi_catat_kehadiran: one transaction, a fixed number of queries, safe to repeat, never
overwriting someone else's save unseen; and the consecutive misses it pushes to the client."""

import datetime
import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.utils import timezone

from jejak.models import JejakAudit, Peristiwa
from klien.querysets import MANGKIR_DASAR_PENCABUTAN
from pembimbingan.models import Kehadiran, Peserta, Sesi
from pembimbingan.pilihan import AlasanAbsen, HasilHadir, JenisSesi
from pembimbingan.services import (
    HasilKehadiran,
    kepatuhan_hitung_ulang,
    peserta_keluar,
    sesi_buat,
    sesi_catat_kehadiran,
    tambah_hari_kerja,
)
from tests.klien.factories import KlienFactory
from tests.pembimbingan.factories import PesertaFactory, ProgramFactory, SesiFactory

HADIR = HasilKehadiran(HasilHadir.HADIR)
TIDAK = HasilKehadiran(HasilHadir.TIDAK_HADIR)
IZIN_UPACARA = HasilKehadiran(HasilHadir.IZIN, alasan=AlasanAbsen.UPACARA_AGAMA_ADAT)


@pytest.fixture
def program(unit):
    return ProgramFactory(unit=unit)


def _peserta(program, pk, n: int) -> list:
    return [
        PesertaFactory(program=program, klien=KlienFactory(pk_pembimbing=pk)).klien
        for _ in range(n)
    ]


@pytest.fixture
def kelompok(program, pk, pk_lain):
    """A group session yesterday with five participants (three of pk's, two of pk_lain's)."""
    klien = _peserta(program, pk, 3) + _peserta(program, pk_lain, 2)
    return SesiFactory(program=program, pk_pencatat=pk), klien


def _jejak_kehadiran():
    return JejakAudit.objects.filter(content_type__model="kehadiran")


def test_semua_hadir(kelompok, pk):
    sesi, klien = kelompok
    hasil = sesi_catat_kehadiran(
        sesi=sesi, oleh=pk, hasil=dict.fromkeys([k.pk for k in klien], HADIR), versi=0
    )
    assert hasil.versi == 1 and Sesi.objects.get(pk=sesi.pk).versi == 1
    rows = Kehadiran.objects.filter(sesi=sesi)
    assert sorted(r.klien_id for r in rows) == sorted(k.pk for k in klien)
    assert {(r.hasil, r.dapat_diterima, r.unit_id, r.oleh_id) for r in rows} == {
        (HasilHadir.HADIR, None, sesi.unit_id, pk.pk)
    }
    # the trail holds each row's creation, as auditlog would have written it
    entri = list(_jejak_kehadiran())
    assert len(entri) == 5
    assert {e.jenis for e in entri} == {Peristiwa.BUAT}
    assert {e.klien_id for e in entri} == {k.pk for k in klien}
    assert {e.object_pk for e in entri} == {str(r.pk) for r in rows}
    assert {(e.actor_id, e.unit_id, e.peran) for e in entri} == {(pk.pk, sesi.unit_id, "PK")}
    assert entri[0].changes["hasil"] == [None, "hadir"]


def test_hasil_campuran(kelompok, pk):
    sesi, (a, b, c, d, e) = kelompok
    sesi_catat_kehadiran(
        sesi=sesi,
        oleh=pk,
        versi=0,
        hasil={
            a.pk: HADIR,
            b.pk: IZIN_UPACARA,
            c.pk: HasilKehadiran(HasilHadir.TIDAK_HADIR, alasan=AlasanAbsen.PEKERJAAN),
            d.pk: HasilKehadiran(
                HasilHadir.MENUNGGU_KETERANGAN, keterangan="Surat dokter menyusul"
            ),
            e.pk: HasilKehadiran(HasilHadir.HADIR_TIDAK_MENGIKUTI_ARAHAN, keterangan="Terlambat"),
        },
    )
    r = {k.klien_id: k for k in Kehadiran.objects.filter(sesi=sesi)}
    assert (r[b.pk].hasil, r[b.pk].alasan, r[b.pk].dapat_diterima) == (
        "izin",
        "upacara_agama_adat",
        True,
    )
    assert (r[c.pk].hasil, r[c.pk].dapat_diterima) == ("tidak_hadir", False)
    assert r[d.pk].dapat_diterima is None and r[d.pk].keterangan == "Surat dokter menyusul"
    dari = max(timezone.localdate(sesi.mulai), timezone.localdate())
    assert r[d.pk].batas_keterangan == tambah_hari_kerja(dari, 3)
    assert r[e.pk].dapat_diterima is None
    # only the unacceptable absence is a miss; izin and awaiting evidence (in time) are not
    c.refresh_from_db()
    b.refresh_from_db()
    d.refresh_from_db()
    assert (c.mangkir_berturut, b.mangkir_berturut, d.mangkir_berturut) == (1, 0, 0)


def test_isian_tidak_sah_ditolak_per_klien_tanpa_menulis(kelompok, pk):
    sesi, (a, b, *_) = kelompok
    with pytest.raises(ValidationError) as info:
        sesi_catat_kehadiran(
            sesi=sesi,
            oleh=pk,
            versi=0,
            hasil={
                a.pk: HasilKehadiran(HasilHadir.IZIN),
                b.pk: HasilKehadiran(HasilHadir.HADIR, alasan="sakit"),
            },
        )
    assert info.value.message_dict == {
        f"hasil_{a.pk}": ["Izin harus disertai alasan."],
        f"hasil_{b.pk}": ["Klien yang hadir tidak memerlukan alasan absen."],
    }
    assert not Kehadiran.objects.exists() and not _jejak_kehadiran().exists()


def test_kiriman_berulang_tidak_mengubah_apa_pun(kelompok, pk):
    sesi, klien = kelompok
    isian = {k.pk: HADIR for k in klien} | {klien[0].pk: TIDAK, klien[1].pk: IZIN_UPACARA}
    sesi_catat_kehadiran(sesi=sesi, oleh=pk, hasil=isian, versi=0)
    sebelum = list(Kehadiran.objects.order_by("pk").values())
    n_jejak = JejakAudit.objects.count()
    # a double tap (the same form, its old version) and a retry with the new version
    for versi in (0, 1):
        hasil = sesi_catat_kehadiran(sesi=sesi, oleh=pk, hasil=dict(isian), versi=versi)
        assert hasil.versi == 1
    assert list(Kehadiran.objects.order_by("pk").values()) == sebelum
    assert Kehadiran.objects.count() == 5
    assert JejakAudit.objects.count() == n_jejak
    klien[0].refresh_from_db()
    assert klien[0].mangkir_berturut == 1


def test_perubahan_dicatat_sebagai_ubah(kelompok, pk, kasi):
    sesi, (a, *_) = kelompok
    sesi_catat_kehadiran(sesi=sesi, oleh=pk, hasil={a.pk: TIDAK}, versi=0)
    sesi_catat_kehadiran(sesi=sesi, oleh=kasi, hasil={a.pk: IZIN_UPACARA}, versi=1)
    row = Kehadiran.objects.get(sesi=sesi, klien=a)
    assert (row.hasil, row.oleh_id) == ("izin", kasi.pk)
    (ubah,) = _jejak_kehadiran().filter(jenis=Peristiwa.UBAH)
    assert ubah.object_pk == str(row.pk) and ubah.actor_id == kasi.pk
    assert ubah.changes["hasil"] == ["tidak_hadir", "izin"]
    assert ubah.changes["dapat_diterima"] == [False, True]
    a.refresh_from_db()
    assert a.mangkir_berturut == 0


def test_versi_usang_ditolak_dengan_perbedaannya(kelompok, pk, pk_lain):
    sesi, (a, b, *_) = kelompok
    sesi_catat_kehadiran(sesi=sesi, oleh=pk, hasil={a.pk: HADIR, b.pk: HADIR}, versi=0)
    sebelum = list(Kehadiran.objects.order_by("pk").values())
    n_jejak = JejakAudit.objects.count()
    # pk_lain opened the form before pk saved, and marks b absent
    with pytest.raises(ValidationError) as info:
        sesi_catat_kehadiran(sesi=sesi, oleh=pk_lain, hasil={a.pk: HADIR, b.pk: TIDAK}, versi=0)
    (pesan, beda) = info.value.message_dict["versi"]
    assert "sudah diubah orang lain" in pesan
    assert beda.startswith(b.nama) and "tersimpan Hadir" in beda and "Tidak hadir" in beda
    assert a.nama not in beda  # the same on both sides: not a difference
    assert list(Kehadiran.objects.order_by("pk").values()) == sebelum
    assert JejakAudit.objects.count() == n_jejak
    assert Sesi.objects.get(pk=sesi.pk).versi == 1


def test_klien_bukan_peserta_ditolak_tanpa_menulis(kelompok, pk, program):
    sesi, (a, *_) = kelompok
    bukan = KlienFactory(pk_pembimbing=pk)  # a client of the office, not enrolled
    keluar = PesertaFactory(program=program, klien=KlienFactory(pk_pembimbing=pk))
    peserta_keluar(
        peserta=keluar,
        oleh=pk,
        status="keluar",
        tanggal=timezone.localdate() - datetime.timedelta(days=10),
        alasan="Pindah kerja",
    )
    with pytest.raises(ValidationError) as info:
        sesi_catat_kehadiran(
            sesi=sesi,
            oleh=pk,
            versi=0,
            hasil={a.pk: HADIR, bukan.pk: HADIR, keluar.klien_id: HADIR},
        )
    assert str(bukan.pk) in info.value.message_dict["hasil"][0]
    assert str(keluar.klien_id) in info.value.message_dict["hasil"][0]
    assert not Kehadiran.objects.exists() and not _jejak_kehadiran().exists()
    assert Sesi.objects.get(pk=sesi.pk).versi == 0


def test_sesi_kantor_lain(kelompok, pk, kasi, kasi_lain, kanwil):
    sesi, klien = kelompok
    assert list(Sesi.objects.for_user(kasi)) == [sesi]
    assert list(Sesi.objects.for_user(pk)) == [sesi]  # a group session of the office
    assert not Sesi.objects.for_user(kasi_lain).exists()
    assert not Sesi.objects.for_user(kanwil).exists()
    with pytest.raises(Sesi.DoesNotExist):
        sesi_catat_kehadiran(sesi=sesi, oleh=kasi_lain, hasil={klien[0].pk: HADIR}, versi=0)
    assert not Kehadiran.objects.exists()


def test_pk_melihat_sesi_individu_kliennya_sendiri(pk, pk_lain, kasi):
    milik_pk = KlienFactory(pk_pembimbing=pk)
    milik_lain = KlienFactory(pk_pembimbing=pk_lain)
    lapor_pk = SesiFactory(
        program=None, klien=milik_pk, jenis=JenisSesi.WAJIB_LAPOR, pk_pencatat=pk
    )
    lapor_lain = SesiFactory(
        program=None, klien=milik_lain, jenis=JenisSesi.WAJIB_LAPOR, pk_pencatat=pk_lain
    )
    assert list(Sesi.objects.for_user(pk)) == [lapor_pk]
    assert set(Sesi.objects.for_user(kasi)) == {lapor_pk, lapor_lain}
    with pytest.raises(Sesi.DoesNotExist):
        sesi_catat_kehadiran(sesi=lapor_lain, oleh=pk, hasil={milik_lain.pk: HADIR}, versi=0)
    sesi_catat_kehadiran(sesi=lapor_lain, oleh=kasi, hasil={milik_lain.pk: TIDAK}, versi=0)
    assert list(Kehadiran.objects.for_user(pk)) == []
    assert Kehadiran.objects.for_user(pk_lain).get().klien == milik_lain


def test_sesi_mendatang_belum_dapat_dicatat(program, pk):
    (a,) = _peserta(program, pk, 1)
    besok = SesiFactory(program=program, mulai=timezone.now() + datetime.timedelta(days=1))
    with pytest.raises(ValidationError, match="sebelum hari sesi"):
        sesi_catat_kehadiran(sesi=besok, oleh=pk, hasil={a.pk: HADIR}, versi=0)


# The queries of one save, whatever the group size (every client's standing unchanged):
#  1. SAVEPOINT (the service's transaction, inside the test's)
#  2. SELECT the session (and its office) FOR UPDATE OF the session, scoped by for_user
#  3. SELECT the clients of the session (its programme's participants on its day)
#  4. SELECT the stored attendance rows of the session
#  5. INSERT ... ON CONFLICT (sesi_id, klien_id) DO UPDATE: the new and changed rows
#  6. INSERT the audit entries, one statement (jejak.massal)
#  7. SELECT the grain of the written rows: their sessions' programme, kind, mode and month,
#     their clients' category and kabupaten (one joined read; rekap.rekap_terapkan)
#  8. INSERT ... ON CONFLICT DO UPDATE SET jumlah = jumlah + EXCLUDED.jumlah: the attendance
#     rollup's cells, one statement
#  9. the same for the rollup's office cells (RekapKehadiranKantor), one statement
#     (7 to 9 only when a count moves: an outcome or a reason)
# 10. UPDATE the session's versi
# 11. SELECT the clients FOR NO KEY UPDATE (two saves sharing a client count in turn)
# 12. SELECT the consecutive misses of all the clients (one grouped query)
# 13. RELEASE SAVEPOINT
# A client whose standing changes adds klien_setel_kepatuhan_lapor's own queries.
KUERI_SIMPAN = 13
KUERI_SIMPAN_TANPA_REKAP = KUERI_SIMPAN - 3  # only notes changed: no count moves


@pytest.mark.parametrize("n", [5, 40])
def test_jumlah_kueri_tetap(program, pk, n, django_assert_num_queries):
    klien = _peserta(program, pk, n)
    sesi = SesiFactory(program=program, pk_pencatat=pk)
    ContentType.objects.get_for_model(Kehadiran)  # its cache warm, as in a running server
    with django_assert_num_queries(KUERI_SIMPAN):
        sesi_catat_kehadiran(sesi=sesi, oleh=pk, hasil={k.pk: HADIR for k in klien}, versi=0)
    assert Kehadiran.objects.filter(sesi=sesi).count() == n
    # a correction of the whole group's notes: the same number, without the rollup's two
    with django_assert_num_queries(KUERI_SIMPAN_TANPA_REKAP):
        sesi_catat_kehadiran(
            sesi=sesi,
            oleh=pk,
            hasil={k.pk: HasilKehadiran(HasilHadir.HADIR, keterangan="Aktif") for k in klien},
            versi=1,
        )
    assert _jejak_kehadiran().filter(jenis=Peristiwa.UBAH).count() == n
    # a correction of the whole group's outcomes (an accepted absence: no standing changes)
    with django_assert_num_queries(KUERI_SIMPAN):
        sesi_catat_kehadiran(sesi=sesi, oleh=pk, hasil={k.pk: IZIN_UPACARA for k in klien}, versi=2)
    assert _jejak_kehadiran().filter(jenis=Peristiwa.UBAH).count() == 2 * n


def _lapor(klien, pk, hari_lalu: int, isian: HasilKehadiran):
    """A wajib lapor report `hari_lalu` days ago, recorded."""
    sesi = SesiFactory(
        program=None,
        klien=klien,
        jenis=JenisSesi.WAJIB_LAPOR,
        pk_pencatat=pk,
        mulai=timezone.now() - datetime.timedelta(days=hari_lalu),
    )
    sesi_catat_kehadiran(sesi=sesi, oleh=pk, hasil={klien.pk: isian}, versi=0)
    klien.refresh_from_db()
    return klien.mangkir_berturut


def test_mangkir_berturut_lintas_sesi(program, pk):
    (k,) = _peserta(program, pk, 1)
    lapor_berikutnya = timezone.localdate() + datetime.timedelta(days=7)
    type(k).objects.filter(pk=k.pk).update(tanggal_lapor_berikutnya=lapor_berikutnya)
    k.refresh_from_db()
    assert _lapor(k, pk, 30, TIDAK) == 1
    assert _lapor(k, pk, 28, IZIN_UPACARA) == 1  # an acceptable absence does not count
    kelompok = SesiFactory(program=program, mulai=timezone.now() - datetime.timedelta(days=26))
    sesi_catat_kehadiran(sesi=kelompok, oleh=pk, hasil={k.pk: TIDAK}, versi=0)
    k.refresh_from_db()
    assert k.mangkir_berturut == 2  # group sessions and reports alike
    assert _lapor(k, pk, 21, HADIR) == 0  # attendance resets
    assert _lapor(k, pk, 14, TIDAK) == 1
    assert _lapor(k, pk, 7, TIDAK) == 2
    assert _lapor(k, pk, 1, TIDAK) == MANGKIR_DASAR_PENCABUTAN
    assert k.tanggal_lapor_berikutnya == lapor_berikutnya  # kept: schedules are not built yet


def test_menunggu_keterangan_menjadi_mangkir_setelah_batasnya(program, pk, time_machine):
    time_machine.move_to(datetime.datetime(2026, 3, 2, 10, tzinfo=datetime.UTC), tick=False)
    (k,) = _peserta(program, pk, 1)
    assert _lapor(k, pk, 1, HasilKehadiran(HasilHadir.MENUNGGU_KETERANGAN)) == 0
    batas = Kehadiran.objects.get(klien=k).batas_keterangan
    assert batas == datetime.date(2026, 3, 5)  # Monday + three working days
    time_machine.move_to(datetime.datetime(2026, 3, 5, 10, tzinfo=datetime.UTC), tick=False)
    kepatuhan_hitung_ulang(klien_ids=[k.pk])
    k.refresh_from_db()
    assert k.mangkir_berturut == 0  # the deadline day itself is still in time
    time_machine.move_to(datetime.datetime(2026, 3, 6, 10, tzinfo=datetime.UTC), tick=False)
    kepatuhan_hitung_ulang(klien_ids=[k.pk])
    k.refresh_from_db()
    assert k.mangkir_berturut == 1


def test_pk_melihat_kehadiran_sesi_kelompok_kantornya(kelompok, pk, pk_lain, kasi_lain, kanwil):
    """A PK records group sessions for the whole office: they see every participant's row
    of them (pk_lain's clients too), and the office's enrolments; another office none."""
    sesi, klien = kelompok
    sesi_catat_kehadiran(sesi=sesi, oleh=pk, hasil={k.pk: HADIR for k in klien}, versi=0)
    for user in (pk, pk_lain):
        assert Kehadiran.objects.for_user(user).count() == 5
        assert Peserta.objects.for_user(user).count() == 5
    for user in (kasi_lain, kanwil):
        assert not Kehadiran.objects.for_user(user).exists()
        assert not Peserta.objects.for_user(user).exists()


def test_sesi_program_kantor_lain_ditolak(pk, kasi_lain):
    program_sana = ProgramFactory(unit=kasi_lain.unit)
    with pytest.raises(ValidationError) as info:
        sesi_buat(oleh=pk, jenis=JenisSesi.KELOMPOK, program=program_sana, mulai=timezone.now())
    assert "program" in info.value.message_dict
    assert not Sesi.objects.exists()


def test_perintah_harian_menghitung_ulang_keterangan_lewat_batas(program, pk, time_machine):
    """`hitung_kepatuhan` (a daily job) finds the clients whose evidence is overdue and
    recounts them; without it their misses never moved (nothing else writes then)."""
    from django.core.management import call_command

    time_machine.move_to(datetime.datetime(2026, 3, 2, 10, tzinfo=datetime.UTC), tick=False)
    (k,) = _peserta(program, pk, 1)
    assert _lapor(k, pk, 1, HasilKehadiran(HasilHadir.MENUNGGU_KETERANGAN)) == 0
    time_machine.move_to(datetime.datetime(2026, 3, 6, 10, tzinfo=datetime.UTC), tick=False)
    keluaran = io.StringIO()
    call_command("hitung_kepatuhan", stdout=keluaran)
    k.refresh_from_db()
    assert k.mangkir_berturut == 1
    assert "1 klien" in keluaran.getvalue()
    call_command("hitung_kepatuhan", stdout=io.StringIO())  # safe to repeat
    k.refresh_from_db()
    assert k.mangkir_berturut == 1
