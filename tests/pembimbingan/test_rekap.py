"""The attendance rollup: in step with the rows after every kind of write (saves, corrections,
a repeated submission, a client's village or category changed, a session's mode changed,
rows deleted with their session), its month in the office's time zone, a fixed number of
queries, the check command finding a tampered cell and the rebuild repairing it, no lost
increment when two sessions are saved at once (PostgreSQL), and the demo in step."""

import datetime
import io
import threading

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from klien.pilihan import Kategori
from klien.services import klien_ubah
from pembimbingan import services
from pembimbingan.models import Kehadiran, RekapKehadiran, RekapKehadiranKantor
from pembimbingan.pilihan import AlasanAbsen, HasilHadir, JenisProgram, JenisSesi, ModaSesi
from pembimbingan.rekap import (
    Kunci,
    hitung,
    ke_kantor,
    perbedaan,
    rekap_terapkan,
    tersimpan,
    tersimpan_kantor,
)
from pembimbingan.selectors_rekap import tingkat_kehadiran
from pembimbingan.services import HasilKehadiran, sesi_catat_kehadiran
from pembimbingan.services_program import program_ubah, sesi_ubah
from tests.factories import (
    DesaFactory,
    KabupatenFactory,
    KecamatanFactory,
    UnitFactory,
    UserFactory,
)
from tests.klien.factories import KlienFactory
from tests.pembimbingan.factories import (
    HariLayananFactory,
    PendaftaranPosFactory,
    PesertaFactory,
    ProgramFactory,
    SesiFactory,
)
from tests.pembimbingan.test_bersamaan import _bersamaan

HADIR = HasilKehadiran(HasilHadir.HADIR)
TIDAK = HasilKehadiran(HasilHadir.TIDAK_HADIR)
IZIN_SAKIT = HasilKehadiran(HasilHadir.IZIN, alasan=AlasanAbsen.SAKIT)
UTC = datetime.UTC
JANUARI = datetime.date(2026, 1, 1)
FEBRUARI = datetime.date(2026, 2, 1)


def _desa(kabupaten):
    return DesaFactory(kecamatan=KecamatanFactory(kabupaten=kabupaten))


@pytest.fixture
def kabupaten():
    return KabupatenFactory(nama="Karangasem"), KabupatenFactory(nama="Klungkung")


@pytest.fixture
def program(unit):
    return ProgramFactory(unit=unit, jenis=JenisProgram.KEMANDIRIAN)


def _peserta(program, pk, n: int, desa, **klien) -> list:
    return [
        PesertaFactory(
            program=program,
            klien=KlienFactory(pk_pembimbing=pk, desa=desa, **klien),
            tanggal_masuk=datetime.date(2025, 12, 1),
        ).klien
        for _ in range(n)
    ]


@pytest.fixture
def kelompok(program, pk, kabupaten):
    """Five participants: three adults of Karangasem, two children of Klungkung."""
    karangasem, klungkung = kabupaten
    return _peserta(program, pk, 3, _desa(karangasem)) + _peserta(
        program, pk, 2, _desa(klungkung), kategori=Kategori.ANAK, nik=""
    )


def _sesi(program, pk, mulai, **lain):
    return SesiFactory(program=program, pk_pencatat=pk, mulai=mulai, **lain)


def _catat(sesi, oleh, hasil: dict):
    return sesi_catat_kehadiran(sesi=sesi, oleh=oleh, hasil=hasil, versi=sesi.versi)


def _sama_dengan_hitungan_ulang():
    """The stored rollup equals a recount of every attendance row, and is not empty; so do
    its office cells (the recount summed per office, month, outcome and reason)."""
    rekap = tersimpan(RekapKehadiran.objects.all())
    assert rekap == hitung(Kehadiran.objects.all())
    assert tersimpan_kantor(RekapKehadiranKantor.objects.all()) == ke_kantor(rekap)
    assert rekap and perbedaan() == []
    return rekap


