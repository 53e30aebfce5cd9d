"""pokmas's daily job: each office's agreements (PKS) that have lapsed or will lapse within
HARI_PERINGATAN_PKS days, listed once a day after midnight office time for those who keep
the partner registry (the job is seen by the office's Admin and Kepala Bapas). A partner
whose agreement lapsed counts as active nowhere from the next day (MitraQuerySet.q_aktif);
this is the day's reminder to renew it or deactivate the partner."""

import datetime

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pekerjaan.jenis import Hasil, jenis_pekerjaan

from .models import PerjanjianKerjaSama
from .pilihan import MasaPKS


@jenis_pekerjaan(
    "pokmas.pks",
    gettext_lazy("Masa berlaku PKS (harian)"),
    harian=datetime.time(0, 45),
)
def masa_pks(p, progres) -> Hasil:
    hari_ini = datetime.date.fromisoformat(p.parameter["tanggal"])
    daftar = list(PerjanjianKerjaSama.objects.filter(unit_id=p.unit_id).perlu_diperbarui(hari_ini))
    progres(len(daftar), total=len(daftar), langkah=_("Memeriksa masa berlaku PKS"))
    baris, kedaluwarsa = [], 0
    for pks in daftar:
        isi = {
            "mitra": pks.mitra.nama,
            "nomor": pks.nomor,
            "tanggal": date_format(pks.tanggal_selesai),
        }
        if pks.masa(hari_ini) == MasaPKS.KEDALUWARSA:
            kedaluwarsa += 1
            baris.append(
                _("%(mitra)s: PKS %(nomor)s berakhir %(tanggal)s; perpanjang atau nonaktifkan.")
                % isi
            )
        else:
            baris.append(
                _("%(mitra)s: PKS %(nomor)s berakhir %(tanggal)s (%(n)d hari lagi).")
                % (isi | {"n": pks.sisa_hari(hari_ini)})
            )
    if not baris:
        baris.append(_("Tidak ada PKS yang lewat masa berlakunya atau segera berakhir."))
    return Hasil(
        ringkasan={
            "kedaluwarsa": kedaluwarsa,
            "segera_berakhir": len(daftar) - kedaluwarsa,
            "baris": baris,
        },
        tautan=reverse("pokmas:mitra-list"),
    )
