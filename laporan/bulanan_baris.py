"""The rows of the monthly report (laporan.bulanan): one programme and category of
clients, the outcomes of a kind of contact, the absences of a reason, a partner."""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from klien.pilihan import Kategori, ProgramIntegrasi
from pembimbingan.pilihan import AlasanAbsen, HasilHadir
from pembimbingan.selectors_rekap import DenganN

from .berakhir import KOLOM_BERAKHIR


@dataclass(frozen=True)
class BarisKlien:
    """One programme and category (or a total: `program` empty, `kategori` empty for the
    grand total): clients running at the start, intakes, endings by kind (a field per
    ending: laporan.berakhir), at the end."""

    program: str
    kategori: str
    awal: int
    masuk: int
    selesai: int
    dicabut: int
    kembali: int
    diakhiri: int
    meninggal: int
    pindah: int
    akhir: int

    @property
    def label_program(self) -> str:
        return str(ProgramIntegrasi(self.program).label) if self.program else ""

    @property
    def label_kategori(self) -> str:
        return str(Kategori(self.kategori).label) if self.kategori else ""

    @property
    def label(self) -> str:
        """How a row reads in a table: the programme, or which total it is."""
        if self.program:
            return self.label_program
        if self.kategori:
            return str(_("Jumlah %(kategori)s") % {"kategori": self.label_kategori.lower()})
        return str(_("Jumlah"))

    @property
    def berakhir(self) -> int:
        """Every ending, whatever its kind (so awal + masuk - berakhir = akhir)."""
        return sum(getattr(self, field) for field, _s, _l in KOLOM_BERAKHIR)


@dataclass(frozen=True)
class Hasil(DenganN):
    """Recorded outcomes of a group of contacts."""

    hadir: int = 0
    tidak_mengikuti_arahan: int = 0  # came, did not follow directions
    izin: int = 0  # absent, acceptable reason
    tidak_hadir: int = 0  # absent, no acceptable reason
    menunggu: int = 0  # absent, awaiting evidence

    @classmethod
    def dari(cls, hitung: Mapping[str, int]) -> "Hasil":
        return cls(
            hadir=hitung.get(HasilHadir.HADIR, 0),
            tidak_mengikuti_arahan=hitung.get(HasilHadir.HADIR_TIDAK_MENGIKUTI_ARAHAN, 0),
            izin=hitung.get(HasilHadir.IZIN, 0),
            tidak_hadir=hitung.get(HasilHadir.TIDAK_HADIR, 0),
            menunggu=hitung.get(HasilHadir.MENUNGGU_KETERANGAN, 0),
        )

    @property
    def datang(self) -> int:
        """Came (the rate's numerator, as everywhere: also without following directions)."""
        return self.hadir + self.tidak_mengikuti_arahan

    @property
    def tercatat(self) -> int:
        return self.datang + self.izin + self.tidak_hadir + self.menunggu

    def _rasio(self) -> tuple[int, int]:
        return self.datang, self.tercatat


@dataclass(frozen=True)
class BarisSesi:
    """One kind of contact (wajib lapor, home visit, a programme type's group sessions,
    outreach days): sessions held in the month, those of them with no attendance recorded
    yet, and the outcomes recorded."""

    kunci: str
    label: str
    sesi: int
    tanpa_catatan: int
    hasil: Hasil


@dataclass(frozen=True)
class BarisAbsen:
    """The absences of one reason (`alasan` empty: none given), or of all (`total`)."""

    alasan: str
    izin: int
    tidak_hadir: int
    menunggu: int
    total: bool = False

    @property
    def label(self) -> str:
        if self.total:
            return str(_("Jumlah"))
        return str(AlasanAbsen(self.alasan).label if self.alasan else _("Tanpa alasan"))

    @property
    def jumlah(self) -> int:
        return self.izin + self.tidak_hadir + self.menunggu


@dataclass(frozen=True)
class BarisMitra:
    """A partner of the month: its agreement in force in the month (the latest end of
    those, or None), the group sessions its programmes held and their attendance."""

    mitra_id: int
    nama: str
    pks_sampai: datetime.date | None
    sesi: int
    hasil: Hasil

    @property
    def aktif(self) -> bool:
        return self.pks_sampai is not None
