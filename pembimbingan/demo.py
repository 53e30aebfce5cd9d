"""Demo data: programmes of the Karangasem partners (DOMAIN.md), each with participants and
weekly sessions over the last seven months and the next fortnight, attendance recorded through
the services (more absences for a ceremony on Galungan and Kuningan weeks).

Idempotent: a programme is keyed on (unit, nama); an existing one is left as it is.
"""

import datetime
import random

from django.utils import timezone

from inti.demo import DemoKonteks, langkah_demo
from klien.models import Klien
from pokmas.models import Mitra

from . import services
from .kalender import galungan, kuningan
from .models import Program, Sesi, SumberDaya
from .pilihan import AlasanAbsen, HasilHadir, JenisProgram, JenisSesi, ModaSesi
from .services import HasilKehadiran

K, M = JenisProgram.KEPRIBADIAN, JenisProgram.KEMANDIRIAN
# nama, jenis, topik, awal nama mitra, tempat, kapasitas, sumber daya (nama, jumlah, satuan)
PROGRAM = [
    (
        "Budi daya ikan air tawar",
        M,
        "Kolam, pakan dan kualitas air",
        "Kelompok Ikan Sari",
        "Subak Baru, Karangasem",
        12,
        [("Paket bibit dan pakan ikan", 4, "paket")],
    ),
    (
        "Parsel dupa",
        M,
        "Membuat parsel dan suvenir dari dupa",
        "Bali Creative",
        "Bengkel Bali Creative, Klungkung",
        10,
        [("Bahan dupa", 10, "kg")],
    ),
    (
        "Melukis dan yoga",
        K,
        "Keterampilan melukis; yoga untuk kesehatan mental",
        "Dr. Tina Kay",
        "Aula Bapas Karangasem",
        16,
        [("Kit melukis", 4, "set"), ("Matras yoga", 8, "buah")],
    ),
    (
        "Tata boga",
        M,
        "Memasak untuk usaha warung",
        "I Ketut Suparta",
        "Dapur warga, Bangli",
        8,
        [("Peralatan masak", 2, "set")],
    ),
    (
        "Penyuluhan hukum",
        K,
        "Hak, kewajiban dan prosedur hukum",
        "LBH APIK",
        "Aula Bapas",
        None,
        [],
    ),
    (
        "Penyuluhan risiko narkoba",
        K,
        "Rehabilitasi dan rencana pemulihan",
        "Yayasan Dua Hati",
        "Aula Bapas",
        None,
        [],
    ),
    (
        "Bimbingan keagamaan Hindu",
        K,
        "Dharma wacana, meditasi dan etika",
        "Yayasan Aswini",
        "Pura Penataran, Amlapura",
        None,
        [],
    ),
]
PESERTA_PER_PROGRAM = 6
MINGGU_LALU = 30  # weeks of past sessions (a 210-day pawukon cycle: a Galungan or Kuningan)
# Programmes begin at different times: every third has run the full 30 weeks (so the
# ceremony weeks are in the data), the others began 12 weeks ago. Each past session is
# one attendance save through the service, most of the demo's cost in every test that
# loads it.
MINGGU_LALU_BARU = 12
MINGGU_DEPAN = 2  # and upcoming ones


def _minggu_lalu(i: int) -> int:
    return MINGGU_LALU if i % 3 == 0 else MINGGU_LALU_BARU


MINGGU_MENJAUH = 3
TIDAK_HADIR = HasilKehadiran(HasilHadir.TIDAK_HADIR)


def menjauh(klien_id: int) -> bool:
    """A client drifting away: misses their programme's last MINGGU_MENJAUH sessions and
    their last reports (demo_lapor), so the demo's at-risk clients come from the rows."""
    return klien_id % 5 == 0


ALASAN_BIASA = [AlasanAbsen.PEKERJAAN, AlasanAbsen.SAKIT, AlasanAbsen.KELUARGA_DARURAT]


def _minggu_upacara(tanggal: datetime.date) -> bool:
    """Whether Galungan or Kuningan falls within three days of `tanggal`."""
    hari = galungan(tanggal.year) + kuningan(tanggal.year)
    return any(abs((h - tanggal).days) <= 3 for h in hari)


