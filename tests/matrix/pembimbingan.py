from . import Baris, hanya

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


def _sekarang():
    from django.utils import timezone

    return timezone.now()


BARIS: list[Baris] = [
    # the office calendar (issue 11, part 7): every office role; Kanwil and Pusat see figures
    Baris("pembimbingan:kalender", hanya(*KANTOR)),
    Baris("pembimbingan:kalender", hanya(*KANTOR), query="?tahun=2025"),
    Baris("pembimbingan:kalender", hanya(*KANTOR), query="?tahun=bukan-tahun"),
    # programmes and sessions (issue 11, part 8): the office's, for every office role;
    # recording attendance is not Admin's
    Baris("pembimbingan:program-list", hanya(*KANTOR)),
    Baris("pembimbingan:program-detail", KANTOR_PK, kwargs=_program),
    Baris("pembimbingan:sesi-detail", KANTOR_PK, kwargs=_sesi),
    Baris("pembimbingan:sesi-kehadiran", {**KANTOR_PK, "admin": 403}, kwargs=_sesi),
]