def test_simpan_campuran_sama_dengan_hitungan_ulang(unit, pk, program, kelompok, kabupaten):
    a, b, c, d, e = kelompok
    s1 = _sesi(program, pk, datetime.datetime(2026, 1, 12, 2, tzinfo=UTC))
    s2 = _sesi(program, pk, datetime.datetime(2026, 1, 19, 2, tzinfo=UTC), moda=ModaSesi.VIDEO)
    _catat(s1, pk, dict.fromkeys([x.pk for x in kelompok], HADIR))
    _catat(s2, pk, {a.pk: HADIR, b.pk: TIDAK, d.pk: IZIN_SAKIT})  # a partial list
    s1.refresh_from_db()
    _catat(s1, pk, {c.pk: TIDAK, e.pk: IZIN_SAKIT})  # a correction
    # an individual report and an outreach day: no programme
    lapor = SesiFactory(
        program=None,
        klien=a,
        jenis=JenisSesi.WAJIB_LAPOR,
        pk_pencatat=pk,
        mulai=datetime.datetime(2026, 1, 20, 1, tzinfo=UTC),
    )
    _catat(lapor, pk, {a.pk: HasilKehadiran(HasilHadir.MENUNGGU_KETERANGAN)})
    pos = HariLayananFactory(
        pos__unit=unit, pk_pencatat=pk, mulai=datetime.datetime(2026, 1, 21, 1, tzinfo=UTC)
    )
    for k in (b, d):
        PendaftaranPosFactory(sesi=pos, klien=k)
    _catat(pos, pk, {b.pk: HADIR, d.pk: TIDAK})

    rekap = _sama_dengan_hitungan_ulang()
    karangasem, klungkung = kabupaten
    sel = Kunci(
        unit.pk,
        JANUARI,
        program.pk,
        JenisSesi.KELOMPOK,
        ModaSesi.KANTOR,
        karangasem.pk,
        Kategori.DEWASA,
        HasilHadir.HADIR,
        "",
    )
    assert rekap[sel] == 2  # a and b; c's was corrected to tidak hadir
    assert rekap[sel._replace(hasil=HasilHadir.TIDAK_HADIR)] == 1
    anak_izin = sel._replace(
        kabupaten_id=klungkung.pk, kategori=Kategori.ANAK, hasil=HasilHadir.IZIN, alasan="sakit"
    )
    assert rekap[anak_izin] == 1  # e, corrected
    assert rekap[anak_izin._replace(moda=ModaSesi.VIDEO)] == 1  # d at the video session
    assert (
        rekap[
            sel._replace(
                program_id=None,
                jenis_sesi=JenisSesi.WAJIB_LAPOR,
                hasil=HasilHadir.MENUNGGU_KETERANGAN,
            )
        ]
        == 1
    )
    assert (
        rekap[
            sel._replace(
                program_id=None, jenis_sesi=JenisSesi.LAYANAN_POS, moda=ModaSesi.POS_LAYANAN
            )
        ]
        == 1
    )  # b at the outreach day
    assert sum(rekap.values()) == Kehadiran.objects.count() == 5 + 3 + 1 + 2


def test_hasil_berubah_memindahkan_satu_hitungan(pk, program, kelompok):
    sesi = _sesi(program, pk, datetime.datetime(2026, 1, 12, 2, tzinfo=UTC))
    sesi = _catat(sesi, pk, dict.fromkeys([k.pk for k in kelompok], HADIR))
    sebelum = tersimpan(RekapKehadiran.objects.all())
    _catat(sesi, pk, {kelompok[0].pk: TIDAK})
    sesudah = tersimpan(RekapKehadiran.objects.all())
    hadir = next(k for k in sebelum if k.kategori == Kategori.DEWASA)
    tidak = hadir._replace(hasil=HasilHadir.TIDAK_HADIR)
    assert (sebelum[hadir], sesudah[hadir]) == (3, 2)
    assert (sebelum[tidak], sesudah[tidak]) == (0, 1)
    sesudah.subtract({hadir: -1, tidak: 1})
    assert +sesudah == sebelum  # nothing else moved
    _sama_dengan_hitungan_ulang()


def test_kiriman_ulang_tidak_mengubah_apa_pun(pk, program, kelompok):
    sesi = _sesi(program, pk, datetime.datetime(2026, 1, 12, 2, tzinfo=UTC))
    isian = {k.pk: HADIR for k in kelompok} | {kelompok[0].pk: IZIN_SAKIT}
    sesi_catat_kehadiran(sesi=sesi, oleh=pk, hasil=isian, versi=0)
    sebelum = list(RekapKehadiran.objects.order_by("pk").values())
    sesi_catat_kehadiran(sesi=sesi, oleh=pk, hasil=isian, versi=0)  # a double tap
    sesi_catat_kehadiran(sesi=sesi, oleh=pk, hasil=isian, versi=1)  # a retry
    # only a note changes: the row is written, no count moves
    catatan = isian | {kelompok[1].pk: HasilKehadiran(HasilHadir.HADIR, keterangan="Aktif")}
    sesi_catat_kehadiran(sesi=sesi, oleh=pk, hasil=catatan, versi=1)
    assert Kehadiran.objects.get(klien=kelompok[1]).keterangan == "Aktif"
    assert list(RekapKehadiran.objects.order_by("pk").values()) == sebelum


