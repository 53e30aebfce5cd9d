"""What the guidance module holds about a client, declared once (klien.terkait): enrolments,
attendance and individual sessions join the client's timeline (the first two), the
data-subject export and anonymisation."""

from django.utils import timezone
from django.utils.translation import gettext as _

from klien.terkait import DIANONIMKAN, DataKlien, Peristiwa, daftar_data_klien

from .models import JadwalLapor, Kehadiran, PendaftaranPos, Peserta, Sesi


def _kehadiran(h: Kehadiran) -> Peristiwa:
    judul = h.get_hasil_display()
    if h.alasan:
        judul += f" ({h.get_alasan_display()})"
    return Peristiwa(
        timezone.localdate(h.sesi.mulai),
        h.sesi.get_jenis_display(),
        judul,
        h.keterangan,
        "calendar-check",
    )


def _peserta(p: Peserta) -> Peristiwa:
    return Peristiwa(
        p.tanggal_masuk,
        _("Program"),
        _("Peserta %(program)s (%(status)s)")
        % {"program": p.program.nama, "status": p.get_status_display()},
        p.alasan_keluar or p.hasil,
        "people",
    )


DATA_PEMBIMBINGAN = (
    DataKlien(
        model=Peserta,
        relasi="keikutsertaan",
        judul="peserta_program",
        teks_anonim={"alasan_keluar": DIANONIMKAN, "hasil": ""},
        urutan_ekspor=("tanggal_masuk", "pk"),
        select_related=("program",),
        ke_timeline=_peserta,
    ),
    DataKlien(
        model=Kehadiran,
        relasi="kehadiran",
        judul="kehadiran",
        teks_anonim={"keterangan": ""},
        urutan_ekspor=("sesi__mulai", "pk"),
        select_related=("sesi",),
        ke_timeline=_kehadiran,
    ),
    # A wajib lapor report or home visit is about one client: its notes are theirs. On the
    # timeline through its attendance row, not twice.
    DataKlien(
        model=Sesi,
        relasi="sesi_individu",
        judul="sesi_individu",
        # a home visit's place is the client's address
        teks_anonim={"catatan": "", "tempat": ""},
        urutan_ekspor=("mulai", "pk"),
    ),
    # The reporting schedule and outreach-day registrations hold no free text; they are
    # part of the data-subject export and kept (dates only) when the client is anonymised.
    DataKlien(
        model=JadwalLapor,
        relasi="jadwal_lapor",
        judul="jadwal_lapor",
        teks_anonim={},
        urutan_ekspor=("pk",),
    ),
    DataKlien(
        model=PendaftaranPos,
        relasi="pendaftaran_pos",
        judul="pendaftaran_pos",
        teks_anonim={},
        urutan_ekspor=("sesi__mulai", "pk"),
        select_related=("sesi",),
    ),
)


daftar_data_klien(*DATA_PEMBIMBINGAN)  # on import, from PembimbinganConfig.ready()
