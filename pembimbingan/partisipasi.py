"""A client's participation in the guidance programmes, as the outcome figures split it
(laporan.selectors_hasil) and the client list filters it (pembimbingan.saringan_klien): one
definition for both.

- tanpa program: never enrolled in a programme (no `Peserta` row, in any status);
- peserta, kehadiran belum tercatat: enrolled, but no outcome recorded at any group session
  of a programme. Their attendance is unknown, not nought: they are a group of their own,
  not counted as below 75 %;
- below 75 % / 75 % and above: the client's present outcomes (HASIL_HADIR: present, also
  without following directions) over all their recorded outcomes at group sessions of
  programmes (every absence counts, as in every attendance rate), over all programmes and
  the whole guidance. Exactly 75 % is "75 % and above".

Wajib lapor, home visits and outreach days are not programme sessions and do not count.
"""

from django.db import models
from django.db.models import (
    Case,
    Count,
    Exists,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.db.models.lookups import GreaterThanOrEqual
from django.utils.translation import gettext_lazy as _

from .models import Kehadiran, Peserta
from .pilihan import HASIL_HADIR, JenisSesi

# The attendance that divides the participants: this many per cent and above.
BATAS_PERSEN_KEHADIRAN = 75


class Partisipasi(models.TextChoices):
    """The groups (values of the `partisipasi` annotation and of the list's filter)."""

    TANPA_PROGRAM = "tanpa_program", _("Tanpa program")
    BELUM_TERCATAT = "belum_tercatat", _("Peserta, kehadiran belum tercatat")
    DI_BAWAH_75 = "di_bawah_75", _("Peserta, kehadiran di bawah 75 %")
    KE_ATAS_75 = "75_ke_atas", _("Peserta, kehadiran 75 % atau lebih")


def _kelompok_kehadiran() -> Subquery:
    """The outer client's group by attendance (BELUM... is left to the caller: a client
    with no recorded outcome has no row here, so the subquery is NULL), computed inside one
    correlated subquery over their outcomes at programmes' group sessions: the counts and
    the comparison are one aggregate, so each client's rows are read once (an annotation
    per count would be inlined, and read, wherever it is used)."""
    tercatat = Count("pk")
    hadir = Count("pk", filter=Q(hasil__in=HASIL_HADIR))
    baris = (
        Kehadiran.objects.filter(klien=OuterRef("pk"), sesi__jenis=JenisSesi.KELOMPOK)
        .order_by()
        .values("klien")
        .annotate(
            kelompok=Case(
                When(
                    GreaterThanOrEqual(hadir * 100, tercatat * BATAS_PERSEN_KEHADIRAN),
                    then=Value(Partisipasi.KE_ATAS_75.value),
                ),
                default=Value(Partisipasi.DI_BAWAH_75.value),
                output_field=models.CharField(),
            )
        )
        .values("kelompok")
    )
    return Subquery(baris, output_field=models.CharField())


def dengan_partisipasi(qs_klien: QuerySet) -> QuerySet:
    """Klien rows annotated with `partisipasi` (a value of Partisipasi): an EXISTS over the
    enrolments and one correlated subquery over the client's outcomes, so that a count
    grouped by it is one query."""
    return qs_klien.annotate(
        partisipasi=Case(
            When(
                ~Exists(Peserta.objects.filter(klien=OuterRef("pk"))),
                then=Value(Partisipasi.TANPA_PROGRAM.value),
            ),
            default=Coalesce(_kelompok_kehadiran(), Value(Partisipasi.BELUM_TERCATAT.value)),
            output_field=models.CharField(),
        )
    )


def q_ikut_program(*, program=None, jenis: str = "", mitra=None) -> Q:
    """Klien who took part (enrolled, in any status) in one programme that is all of these:
    `program`, of type `jenis`, run by `mitra` (each ignored when empty). An empty Q when
    all are empty."""
    kondisi = {}
    if program:
        kondisi["program"] = program
    if jenis:
        kondisi["program__jenis"] = jenis
    if mitra:
        kondisi["program__mitra"] = mitra
    if not kondisi:
        return Q()
    return Q(pk__in=Peserta.objects.filter(**kondisi).values("klien"))