def test_bulan_sesi_menurut_zona_waktu_kantor(pk, program, kelompok):
    # 16:30 UTC on 31 January: 1 February 00:30 in Karangasem (WITA), whoever records it
    mulai = datetime.datetime(2026, 1, 31, 16, 30, tzinfo=UTC)
    sesi = _sesi(program, pk, mulai)
    with timezone.override("Asia/Jakarta"):  # a user's active zone plays no part
        _catat(sesi, pk, {k.pk: HADIR for k in kelompok})
    assert {k.bulan for k in _sama_dengan_hitungan_ulang()} == {FEBRUARI}
    # the same instant in an office in WIB is still January
    barat = UnitFactory(zona_waktu="Asia/Jakarta")
    program_barat = ProgramFactory(unit=barat)
    petugas = UserFactory(peran="PK", unit=barat)
    klien_barat = _peserta(program_barat, petugas, 2, DesaFactory())
    _catat(_sesi(program_barat, petugas, mulai), petugas, {k.pk: HADIR for k in klien_barat})
    assert {k.bulan for k in tersimpan(RekapKehadiran.objects.filter(unit=barat))} == {JANUARI}
    _sama_dengan_hitungan_ulang()


# The queries of rekap_terapkan, whatever the number of rows: the grain of the written rows
# (one read joining their sessions, clients, villages and kecamatan), one upsert of the
# cells (every row here is of one programme), one of the office cells. None when no count
# moves.
KUERI_REKAP = 3


@pytest.mark.parametrize("n", [5, 40])
def test_jumlah_kueri_tetap(pk, program, kabupaten, n, django_assert_num_queries):
    karangasem, klungkung = kabupaten
    klien = _peserta(program, pk, n // 2, _desa(karangasem)) + _peserta(
        program, pk, n - n // 2, _desa(klungkung), kategori=Kategori.ANAK, nik=""
    )
    sesi = _sesi(program, pk, datetime.datetime(2026, 1, 12, 2, tzinfo=UTC))
    baris = [
        Kehadiran.objects.create(sesi=sesi, klien=k, hasil=HasilHadir.HADIR, oleh=pk) for k in klien
    ]
    with django_assert_num_queries(KUERI_REKAP):
        rekap_terapkan([(None, b) for b in baris])
    lama = list(Kehadiran.objects.filter(sesi=sesi).order_by("pk"))
    for b in baris:
        b.hasil, b.alasan, b.dapat_diterima = HasilHadir.IZIN, AlasanAbsen.PEKERJAAN, True
    Kehadiran.objects.bulk_update(baris, ["hasil", "alasan", "dapat_diterima"])
    with django_assert_num_queries(KUERI_REKAP):
        rekap_terapkan(list(zip(lama, baris, strict=True)))
    with django_assert_num_queries(0):
        rekap_terapkan([(b, b) for b in baris])
    _sama_dengan_hitungan_ulang()


