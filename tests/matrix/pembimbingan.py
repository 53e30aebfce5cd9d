from . import Baris, hanya, milik_pk, semua

KANTOR = ("pk", "pk_lain", "kasi", "kasi_lain", "kabapas", "admin")
# a record of pk's office that every office role of it sees (a programme, a group session)
KANTOR_PK = {
    "anon": 302,
    "pk": 200,
    "pk_lain": 200,
    "kasi": 200,
    "kasi_lain": 404,
    "kabapas": 200,
    "admin": 200,
    "kanwil": 403,
    "pusat": 403,
}


def _program(d):
    """A programme of pk's office with a past session (demo data)."""
    from pembimbingan.models import Sesi

    sesi = (
        Sesi.objects.filter(program__unit=d["pk"].unit, mulai__lt=_sekarang())
        .order_by("program_id", "-mulai")
        .first()
    )
    return {"pk": sesi.program_id}


def _sesi(d):
    """The latest past group session of pk's office (demo data)."""
    from pembimbingan.models import Sesi

    sesi = (
        Sesi.objects.filter(program__unit=d["pk"].unit, mulai__lt=_sekarang())
        .order_by("-mulai", "pk")
        .first()
    )
    return {"pk": sesi.pk}


def _peserta(d):
    """An active enrolment of one of pk's clients (demo data)."""
    from pembimbingan.models import Peserta

    peserta = (
        Peserta.objects.filter(klien__pk_pembimbing=d["pk"], status="aktif").order_by("pk").first()
    )
    return {"pk": peserta.pk}


def _klien_lapor(d):
    """A running client of pk's, the one due to report first (demo data)."""
    from klien.models import Klien

    klien = (
        Klien.objects.filter(pk_pembimbing=d["pk"])
        .berjalan()
        .order_by("tanggal_lapor_berikutnya", "pk")
    ).first()
    return {"pk": klien.pk}


def _kunci_kalender(d):
    """A calendar feed key of pk's, made once per crawl (the key is shown only once, so
    the row makes its own)."""
    from pembimbingan.services_langganan import kalender_buat_kunci

    if "kunci_kalender" not in d.cache:
        d.cache["kunci_kalender"] = kalender_buat_kunci(user=d["pk"])
    return {"kunci": d.cache["kunci_kalender"]}


def _pos(d):
    """The Nusa Penida outreach post of pk's office (demo data)."""
    from pembimbingan.models import PosLayanan

    pos = PosLayanan.objects.get(unit=d["pk"].unit, kecamatan__nama="Nusa Penida")
    return {"pk": pos.pk}


def _hari_layanan(d):
    """The next outreach day at pk's office's posts (demo data)."""
    from pembimbingan.models import Sesi

    sesi = (
        Sesi.objects.filter(pos__unit=d["pk"].unit, mulai__gte=_sekarang())
        .order_by("mulai", "pk")
        .first()
    )
    return {"pk": sesi.pk}


def _sekarang():
    from django.utils import timezone

    return timezone.now()


BARIS: list[Baris] = [
    # the office calendar (issue 11, part 7): every office role; Kanwil and Pusat see figures
    Baris("pembimbingan:kalender", hanya(*KANTOR)),
    Baris("pembimbingan:kalender", hanya(*KANTOR), query="?tahun=2025"),
    Baris("pembimbingan:kalender", hanya(*KANTOR), query="?tahun=bukan-tahun"),
    # one's own calendar subscription (part 7): the page for those who hold LANGGANAN_KALENDER;
    # the feed answers whoever has the key, logged in or not (calendar apps cannot log in):
    # an unknown or revoked key, and the owner's loss of the right, are tested in
    # tests/pembimbingan/test_ical.py
    Baris("pembimbingan:langganan", hanya("pk", "pk_lain", "kasi", "kasi_lain", "kabapas")),
    Baris("pembimbingan:ical", semua(200), kwargs=_kunci_kalender, halaman=False),
    # programmes and sessions (issue 11, part 8): the office's, for every office role;
    # recording attendance is not Admin's
    Baris("pembimbingan:program-list", hanya(*KANTOR)),
    Baris("pembimbingan:program-detail", KANTOR_PK, kwargs=_program),
    Baris("pembimbingan:sesi-detail", KANTOR_PK, kwargs=_sesi),
    Baris("pembimbingan:sesi-kehadiran", {**KANTOR_PK, "admin": 403}, kwargs=_sesi),
    # opening and changing a programme is the managers' (KELOLA_PROGRAM); enrolling and
    # planning or changing sessions every office role's but Admin's; a PK ends the
    # enrolments of their own clients only
    Baris("pembimbingan:program-create", hanya("kasi", "kasi_lain", "kabapas")),
    Baris(
        "pembimbingan:program-update",
        {**KANTOR_PK, "pk": 403, "pk_lain": 403, "admin": 403},
        kwargs=_program,
    ),
    Baris("pembimbingan:peserta-tambah", {**KANTOR_PK, "admin": 403}, kwargs=_program),
    Baris(
        "pembimbingan:peserta-tambah",
        {**KANTOR_PK, "admin": 403},
        kwargs=_program,
        query="?q=wayan",
    ),
    Baris("pembimbingan:peserta-akhiri", {**milik_pk(), "admin": 403}, kwargs=_peserta),
    # without a programme or client: the page to choose one
    Baris("pembimbingan:sesi-create", hanya("pk", "pk_lain", "kasi", "kasi_lain", "kabapas")),
    Baris(
        "pembimbingan:sesi-create",
        hanya("pk", "pk_lain", "kasi", "kasi_lain", "kabapas", ok=404),
        query="?program=bukan-angka",
    ),
    Baris("pembimbingan:sesi-update", {**KANTOR_PK, "admin": 403}, kwargs=_sesi),
    # the PK's agenda (their home) and wajib lapor (issue 11, parts 4 and 5): recording a
    # report or setting a schedule is for the client's PK and the office's managers
    Baris("pembimbingan:agenda", hanya("pk", "pk_lain")),
    Baris("pembimbingan:lapor", {**milik_pk(), "admin": 403}, kwargs=_klien_lapor),
    Baris("pembimbingan:jadwal-lapor", {**milik_pk(), "admin": 403}, kwargs=_klien_lapor),
    # outreach posts (issue 11, part 6): seen by every office role; a post is set up or
    # changed by the managers and Admin (KELOLA_POS); outreach days are planned, and clients
    # registered, by those who record attendance
    Baris("pembimbingan:pos-list", hanya(*KANTOR)),
    Baris("pembimbingan:pos-create", hanya("kasi", "kasi_lain", "kabapas", "admin")),
    Baris("pembimbingan:pos-detail", KANTOR_PK, kwargs=_pos),
    Baris("pembimbingan:pos-update", {**KANTOR_PK, "pk": 403, "pk_lain": 403}, kwargs=_pos),
    Baris("pembimbingan:hari-layanan-create", {**KANTOR_PK, "admin": 403}, kwargs=_pos),
    Baris("pembimbingan:pendaftaran-pos", {**KANTOR_PK, "admin": 403}, kwargs=_hari_layanan),
    # the calendar's month view (issue 11, part 8; with no parameter: this month, above): the
    # office's sessions in the user's scope; a bad month falls back to this one
    Baris("pembimbingan:kalender", hanya(*KANTOR), query="?tahun=2026&bulan=12"),
    Baris("pembimbingan:kalender", hanya(*KANTOR), query="?tahun=2026&bulan=12&saya=1"),
    Baris("pembimbingan:kalender", hanya(*KANTOR), query="?bulan=13"),
]
