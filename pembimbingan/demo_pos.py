"""Demo data: the Karangasem office's five Wayan Jempolan posts (DOMAIN.md: Kubu and Selat in
Karangasem, Kota Klungkung and Nusa Penida in Klungkung, Kota Bangli), and outreach days at
Nusa Penida every two weeks: the last three months' with their attendance recorded through
services.sesi_catat_kehadiran, and the next two with their registrations.

The clients registered are the office's running clients of kabupaten Klungkung, the
islanders first. Most attend; a few are absent with a reason: the boat that did not sail
(jarak/transportasi), illness, and a ceremony in the days around a Hindu holiday
(kalender.hari_khusus), or without one.

Days gone by are written as they were planned then (services_pos refuses a day, or a
registration, in the past); the attendance goes through the service like any session's.
Idempotent: an office with posts is left as it is. Cheap: eight sessions, six saves.
"""

import datetime
import random

from django.db.models import Case, IntegerField, Value, When
from django.utils import timezone

from inti.demo import DemoKonteks, langkah_demo
from klien.models import Klien
from wilayah.models import Kecamatan

from . import services, services_pos
from .kalender import JenisHariKhusus, hari_khusus
from .models import PendaftaranPos, PosLayanan, Sesi
from .pilihan import AlasanAbsen, HasilHadir, JenisSesi, ModaSesi
from .services import HasilKehadiran

# nama, kabupaten, kecamatan (as the region data names them), tempat
POS = [
    ("Pos Wayan Jempolan Kubu", "Karangasem", "Kubu", "Kantor Camat Kubu"),
    ("Pos Wayan Jempolan Selat", "Karangasem", "Selat", "Kantor Camat Selat"),
    ("Pos Wayan Jempolan Kota Klungkung", "Klungkung", "Klungkung", "Kantor Camat Klungkung"),
    ("Pos Wayan Jempolan Nusa Penida", "Klungkung", "Nusa Penida", "Kantor Camat Nusa Penida"),
    ("Pos Wayan Jempolan Kota Bangli", "Bangli", "Bangli", "Kantor Camat Bangli"),
]
HARI_LALU = 6  # outreach days gone by, every two weeks: about three months
HARI_DEPAN = 2
SELANG = datetime.timedelta(weeks=2)
HARI_KAMIS = 3  # the post's day of the week (Thursday)
JAM = datetime.time(9, 0)
TERDAFTAR_MAKS = 8

KAPAL = HasilKehadiran(
    HasilHadir.IZIN,
    alasan=AlasanAbsen.JARAK_TRANSPORTASI,
    keterangan="Kapal dari Nusa Penida tidak berlayar: gelombang tinggi.",
)
UPACARA = HasilKehadiran(
    HasilHadir.IZIN,
    alasan=AlasanAbsen.UPACARA_AGAMA_ADAT,
    keterangan="Upacara di pura desa.",
)
SAKIT = HasilKehadiran(HasilHadir.IZIN, alasan=AlasanAbsen.SAKIT)
HADIR = HasilKehadiran(HasilHadir.HADIR)
TIDAK_HADIR = HasilKehadiran(HasilHadir.TIDAK_HADIR)


def _dekat_upacara(tanggal: datetime.date) -> bool:
    """Whether a Balinese Hindu day (Galungan, Kuningan and the days around them...) falls
    within three days of `tanggal`."""
    return any(
        h.jenis == JenisHariKhusus.PAWUKON
        for selisih in range(-3, 4)
        for h in hari_khusus(tanggal + datetime.timedelta(days=selisih), bali=True, hindu=True)
    )


def _hasil(rng: random.Random, tanggal: datetime.date, di_pulau: bool) -> HasilKehadiran:
    r = rng.random()
    if _dekat_upacara(tanggal) and r < 0.3:
        return UPACARA
    if di_pulau and r > 0.92:
        return KAPAL
    if r > 0.88:
        return SAKIT
    if r > 0.85:
        return TIDAK_HADIR
    return HADIR


def _hari(tanggal: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(tanggal, JAM))


def _pos(unit, kasi) -> dict[str, PosLayanan]:
    """The five posts, in the kecamatan of the office's work area (a kecamatan the region
    data lacks is skipped)."""
    kecamatan = {
        (k.kabupaten.nama, k.nama): k
        for k in Kecamatan.objects.filter(kabupaten__unit_bapas=unit).select_related("kabupaten")
    }
    hasil = {}
    for nama, kabupaten, nama_kecamatan, alamat in POS:
        kec = kecamatan.get((kabupaten, nama_kecamatan))
        if kec is not None:
            hasil[nama_kecamatan] = services_pos.pos_buat(
                oleh=kasi, data={"nama": nama, "kecamatan": kec, "alamat": alamat}
            )
    return hasil


@langkah_demo(55)
def pos_layanan(ctx: DemoKonteks) -> None:
    unit = ctx.unit["karangasem"]
    kasi, pk = ctx.pengguna["kasi"], ctx.pengguna["pk1"]
    if PosLayanan.objects.filter(unit=unit).exists():
        return  # loaded before: left as it is
    pos = _pos(unit, kasi).get("Nusa Penida")
    if pos is None:
        return
    rng = random.Random(2613)  # noqa: S311 (synthetic data; its own, so earlier steps' draws stay)
    hari_ini = timezone.localdate()
    klien = list(
        Klien.objects.filter(unit=unit, desa__kecamatan__kabupaten=pos.kecamatan.kabupaten_id)
        .berjalan()
        .select_related("desa")
        .annotate(
            di_pulau=Case(
                When(desa__kecamatan=pos.kecamatan_id, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
        )
        .order_by("-di_pulau", "pk")[:TERDAFTAR_MAKS]
    )
    berikutnya = hari_ini + datetime.timedelta(days=(HARI_KAMIS - hari_ini.weekday()) % 7 or 7)
    for i in range(-HARI_LALU, HARI_DEPAN):
        tanggal = berikutnya + SELANG * i
        peserta = [k for k in klien if k.tanggal_mulai <= tanggal]
        if tanggal > hari_ini:  # ahead: planned and registered through the services
            sesi = services_pos.hari_layanan_buat(oleh=pk, pos=pos, mulai=_hari(tanggal))
            if peserta:
                services_pos.pos_daftarkan(sesi=sesi, oleh=kasi, klien_ids=[k.pk for k in peserta])
            continue
        sesi = Sesi(
            unit=unit,
            jenis=JenisSesi.LAYANAN_POS,
            pos=pos,
            mulai=_hari(tanggal),
            tempat=pos.alamat,
            moda=ModaSesi.POS_LAYANAN,
            pk_pencatat=pk,
            dibuat_pada=_hari(tanggal - SELANG),
        )
        sesi.full_clean()
        sesi.save()
        for k in peserta:  # registered the day before (DOMAIN.md)
            PendaftaranPos(
                sesi=sesi,
                klien=k,
                unit=unit,
                didaftarkan_oleh=kasi,
                didaftarkan_pada=_hari(tanggal - datetime.timedelta(days=1)),
            ).save()
        if peserta:
            services.sesi_catat_kehadiran(
                sesi=sesi,
                oleh=pk,
                versi=0,
                hasil={k.pk: _hasil(rng, tanggal, bool(k.di_pulau)) for k in peserta},
            )
    ctx.catatan.append(
        f"Pos layanan: {len(POS)} pos Wayan Jempolan; {HARI_LALU + HARI_DEPAN} hari layanan "
        "di Nusa Penida."
    )