def test_perubahan_desa_kategori_dan_moda_diikuti(pk, kasi, program, kelompok, kabupaten):
    karangasem, klungkung = kabupaten
    sesi = _sesi(program, pk, datetime.datetime(2026, 1, 12, 2, tzinfo=UTC))
    _catat(sesi, pk, {k.pk: HADIR for k in kelompok})
    a = kelompok[0]
    desa_baru = _desa(klungkung)
    with CaptureQueriesContext(connection) as q:
        klien_ubah(klien=a, oleh=kasi, data={"desa": desa_baru})  # the client moved
    # the client locked FOR UPDATE, their rows recounted before and after, one upsert
    assert len([x for x in q.captured_queries if "kehadiran" in x["sql"]]) == 3
    assert sum("FOR UPDATE" in x["sql"] for x in q.captured_queries) == (
        connection.features.has_select_for_update
    )
    klien_ubah(klien=kelompok[1], oleh=kasi, data={"kategori": Kategori.ANAK})
    per_sel = {}
    for k, n in _sama_dengan_hitungan_ulang().items():
        per_sel[k.kabupaten_id, k.kategori] = per_sel.get((k.kabupaten_id, k.kategori), 0) + n
    assert per_sel == {
        (karangasem.pk, Kategori.DEWASA): 1,  # c
        (klungkung.pk, Kategori.DEWASA): 1,  # a, moved
        (karangasem.pk, Kategori.ANAK): 1,  # b, now a child
        (klungkung.pk, Kategori.ANAK): 2,  # d and e
    }
    # a session's mode changed after its attendance was recorded
    sesi_ubah(sesi=sesi, oleh=kasi, data={"moda": ModaSesi.LOKASI_MITRA})
    assert {k.moda for k in _sama_dengan_hitungan_ulang()} == {ModaSesi.LOKASI_MITRA}
    # a change outside the grain costs nothing and moves nothing
    with CaptureQueriesContext(connection) as q:
        klien_ubah(klien=a, oleh=kasi, data={"pekerjaan": "Petani"})
        sesi_ubah(sesi=sesi, oleh=kasi, data={"catatan": "Dipindah ke aula"})
    assert not [x for x in q.captured_queries if "kehadiran" in x["sql"]]
    _sama_dengan_hitungan_ulang()


def test_jenis_dan_mitra_program_dibaca_lewat_program(kasi, pk, program, kelompok):
    sesi = _sesi(program, pk, datetime.datetime(2026, 1, 12, 2, tzinfo=UTC))
    _catat(sesi, pk, {k.pk: HADIR for k in kelompok})
    rekap = RekapKehadiran.objects.for_user(kasi)
    (t,) = tingkat_kehadiran(rekap, kelompok=("program__jenis",))
    assert t.kelompok == {"program__jenis": JenisProgram.KEMANDIRIAN}
    program_ubah(
        program=program, oleh=kasi, data={"jenis": JenisProgram.KEPRIBADIAN}, sumber_daya=[]
    )
    (t,) = tingkat_kehadiran(rekap, kelompok=("program__jenis",))
    assert t.kelompok == {"program__jenis": JenisProgram.KEPRIBADIAN} and t.tercatat == 5
    _sama_dengan_hitungan_ulang()


def test_baris_terhapus_bersama_sesinya_dikurangi(pk, program, kelompok):
    s1 = _sesi(program, pk, datetime.datetime(2026, 1, 12, 2, tzinfo=UTC))
    s2 = _sesi(program, pk, datetime.datetime(2026, 1, 19, 2, tzinfo=UTC))
    for s in (s1, s2):
        _catat(s, pk, {k.pk: HADIR for k in kelompok})
    s1.delete()  # (no service deletes a session; the admin or a shell could)
    rekap = _sama_dengan_hitungan_ulang()
    assert sum(rekap.values()) == 5


def test_perintah_menemukan_sel_yang_diubah_lalu_membangun_ulang(pk, program, kelompok):
    sesi = _sesi(program, pk, datetime.datetime(2026, 1, 12, 2, tzinfo=UTC))
    _catat(sesi, pk, {k.pk: HADIR for k in kelompok} | {kelompok[0].pk: TIDAK})
    out = io.StringIO()
    call_command("rekap_kehadiran", "--periksa", stdout=out)
    assert "sesuai" in out.getvalue()

    sel = RekapKehadiran.objects.get(hasil=HasilHadir.TIDAK_HADIR)
    RekapKehadiran.objects.filter(pk=sel.pk).update(jumlah=F("jumlah") + 2)  # tampered
    out = io.StringIO()
    with pytest.raises(CommandError, match="1 sel") as galat:
        call_command("rekap_kehadiran", "--periksa", stdout=out)
    assert galat.value.returncode == 1
    assert "tidak_hadir: tersimpan 3, hitungan 1" in out.getvalue()
    assert sel.unit.nama in out.getvalue()

    call_command("rekap_kehadiran", "--bangun-ulang", stdout=io.StringIO())
    assert RekapKehadiran.objects.get(hasil=HasilHadir.TIDAK_HADIR).jumlah == 1
    _sama_dengan_hitungan_ulang()
    call_command("rekap_kehadiran", "--periksa", stdout=io.StringIO())  # no error: in step


