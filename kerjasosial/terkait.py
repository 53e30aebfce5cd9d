"""What the community-service module holds about a client, declared once (klien.terkait): the
order and each day of work join the client's timeline, the data-subject export and
anonymisation."""

from django.utils.translation import gettext as _

from klien.terkait import DIANONIMKAN, DataKlien, Peristiwa, daftar_data_klien

from .models import JamKerjaSosial, PutusanKerjaSosial


def _putusan(p: PutusanKerjaSosial) -> Peristiwa:
    return Peristiwa(
        p.tanggal_mulai,
        _("Kerja sosial"),
        _("Putusan %(jam)d jam kerja sosial, sampai %(akhir)s")
        % {"jam": p.jam_diputus, "akhir": p.batas_akhir.strftime("%d-%m-%Y")},
        p.catatan,
        "hammer",
        str(p.oleh),
    )


def _jam(j: JamKerjaSosial) -> Peristiwa:
    if j.hadir:
        judul = _("%(jam)s jam di %(lokasi)s") % {"jam": j.jam.normalize(), "lokasi": j.lokasi}
    else:
        judul = _("Tidak hadir di %(lokasi)s") % {"lokasi": j.lokasi}
    return Peristiwa(j.tanggal, _("Kerja sosial"), judul, j.alasan, "hammer")


daftar_data_klien(
    DataKlien(
        model=PutusanKerjaSosial,
        relasi="putusan_kerja_sosial",
        judul="putusan_kerja_sosial",
        teks_anonim={"catatan": ""},
        urutan_ekspor=("tanggal_mulai", "pk"),
        select_related=("oleh",),
        ke_timeline=_putusan,
    ),
    DataKlien(
        model=JamKerjaSosial,
        relasi="jam_kerja_sosial",
        judul="jam_kerja_sosial",
        teks_anonim={"alasan": DIANONIMKAN},
        urutan_ekspor=("tanggal", "pk"),
        select_related=("lokasi",),
        ke_timeline=_jam,
    ),
)
