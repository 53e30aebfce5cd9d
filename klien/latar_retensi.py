"""The retention run as a daily job per office (UU PDP Pasal 42-44; `klien.retensi`).

By default it is the dry run: it lists the office's clients whose retention period has
passed and those held for a legal matter, and changes nothing; the office's Admin and
Kepala Bapas read it in their job list. Once the office has checked the list, setting
`RETENSI_OTOMATIS=true` makes the same job anonymise them. Each client is anonymised on its
own (one that is refused is reported and the others go on), all inside the job's
transaction: a worker stopped half-way leaves none anonymised, and the next attempt does
them all (an anonymised client is not done twice). `retensi_klien` is the same by hand.
"""

import datetime
import logging

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pekerjaan.jenis import Hasil, jenis_pekerjaan

from .models import Klien
from .retensi import AnonimisasiDitolak, anonimkan_satu_per_satu, ditahan, jatuh_tempo_retensi

RETENSI = "klien.retensi"
log = logging.getLogger("klien.retensi")


def otomatis() -> bool:
    return getattr(settings, "RETENSI_OTOMATIS", False)


@jenis_pekerjaan(RETENSI, gettext_lazy("Retensi data klien (harian)"), harian=datetime.time(1, 0))
def retensi(p, progres) -> Hasil:
    hari_ini = datetime.date.fromisoformat(p.parameter["tanggal"])
    qs = Klien.objects.filter(unit_id=p.unit_id).order_by("tanggal_berakhir", "pk")
    tempo = list(jatuh_tempo_retensi(qs, hari_ini))
    tahan = ditahan(qs, hari_ini).count()
    progres(0, total=len(tempo), langkah=_("Memeriksa klien yang lewat masa retensi"))
    ringkasan = {"jatuh_tempo": len(tempo), "ditahan": tahan, "dianonimkan": 0, "gagal": 0}
    if not otomatis():
        baris = [
            _(
                "Uji coba: %(tempo)d klien lewat masa retensi, %(tahan)d ditahan untuk perkara "
                "hukum. Tidak ada yang diubah; anonimisasi otomatis belum diaktifkan "
                "(RETENSI_OTOMATIS)."
            )
            % {"tempo": len(tempo), "tahan": tahan}
        ]
        return Hasil(ringkasan=ringkasan | {"uji_coba": True, "baris": baris})
    for n, (klien, hasil) in enumerate(anonimkan_satu_per_satu(tempo, hari_ini=hari_ini), 1):
        if isinstance(hasil, Exception):
            ringkasan["gagal"] += 1
            if not isinstance(hasil, AnonimisasiDitolak):
                log.error("retention: client %s could not be anonymised", klien.pk, exc_info=hasil)
        elif hasil:
            ringkasan["dianonimkan"] += 1
        progres(n)
    baris = [
        _("%(n)d klien dianonimkan, %(gagal)d ditolak, %(tahan)d ditahan untuk perkara hukum.")
        % {"n": ringkasan["dianonimkan"], "gagal": ringkasan["gagal"], "tahan": tahan}
    ]
    return Hasil(ringkasan=ringkasan | {"uji_coba": False, "baris": baris})