def test_sel_kantor_dijumlahkan_dan_diperiksa(unit, pk, program, kelompok):
    """The office cells sum the fine cells over programme, mode, kabupaten and category:
    five present in two kabupaten and categories are one office cell of 5; a tampered office
    cell is named by the check and mended by the rebuild."""
    sesi = _sesi(program, pk, datetime.datetime(2026, 1, 12, 2, tzinfo=UTC))
    _catat(sesi, pk, {k.pk: HADIR for k in kelompok})
    kantor = RekapKehadiranKantor.objects.get()
    assert (kantor.unit_id, kantor.bulan, kantor.hasil, kantor.alasan, kantor.jumlah) == (
        unit.pk,
        JANUARI,
        HasilHadir.HADIR,
        "",
        5,
    )
    assert RekapKehadiran.objects.count() == 2  # Karangasem adults, Klungkung children
    RekapKehadiranKantor.objects.update(jumlah=7)
    out = io.StringIO()
    with pytest.raises(CommandError, match="1 sel"):
        call_command("rekap_kehadiran", "--periksa", stdout=out)
    assert "rekap kantor, hadir: tersimpan 7, hitungan 5" in out.getvalue()
    call_command("rekap_kehadiran", "--bangun-ulang", stdout=io.StringIO())
    _sama_dengan_hitungan_ulang()


def test_perintah_menemukan_sel_hilang_dan_sel_asing(unit, pk, program, kelompok):
    sesi = _sesi(program, pk, datetime.datetime(2026, 1, 12, 2, tzinfo=UTC))
    _catat(sesi, pk, {k.pk: HADIR for k in kelompok})
    RekapKehadiran.objects.filter(kategori=Kategori.ANAK).delete()  # lost
    lain = ProgramFactory(unit=unit)
    RekapKehadiran.objects.create(  # a cell no row stands behind
        unit=unit,
        bulan=JANUARI,
        program=lain,
        jenis_sesi=JenisSesi.KELOMPOK,
        moda=ModaSesi.KANTOR,
        kabupaten=KabupatenFactory(),
        kategori=Kategori.DEWASA,
        hasil=HasilHadir.HADIR,
        jumlah=4,
    )
    beda = perbedaan()
    assert sorted((b.tersimpan, b.hitungan) for b in beda) == [(0, 2), (4, 0)]
    assert perbedaan([unit.pk + 1000]) == []  # another office: nothing of it
    call_command("rekap_kehadiran", "--bangun-ulang", stdout=io.StringIO())
    _sama_dengan_hitungan_ulang()


def test_tingkat_kehadiran_per_bulan_dengan_n(kasi, kanwil, pk, program, kelompok):
    for hari, hasil in ((12, HADIR), (19, TIDAK)):
        sesi = _sesi(program, pk, datetime.datetime(2026, 1, hari, 2, tzinfo=UTC))
        _catat(sesi, pk, {k.pk: HADIR for k in kelompok} | {kelompok[0].pk: hasil})
    februari = _sesi(program, pk, datetime.datetime(2026, 2, 2, 2, tzinfo=UTC))
    _catat(februari, pk, {kelompok[0].pk: TIDAK, kelompok[1].pk: HADIR})
    rekap = RekapKehadiran.objects.for_user(kasi)
    jan, feb = tingkat_kehadiran(rekap)
    assert (jan.kelompok, jan.hadir, jan.tercatat, jan.persen) == ({"bulan": JANUARI}, 9, 10, 90)
    assert not jan.terlalu_sedikit  # ten recorded outcomes: enough to judge
    assert (feb.kelompok, feb.hadir, feb.tercatat, feb.persen) == ({"bulan": FEBRUARI}, 1, 2, 50)
    assert feb.terlalu_sedikit
    per_kategori = tingkat_kehadiran(rekap, kelompok=("kategori", "bulan"))
    assert [(t.kelompok["kategori"], t.hadir, t.tercatat) for t in per_kategori] == [
        (Kategori.ANAK, 4, 4),
        (Kategori.DEWASA, 5, 6),
        (Kategori.DEWASA, 1, 2),
    ]
    assert tingkat_kehadiran(RekapKehadiran.objects.for_user(kanwil)) == []  # figures elsewhere


