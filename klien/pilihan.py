"""Choice sets of the client register (kept apart so models.py stays readable)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProgramIntegrasi(models.TextChoices):
    PB = "PB", _("Pembebasan bersyarat (PB)")
    CB = "CB", _("Cuti bersyarat (CB)")
    CMB = "CMB", _("Cuti menjelang bebas (CMB)")
    ASIMILASI = "ASIMILASI", _("Asimilasi")
    CMK = "CMK", _("Cuti mengunjungi keluarga (CMK)")
    PIDANA_BERSYARAT = "PIDANA_BERSYARAT", _("Pidana bersyarat (KUHP lama)")
    # the new criminal code (UU 1/2023), in force since 2 January 2026: two principal
    # sentences served in the community with the Bapas
    PENGAWASAN = "PENGAWASAN", _("Pidana pengawasan (KUHP Pasal 75–77)")
    KERJA_SOSIAL = "KERJA_SOSIAL", _("Pidana kerja sosial (KUHP Pasal 85)")
    DIVERSI = "DIVERSI", _("Diversi (anak)")
    BIMBINGAN_PUTUSAN = "BIMBINGAN_PUTUSAN", _("Bimbingan setelah putusan (anak)")


# The programmes granted by a decision letter (SK) after a prison term: the intake form
# asks for its number, date and issuer. The others come from a court or a diversion.
PROGRAM_BER_SK = frozenset(
    {
        ProgramIntegrasi.PB,
        ProgramIntegrasi.CB,
        ProgramIntegrasi.CMB,
        ProgramIntegrasi.ASIMILASI,
        ProgramIntegrasi.CMK,
    }
)


class Kategori(models.TextChoices):
    DEWASA = "DEWASA", _("Dewasa")
    ANAK = "ANAK", _("Anak")


class JenisKelamin(models.TextChoices):
    L = "L", _("Laki-laki")
    P = "P", _("Perempuan")


class Agama(models.TextChoices):
    ISLAM = "ISLAM", _("Islam")
    KRISTEN = "KRISTEN", _("Kristen")
    KATOLIK = "KATOLIK", _("Katolik")
    HINDU = "HINDU", _("Hindu")
    BUDDHA = "BUDDHA", _("Buddha")
    KONGHUCU = "KONGHUCU", _("Konghucu")
    LAINNYA = "LAINNYA", _("Kepercayaan / lainnya")


class Pendidikan(models.TextChoices):
    TIDAK_SEKOLAH = "TIDAK_SEKOLAH", _("Tidak/belum sekolah")
    SD = "SD", _("SD/sederajat")
    SMP = "SMP", _("SMP/sederajat")
    SMA = "SMA", _("SMA/SMK/sederajat")
    DIPLOMA = "DIPLOMA", _("Diploma")
    S1 = "S1", _("Sarjana (S1) atau lebih")


class StatusPerkawinan(models.TextChoices):
    BELUM_KAWIN = "BELUM_KAWIN", _("Belum kawin")
    KAWIN = "KAWIN", _("Kawin")
    CERAI_HIDUP = "CERAI_HIDUP", _("Cerai hidup")
    CERAI_MATI = "CERAI_MATI", _("Cerai mati")


class StatusKlien(models.TextChoices):
    PENERIMAAN = "PENERIMAAN", _("Penerimaan")
    AKTIF = "AKTIF", _("Aktif")
    SELESAI = "SELESAI", _("Selesai")
    DICABUT = "DICABUT", _("Dicabut")
    # a child's diversion agreement not carried out in time: reported to the official
    # responsible at that stage, the case goes back into the criminal process (UU 11/2012)
    KEMBALI = "KEMBALI", _("Diversi tidak dilaksanakan (kembali ke proses peradilan)")
    # court-ordered supervision ended by the court's or the prosecutor's decision
    DIAKHIRI = "DIAKHIRI", _("Diakhiri putusan pengadilan / penetapan jaksa")
    MENINGGAL = "MENINGGAL", _("Meninggal")
    PINDAH = "PINDAH", _("Pindah Bapas")


STATUS_BERJALAN = (StatusKlien.PENERIMAAN, StatusKlien.AKTIF)
STATUS_BERAKHIR = (
    StatusKlien.SELESAI,
    StatusKlien.DICABUT,
    StatusKlien.KEMBALI,
    StatusKlien.DIAKHIRI,
    StatusKlien.MENINGGAL,
    StatusKlien.PINDAH,
)
# Which status may follow which; an ended client stays ended. Which ending a client may
# reach depends on the programme as well: AKHIR_PROGRAM.
TRANSISI_STATUS = {
    StatusKlien.PENERIMAAN: (StatusKlien.AKTIF, StatusKlien.MENINGGAL, StatusKlien.PINDAH),
    StatusKlien.AKTIF: STATUS_BERAKHIR,
}

# Revocation belongs to the integration programmes granted by a decision letter (PB, CB,
# CMB, asimilasi), and runs only through the proposal workflow (klien.pencabutan).
PROGRAM_DAPAT_DICABUT = frozenset(
    {
        ProgramIntegrasi.PB,
        ProgramIntegrasi.CB,
        ProgramIntegrasi.CMB,
        ProgramIntegrasi.ASIMILASI,
    }
)
_AKHIR_UMUM = (StatusKlien.SELESAI, StatusKlien.MENINGGAL, StatusKlien.PINDAH)
# The endings each programme can have; each ending belongs to the programmes it names.
AKHIR_PROGRAM: dict[str, tuple[StatusKlien, ...]] = {
    **dict.fromkeys(PROGRAM_DAPAT_DICABUT, (*_AKHIR_UMUM, StatusKlien.DICABUT)),
    ProgramIntegrasi.CMK: _AKHIR_UMUM,
    ProgramIntegrasi.DIVERSI: (*_AKHIR_UMUM, StatusKlien.KEMBALI),
    ProgramIntegrasi.PIDANA_BERSYARAT: (*_AKHIR_UMUM, StatusKlien.DIAKHIRI),
    ProgramIntegrasi.BIMBINGAN_PUTUSAN: (*_AKHIR_UMUM, StatusKlien.DIAKHIRI),
    # completed, or ended by the decision the prosecutor asks of the judge (a longer or
    # shorter term, prison for a breach; for community service, the order's consequence)
    ProgramIntegrasi.PENGAWASAN: (*_AKHIR_UMUM, StatusKlien.DIAKHIRI),
    ProgramIntegrasi.KERJA_SOSIAL: (*_AKHIR_UMUM, StatusKlien.DIAKHIRI),
}
# Endings that need the document that decided them (number, date, and who issued it or to
# whom the report went), recorded on the status history row.
AKHIR_BERDOKUMEN = frozenset({StatusKlien.KEMBALI, StatusKlien.DIAKHIRI, StatusKlien.DICABUT})


def status_berikutnya(status: str, program: str) -> tuple[StatusKlien, ...]:
    """The statuses a client of `program` may move to from `status` (revocation included:
    the proposal workflow is its only way in)."""
    akhir = AKHIR_PROGRAM[program]
    return tuple(
        s for s in TRANSISI_STATUS.get(status, ()) if s not in STATUS_BERAKHIR or s in akhir
    )


class AlasanPencabutan(models.TextChoices):
    """The grounds for revoking an integration programme (DOMAIN.md)."""

    TINDAK_PIDANA = (
        "TINDAK_PIDANA",
        _("Melakukan tindak pidana baru (ditetapkan tersangka atau terpidana)"),
    )
    MERESAHKAN = "MERESAHKAN", _("Menimbulkan keresahan dalam masyarakat")
    TIDAK_LAPOR = "TIDAK_LAPOR", _("Tidak melapor kepada Bapas tiga kali berturut-turut")
    ALAMAT = "ALAMAT", _("Tidak melaporkan perubahan alamat atau tempat tinggal")
    PROGRAM = "PROGRAM", _("Tidak mengikuti program pembimbingan")


class TahapUsulan(models.TextChoices):
    """Where a revocation proposal stands (klien.pencabutan moves it)."""

    DIUSULKAN = "DIUSULKAN", _("Diusulkan, menunggu sidang TPP")
    DIREKOMENDASIKAN = "DIREKOMENDASIKAN", _("Direkomendasikan TPP, menunggu Kepala Bapas")
    SEMENTARA = "SEMENTARA", _("Dicabut sementara, menunggu SK pencabutan")
    DICABUT = "DICABUT", _("Dicabut (SK pencabutan)")
    DITOLAK = "DITOLAK", _("Tidak disetujui")
    DIPULIHKAN = "DIPULIHKAN", _("Pencabutan tidak ditetapkan, program dilanjutkan")
    DIBATALKAN = "DIBATALKAN", _("Usulan ditarik")


# A proposal still on its way; a client has at most one.
TAHAP_TERBUKA = (TahapUsulan.DIUSULKAN, TahapUsulan.DIREKOMENDASIKAN, TahapUsulan.SEMENTARA)


class Tahap(models.TextChoices):
    AWAL = "AWAL", _("Tahap awal")
    LANJUTAN = "LANJUTAN", _("Tahap lanjutan")
    AKHIR = "AKHIR", _("Tahap akhir")


class JenisResidivisme(models.TextChoices):
    TERSANGKA = "TERSANGKA", _("Ditetapkan tersangka")
    DIDAKWA = "DIDAKWA", _("Didakwa")
    DIPIDANA = "DIPIDANA", _("Dipidana")


class Tonggak(models.TextChoices):
    AWAL = "AWAL", _("Awal bimbingan")
    AKHIR = "AKHIR", _("Akhir bimbingan")
    ENAM_BULAN = "BULAN_6", _("6 bulan setelah berakhir")
    DUA_BELAS_BULAN = "BULAN_12", _("12 bulan setelah berakhir")
