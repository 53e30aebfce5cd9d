"""Reads of outreach posts (Wayan Jempolan): the post list and page, the registration
page, and which post a client far from the office is suggested to report at."""

from dataclasses import dataclass

from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from klien.models import Klien

from .models import PendaftaranPos, PosLayanan, Sesi
from .pilihan import JenisSesi
from .selectors_program import sesi_dengan_kehadiran

WAKTU_TEMPUH_JAUH_MENIT = 60
"""A client whose kecamatan is at least this many minutes (one way, Kecamatan.waktu_tempuh_menit)
from the office is suggested an outreach post: at an hour's travel, a report at the office
takes the client half a day. Closer clients, and those whose kecamatan has no recorded
travel time, are suggested none."""

RELASI_SARAN = "desa__kecamatan"
"""What `saran_pos` reads of each client: load the clients with select_related(RELASI_SARAN),
or each client costs a query."""

# How many past outreach days a post's page lists (a year of days every week).
HARI_LALU_MAKS = 52


def _menit(pos: PosLayanan) -> int:
    """The travel time of the post's kecamatan; unknown sorts last."""
    menit = pos.kecamatan.waktu_tempuh_menit
    return menit if menit is not None else 24 * 60 + 1


def saran_pos(klien_list) -> dict[int, PosLayanan | None]:
    """Per client (loaded with select_related(RELASI_SARAN)), the outreach post suggested:
    for a client whose kecamatan is WAKTU_TEMPUH_JAUH_MENIT or more from the office, an
    active post of the client's office in the same kecamatan, else the one in the same
    kabupaten whose kecamatan has the shortest travel time (then by name); None otherwise.
    One query (the active posts of the clients' offices) whatever the number of clients."""
    klien_list = list(klien_list)
    jauh = [
        k
        for k in klien_list
        if (menit := k.desa.kecamatan.waktu_tempuh_menit) is not None
        and menit >= WAKTU_TEMPUH_JAUH_MENIT
    ]
    hasil: dict[int, PosLayanan | None] = dict.fromkeys((k.pk for k in klien_list), None)
    if not jauh:
        return hasil
    pos_semua = sorted(
        PosLayanan.objects.aktif()
        .filter(unit_id__in={k.unit_id for k in jauh})
        .select_related("kecamatan"),
        key=lambda p: (_menit(p), p.nama, p.pk),
    )
    per_kecamatan: dict[tuple[int, int], PosLayanan] = {}
    per_kabupaten: dict[tuple[int, int], PosLayanan] = {}
    for p in pos_semua:  # the first of each key wins: the shortest travel time, then name
        per_kecamatan.setdefault((p.unit_id, p.kecamatan_id), p)
        per_kabupaten.setdefault((p.unit_id, p.kecamatan.kabupaten_id), p)
    for k in jauh:
        kecamatan = k.desa.kecamatan
        hasil[k.pk] = per_kecamatan.get((k.unit_id, kecamatan.pk)) or per_kabupaten.get(
            (k.unit_id, kecamatan.kabupaten_id)
        )
    return hasil


def klien_disarankan(pos: PosLayanan, user) -> list[Klien]:
    """The running clients `user` may see (a PK: their own; the managers: the office's)
    whose suggested post is `pos`. Two queries."""
    calon = (
        Klien.objects.for_user(user)
        .berjalan()
        .filter(
            desa__kecamatan__kabupaten_id=pos.kecamatan.kabupaten_id,
            desa__kecamatan__waktu_tempuh_menit__gte=WAKTU_TEMPUH_JAUH_MENIT,
        )
        .select_related(RELASI_SARAN)
    )
    calon = list(calon)
    saran = saran_pos(calon)
    return [k for k in calon if saran[k.pk] is not None and saran[k.pk].pk == pos.pk]


def _jumlah_terdaftar(sesi_ref: str):
    """The registrations of the outreach day `sesi_ref` names (0 when none), as a subquery."""
    n = (
        PendaftaranPos.objects.filter(sesi_id=OuterRef(sesi_ref))
        .order_by()
        .values("sesi_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(n, output_field=IntegerField()), Value(0))


def daftar_pos(user):
    """The office's posts, active first, each with its next outreach day (today or later:
    `hari_berikutnya`, `hari_berikutnya_id`) and the clients registered for it. One query."""
    berikutnya = Sesi.objects.filter(
        pos=OuterRef("pk"),
        jenis=JenisSesi.LAYANAN_POS,
        mulai__date__gte=timezone.localdate(),
    ).order_by("mulai", "pk")
    return (
        PosLayanan.objects.for_user(user)
        .select_related("kecamatan__kabupaten")
        .annotate(
            hari_berikutnya=Subquery(berikutnya.values("mulai")[:1]),
            hari_berikutnya_id=Subquery(berikutnya.values("pk")[:1]),
        )
        .annotate(jumlah_terdaftar=_jumlah_terdaftar("hari_berikutnya_id"))
        .order_by("-aktif", "nama", "pk")
    )


def hari_layanan(qs):
    """Outreach days with their registered clients and attendance recorded (jumlah_terdaftar,
    jumlah_hadir, jumlah_tercatat)."""
    return sesi_dengan_kehadiran(qs).annotate(jumlah_terdaftar=_jumlah_terdaftar("pk"))


@dataclass
class HalamanPos:
    pos: PosLayanan
    hari_mendatang: list
    hari_lalu: list
    klien_disarankan: list


def halaman_pos(pos: PosLayanan, user) -> HalamanPos:
    """What a post's page shows: its outreach days from today on (soonest first), the
    latest HARI_LALU_MAKS before today, and the clients suggested to report there. Four
    queries."""
    hari_ini = timezone.localdate()
    semua = hari_layanan(Sesi.objects.for_user(user).filter(pos=pos, jenis=JenisSesi.LAYANAN_POS))
    return HalamanPos(
        pos=pos,
        hari_mendatang=list(semua.filter(mulai__date__gte=hari_ini).order_by("mulai", "pk")),
        hari_lalu=list(
            semua.filter(mulai__date__lt=hari_ini).order_by("-mulai", "pk")[:HARI_LALU_MAKS]
        ),
        klien_disarankan=klien_disarankan(pos, user),
    )


@dataclass
class HalamanPendaftaran:
    terdaftar: list  # PendaftaranPos rows, with klien and didaftarkan_oleh
    disarankan: list  # clients not registered whose suggested post is this day's
    lainnya: list  # the other running clients the user may register


def halaman_pendaftaran(sesi: Sesi, user) -> HalamanPendaftaran:
    """The registration page of an outreach day: who is registered (every registration of
    the office's day, whoever's client), and the running clients `user` may still register,
    the ones suggested for this post first. Three queries."""
    terdaftar = list(
        PendaftaranPos.objects.for_user(user)
        .filter(sesi=sesi)
        .select_related("klien", "didaftarkan_oleh")
        .order_by("klien__nama", "pk")
    )
    sudah = {p.klien_id for p in terdaftar}
    calon = [
        k
        for k in Klien.objects.for_user(user).berjalan().select_related(RELASI_SARAN)
        if k.pk not in sudah
    ]
    saran = saran_pos(calon)
    disarankan = [k for k in calon if saran[k.pk] is not None and saran[k.pk].pk == sesi.pos_id]
    ids = {k.pk for k in disarankan}
    return HalamanPendaftaran(
        terdaftar=terdaftar,
        disarankan=disarankan,
        lainnya=[k for k in calon if k.pk not in ids],
    )
