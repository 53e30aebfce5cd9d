"""Choice sets of the client register (kept apart so models.py stays readable)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProgramIntegrasi(models.TextChoices):
    PB = "PB", _("Pembebasan bersyarat (PB)")
    CB = "CB", _("Cuti bersyarat (CB)")
    CMB = "CMB", _("Cuti menjelang bebas (CMB)")
    ASIMILASI = "ASIMILASI", _("Asimilasi")
    CMK = "CMK", _("Cuti mengunjungi keluarga (CMK)")
    PIDANA_BERSYARAT = "PIDANA_BERSYARAT", _("Pidana bersyarat / pengawasan")
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
    MENINGGAL = "MENINGGAL", _("Meninggal")
    PINDAH = "PINDAH", _("Pindah Bapas")


STATUS_BERJALAN = (StatusKlien.PENERIMAAN, StatusKlien.AKTIF)
STATUS_BERAKHIR = (
    StatusKlien.SELESAI,
    StatusKlien.DICABUT,
    StatusKlien.MENINGGAL,
    StatusKlien.PINDAH,
)
# Which status may follow which; an ended client stays ended.
TRANSISI_STATUS = {
    StatusKlien.PENERIMAAN: (StatusKlien.AKTIF, StatusKlien.MENINGGAL, StatusKlien.PINDAH),
    StatusKlien.AKTIF: STATUS_BERAKHIR,
}


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
