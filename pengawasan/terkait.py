"""What the supervision order holds about a client, declared once (klien.terkait): the
order, its conditions, their history and the PK's considerations join the data-subject
export and anonymisation; the history of the conditions and the considerations join the
client's timeline."""

from django.utils.translation import gettext as _

from klien.terkait import DIANONIMKAN, DataKlien, Peristiwa, daftar_data_klien

from .models import PertimbanganPK, PidanaPengawasan, RiwayatSyarat, SyaratPengawasan


def _riwayat(r: RiwayatSyarat) -> Peristiwa:
    return Peristiwa(
        r.tanggal,
        _("Pidana pengawasan"),
        _("%(syarat)s: %(status)s")
        % {"syarat": r.syarat.get_jenis_display(), "status": r.get_status_baru_display()},
        r.bukti,
        "clipboard-check",
    )


def _pertimbangan(p: PertimbanganPK) -> Peristiwa:
    return Peristiwa(
        p.tanggal,
        _("Pertimbangan PK"),
        _("%(jenis)s (%(nomor)s): %(hasil)s")
        % {"jenis": p.get_jenis_display(), "nomor": p.nomor, "hasil": p.get_hasil_display()},
        p.alasan,
        "envelope-paper",
    )


daftar_data_klien(
    DataKlien(model=PidanaPengawasan, relasi="pidana_pengawasan", judul="pidana_pengawasan"),
    DataKlien(
        model=SyaratPengawasan,
        relasi="syarat_pengawasan",
        judul="syarat_pengawasan",
        # a special condition can name the victim (restitution) or a place
        teks_anonim={"uraian": DIANONIMKAN, "bukti": ""},
    ),
    DataKlien(
        model=RiwayatSyarat,
        relasi="riwayat_syarat_pengawasan",
        judul="riwayat_syarat_pengawasan",
        teks_anonim={"bukti": ""},
        urutan_ekspor=("tanggal", "pk"),
        select_related=("syarat",),
        ke_timeline=_riwayat,
    ),
    DataKlien(
        model=PertimbanganPK,
        relasi="pertimbangan_pengawasan",
        judul="pertimbangan_pengawasan",
        teks_anonim={"alasan": DIANONIMKAN},
        urutan_ekspor=("tanggal", "pk"),
        ke_timeline=_pertimbangan,
    ),
)