def test_tingkat_kehadiran_tanpa_program_terakhir(kasi, pk, program, kelompok):
    sesi = _sesi(program, pk, datetime.datetime(2026, 1, 12, 2, tzinfo=UTC))
    _catat(sesi, pk, {k.pk: HADIR for k in kelompok})
    lapor = SesiFactory(
        program=None,
        klien=kelompok[0],
        jenis=JenisSesi.WAJIB_LAPOR,
        pk_pencatat=pk,
        mulai=datetime.datetime(2026, 1, 13, 1, tzinfo=UTC),
    )
    _catat(lapor, pk, {kelompok[0].pk: TIDAK})
    dengan, tanpa = tingkat_kehadiran(RekapKehadiran.objects.for_user(kasi), ("program",))
    assert (dengan.kelompok, dengan.persen) == ({"program": program.pk}, 100)
    assert (tanpa.kelompok, tanpa.persen, tanpa.tercatat) == ({"program": None}, 0, 1)


def test_demo_sesuai_hitungan_ulang(demo):
    rekap = _sama_dengan_hitungan_ulang()
    assert sum(rekap.values()) == Kehadiran.objects.count() > 100
    call_command("rekap_kehadiran", "--periksa", stdout=io.StringIO())


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite has one writer at a time: no race"
)
def test_dua_sesi_disimpan_bersamaan_tanpa_hitungan_hilang(unit, pk, pk_lain, monkeypatch):
    program = ProgramFactory(unit=unit)
    desa = DesaFactory()
    klien = _peserta(program, pk, 6, desa)
    hari = [datetime.datetime(2026, 1, h, 2, tzinfo=UTC) for h in (5, 12, 19, 26)]
    sesi = [_sesi(program, pk, m) for m in hari]
    asli = services.rekap_terapkan
    serentak = threading.Barrier(2)

    def bersamaan(pasangan):  # both inside their transactions, rows written, then at once
        serentak.wait(timeout=10)
        return asli(pasangan)

    monkeypatch.setattr(services, "rekap_terapkan", bersamaan)
    semua = {k.pk: HADIR for k in klien}
    # first two: the cell is new to both (an insert races an insert); then two more on the
    # stored cell (an update races an update), one of them with an absence
    for s1, s2, isian2 in (
        (sesi[0], sesi[1], semua),
        (sesi[2], sesi[3], semua | {klien[0].pk: TIDAK}),
    ):
        hasil = _bersamaan(
            lambda s1=s1: sesi_catat_kehadiran(sesi=s1, oleh=pk, hasil=semua, versi=0),
            lambda s2=s2, isian2=isian2: sesi_catat_kehadiran(
                sesi=s2, oleh=pk_lain, hasil=isian2, versi=0
            ),
        )
        assert all("nilai" in h for h in hasil), hasil
    rekap = _sama_dengan_hitungan_ulang()
    assert rekap[next(k for k in rekap if k.hasil == HasilHadir.HADIR)] == 6 * 4 - 1


def test_rekap_untuk_agregat_kanwil_dan_pusat(
    kasi, kasi_lain, kanwil, pk, program, kelompok, kabupaten
):
    """The rollup holds counts, never a client: Kanwil staff count their region's offices,
    Pusat every office, an office role its own; a PK's for_user stays the office's rows."""
    from tests.factories import KanwilFactory, UnitFactory, UserFactory

    sesi = _sesi(program, pk, datetime.datetime(2026, 1, 12, 2, tzinfo=UTC))
    _catat(sesi, pk, {k.pk: HADIR for k in kelompok})
    lain_wilayah = UnitFactory(kanwil=KanwilFactory(nama="Kanwil NTB"))
    RekapKehadiran.objects.create(
        unit=lain_wilayah, bulan=JANUARI, jenis_sesi=JenisSesi.WAJIB_LAPOR, moda=ModaSesi.KANTOR,
        kabupaten=kabupaten[0], kategori=Kategori.DEWASA, hasil=HasilHadir.HADIR, jumlah=7,
    )  # fmt: skip
    pusat = UserFactory(username="pusat-uji", peran="PUSAT", unit=None)

    def jumlah(qs):
        return sum(qs.values_list("jumlah", flat=True))

    agregat = RekapKehadiran.objects.untuk_agregat
    assert jumlah(agregat(kanwil)) == 5  # the region of pk's office only
    assert jumlah(agregat(pusat)) == 12
    assert jumlah(agregat(kasi)) == 5 and jumlah(agregat(kasi_lain)) == 0
    assert not RekapKehadiran.objects.for_user(kanwil).exists()  # for_user: offices only
