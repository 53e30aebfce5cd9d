"""Property: after any sequence of writes that touch attendance — saves, corrections of
outcomes and reasons, repeated submissions, clients moving village or becoming a child's
case, a session's mode changed, sessions deleted with their rows — the stored attendance
rollup equals a full recount of the attendance rows (issue 12, part 5).

Deterministic (`derandomize`): the same sequences on every run, so a red build is
reproducible. Each example builds its own programme, clients and sessions; the rollup is
compared as a whole, so what earlier examples left in the database is checked too."""

import datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from klien.models import Klien
from klien.pilihan import Kategori
from klien.services import klien_ubah
from pembimbingan.models import Kehadiran, RekapKehadiran, Sesi
from pembimbingan.pilihan import AlasanAbsen, HasilHadir, ModaSesi
from pembimbingan.rekap import hitung, perbedaan, tersimpan
from pembimbingan.services import HasilKehadiran, sesi_catat_kehadiran
from pembimbingan.services_program import sesi_ubah
from tests.factories import DesaFactory
from tests.klien.factories import KlienFactory
from tests.pembimbingan.factories import PesertaFactory, ProgramFactory, SesiFactory

KLIEN = 4
SESI = 3
HASIL = [
    HasilKehadiran(HasilHadir.HADIR),
    HasilKehadiran(HasilHadir.HADIR_TIDAK_MENGIKUTI_ARAHAN),
    HasilKehadiran(HasilHadir.TIDAK_HADIR),
    HasilKehadiran(HasilHadir.TIDAK_HADIR, alasan=AlasanAbsen.PEKERJAAN),
    HasilKehadiran(HasilHadir.IZIN, alasan=AlasanAbsen.SAKIT),
    HasilKehadiran(HasilHadir.IZIN, alasan=AlasanAbsen.UPACARA_AGAMA_ADAT),
    HasilKehadiran(HasilHadir.MENUNGGU_KETERANGAN),
]
# Sessions at the turn of a month in the office's time zone (UTC+8): 31 Jan 17:00 UTC is
# 1 Feb in Karangasem, so the month of the cell is the office's, not the server's.
MULAI = [
    datetime.datetime(2026, 1, 12, 2, tzinfo=datetime.UTC),
    datetime.datetime(2026, 1, 31, 17, tzinfo=datetime.UTC),
    datetime.datetime(2026, 2, 9, 2, tzinfo=datetime.UTC),
]

catat = st.tuples(
    st.just("catat"),
    st.integers(0, SESI - 1),
    st.lists(
        st.one_of(st.none(), st.sampled_from(range(len(HASIL)))), min_size=KLIEN, max_size=KLIEN
    ),
    st.booleans(),  # by the Kasi (else the PK)
)
pindah = st.tuples(st.just("pindah"), st.integers(0, KLIEN - 1), st.integers(0, 1))
anak = st.tuples(st.just("anak"), st.integers(0, KLIEN - 1))
moda = st.tuples(st.just("moda"), st.integers(0, SESI - 1), st.sampled_from(ModaSesi.values))
hapus = st.tuples(st.just("hapus"), st.integers(0, SESI - 1))
langkah = st.lists(st.one_of(catat, catat, pindah, anak, moda, hapus), min_size=1, max_size=10)


def _dunia(unit, pk):
    desa = [DesaFactory(), DesaFactory()]  # two villages in two kabupaten
    program = ProgramFactory(unit=unit, tanggal_mulai=datetime.date(2025, 12, 1))
    klien = [
        PesertaFactory(
            program=program,
            klien=KlienFactory(pk_pembimbing=pk, desa=desa[i % 2]),
            tanggal_masuk=datetime.date(2025, 12, 1),
        ).klien
        for i in range(KLIEN)
    ]
    sesi = [SesiFactory(program=program, pk_pencatat=pk, mulai=m) for m in MULAI]
    return desa, klien, sesi


@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(urutan=langkah)
def test_rekap_selalu_sama_dengan_hitungan_ulang(unit, pk, kasi, urutan):
    desa, klien, sesi = _dunia(unit, pk)
    for op, *arg in urutan:
        if op == "catat":
            i, hasil, oleh_kasi = arg
            s = Sesi.objects.filter(pk=sesi[i].pk).first()
            isian = {k.pk: HASIL[h] for k, h in zip(klien, hasil, strict=True) if h is not None}
            if s is None or not isian:
                continue
            sesi_catat_kehadiran(
                sesi=s,
                oleh=kasi if oleh_kasi else pk,
                hasil=isian,
                versi=s.versi,
                alasan_koreksi="Koreksi uji",
            )
        elif op == "pindah":
            k, d = arg
            klien_ubah(klien=Klien.objects.get(pk=klien[k].pk), oleh=kasi, data={"desa": desa[d]})
        elif op == "anak":
            (k,) = arg
            klien_ubah(
                klien=Klien.objects.get(pk=klien[k].pk), oleh=kasi, data={"kategori": Kategori.ANAK}
            )
        elif op == "moda":
            i, m = arg
            s = Sesi.objects.filter(pk=sesi[i].pk).first()
            if s is not None:
                sesi_ubah(sesi=s, oleh=kasi, data={"moda": m})
        elif op == "hapus":
            (i,) = arg
            Sesi.objects.filter(pk=sesi[i].pk).first() and Sesi.objects.get(pk=sesi[i].pk).delete()

    assert tersimpan(RekapKehadiran.objects.all()) == hitung(Kehadiran.objects.all())
    assert perbedaan() == []
