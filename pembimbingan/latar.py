"""pembimbingan's daily job: an absence awaiting evidence becomes a miss when its deadline
passes, with no write that would recount it; each office's clients concerned are counted
again once a day, after midnight office time (`hitung_kepatuhan` does the same by hand)."""

import datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pekerjaan.jenis import Hasil, jenis_pekerjaan

from .models import Kehadiran
from .pilihan import HasilHadir
from .services import kepatuhan_hitung_ulang


def klien_lewat_batas(hari_ini: datetime.date, *, unit_id: int | None = None) -> list[int]:
    """The clients with an absence whose deadline for evidence passed before `hari_ini`."""
    qs = Kehadiran.objects.filter(
        hasil=HasilHadir.MENUNGGU_KETERANGAN, batas_keterangan__lt=hari_ini
    )
    if unit_id is not None:
        qs = qs.filter(klien__unit_id=unit_id)
    return sorted(set(qs.values_list("klien_id", flat=True)))


@jenis_pekerjaan(
    "pembimbingan.batas_keterangan",
    gettext_lazy("Batas keterangan ketidakhadiran (harian)"),
    harian=datetime.time(0, 30),
)
def batas_keterangan(p, progres) -> Hasil:
    hari_ini = datetime.date.fromisoformat(p.parameter["tanggal"])
    klien_ids = klien_lewat_batas(hari_ini, unit_id=p.unit_id)
    progres(0, total=len(klien_ids), langkah=_("Menghitung ulang ketidakhadiran berturut-turut"))
    if klien_ids:
        kepatuhan_hitung_ulang(klien_ids=klien_ids)
    progres(len(klien_ids))
    return Hasil(
        ringkasan={
            "klien": len(klien_ids),
            "baris": [
                _(
                    "%(n)d klien punya ketidakhadiran yang batas keterangannya lewat; "
                    "ketidakhadiran berturut-turut mereka dihitung ulang."
                )
                % {"n": len(klien_ids)}
            ],
        }
    )