def _hasil(rng: random.Random, tanggal: datetime.date, terakhir: bool) -> HasilKehadiran:
    r = rng.random()
    if _minggu_upacara(tanggal):
        if r < 0.35:
            return HasilKehadiran(HasilHadir.IZIN, alasan=AlasanAbsen.UPACARA_AGAMA_ADAT)
        if r < 0.45:
            return HasilKehadiran(HasilHadir.TIDAK_HADIR, alasan=AlasanAbsen.UPACARA_AGAMA_ADAT)
        return HasilKehadiran(HasilHadir.HADIR)
    if r < 0.05:
        return HasilKehadiran(HasilHadir.HADIR_TIDAK_MENGIKUTI_ARAHAN)
    if r < 0.11:
        return HasilKehadiran(HasilHadir.IZIN, alasan=rng.choice(ALASAN_BIASA))
    if r < 0.16:
        return HasilKehadiran(HasilHadir.TIDAK_HADIR)
    if terakhir and r < 0.22:
        return HasilKehadiran(
            HasilHadir.MENUNGGU_KETERANGAN,
            alasan=AlasanAbsen.JARAK_TRANSPORTASI,
            keterangan="Menunggu surat keterangan kepala desa.",
        )
    return HasilKehadiran(HasilHadir.HADIR)


def _program(kasi, data, hari_ini: datetime.date, minggu_lalu: int) -> Program:
    nama, jenis, topik, awal_mitra, tempat, kapasitas, sumber_daya = data
    mitra = Mitra.objects.filter(unit=kasi.unit, nama__startswith=awal_mitra).first()
    isi = {
        "nama": nama,
        "jenis": jenis,
        "topik": topik,
        "mitra": mitra,
        "tempat": tempat,
        "tanggal_mulai": hari_ini - datetime.timedelta(weeks=minggu_lalu + 1),
        "kapasitas": kapasitas,
    }
    sd = [{"nama": n, "jumlah": j, "satuan": s} for n, j, s in sumber_daya]
    if mitra is None or Mitra.objects.filter(pk=mitra.pk).tersedia_untuk_program_baru().exists():
        return services.program_buat(oleh=kasi, data=isi, sumber_daya=sd)
    # a programme begun while the partner's agreement was in force (it has since expired):
    # the service only opens new programmes with partners available today
    program = Program.objects.create(**isi, unit=kasi.unit, dibuat_oleh=kasi)
    SumberDaya.objects.bulk_create(SumberDaya(program=program, **x) for x in sd)
    return program


@langkah_demo(50)
def program_pembimbingan(ctx: DemoKonteks) -> None:
    unit = ctx.unit["karangasem"]
    kasi, pk = ctx.pengguna["kasi"], ctx.pengguna["pk1"]
    if Program.objects.filter(unit=unit).exists():
        return  # loaded before: left as it is
    rng = random.Random(2611)  # noqa: S311 (synthetic data; its own, so earlier steps' draws stay)
    hari_ini = timezone.localdate()
    sekarang = timezone.now()
    klien = list(Klien.objects.filter(unit=unit).berjalan().order_by("pk"))
    for i, data in enumerate(PROGRAM):
        program = _program(kasi, data, hari_ini, _minggu_lalu(i))
        peserta = klien[i :: len(PROGRAM)][:PESERTA_PER_PROGRAM]
        for k in peserta:
            services.peserta_daftar(
                program=program, klien=k, oleh=kasi, tanggal_masuk=program.tanggal_mulai
            )
        mulai = timezone.make_aware(
            datetime.datetime.combine(program.tanggal_mulai, datetime.time(9 + i % 4))
        ) + datetime.timedelta(days=7 + i % 5)
        sesi = services.sesi_buat(
            minggu=_minggu_lalu(i) + MINGGU_DEPAN,
            oleh=pk,
            jenis=JenisSesi.KELOMPOK,
            mulai=mulai,
            program=program,
            tempat=program.tempat,
            moda=ModaSesi.LOKASI_MITRA if program.mitra_id else ModaSesi.KANTOR,
            fasilitator=program.mitra.narahubung if program.mitra_id else "",
        )
        lalu = [s for s in sesi if s.mulai < sekarang]
        for n, s in enumerate(lalu):
            if not peserta:
                break
            tanggal = timezone.localdate(s.mulai)
            hasil = {
                k.pk: TIDAK_HADIR
                if menjauh(k.pk) and n >= len(lalu) - MINGGU_MENJAUH
                else _hasil(rng, tanggal, n == len(lalu) - 1)
                for k in peserta
            }
            services.sesi_catat_kehadiran(
                sesi=Sesi.objects.get(pk=s.pk), oleh=pk, hasil=hasil, versi=0
            )
    ctx.catatan.append(f"Program pembimbingan: {len(PROGRAM)} program Karangasem.")


# their steps: the reporting schedules and history; the outreach posts and days
from . import demo_lapor, demo_pos  # noqa: E402, F401
