"""The fixed vocabularies of the Pokmas Lipas registry (Keputusan Dirjen PAS-06.OT.02.02/2020)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# An agreement ending within this many days is flagged (partner list, Kasi's home).
HARI_PERINGATAN_PKS = 60
# The guideline: at least two groups of about five partners each.
TARGET_PER_KELOMPOK = 5


class JenisMitra(models.TextChoices):
    YAYASAN = "yayasan", _("Yayasan")
    BANTUAN_HUKUM = "bantuan_hukum", _("Lembaga bantuan hukum")
    KELOMPOK_MASYARAKAT = "kelompok_masyarakat", _("Kelompok masyarakat")
    USAHA = "usaha", _("Badan usaha / wirausaha")
    AKADEMISI = "akademisi", _("Akademisi / perguruan tinggi")
    KEAGAMAAN = "keagamaan", _("Organisasi keagamaan")
    PERORANGAN = "perorangan", _("Perorangan")
    LAINNYA = "lainnya", _("Lainnya")


class KelompokMitra(models.TextChoices):
    HUKUM_KEMASYARAKATAN = "hukum_kemasyarakatan", _("Bidang Hukum dan Kemasyarakatan")
    KEMANDIRIAN_KEPRIBADIAN = "kemandirian_kepribadian", _("Bidang Kemandirian dan Kepribadian")
    EKONOMI = "ekonomi", _("Bidang Ekonomi")
    SOSIAL = "sosial", _("Bidang Sosial")


# The two groups every Bapas must form; the others are optional.
KELOMPOK_WAJIB = (KelompokMitra.HUKUM_KEMASYARAKATAN, KelompokMitra.KEMANDIRIAN_KEPRIBADIAN)


class BidangLayanan(models.TextChoices):
    PENYULUHAN_HUKUM = "penyuluhan_hukum", _("Penyuluhan dan bantuan hukum")
    REHABILITASI_NARKOBA = "rehabilitasi_narkoba", _("Penyuluhan risiko narkoba dan rehabilitasi")
    BIMBINGAN_AGAMA = "bimbingan_agama", _("Bimbingan keagamaan")
    KETERAMPILAN_KERJA = "keterampilan_kerja", _("Keterampilan kerja / vokasi")
    PENDIDIKAN = "pendidikan", _("Pendidikan")
    KESEHATAN = "kesehatan", _("Kesehatan fisik dan mental")
    DUKUNGAN_SOSIAL = "dukungan_sosial", _("Dukungan sosial dan keluarga")
    ASIMILASI_KERJA_SOSIAL = "asimilasi_kerja_sosial", _("Asimilasi kerja sosial")
    KEWIRAUSAHAAN = "kewirausahaan", _("Kewirausahaan dan produksi")
    SENI_BUDAYA = "seni_budaya", _("Seni, budaya dan olahraga")
    LAINNYA = "lainnya", _("Lainnya")


class StatusMitra(models.TextChoices):
    KANDIDAT = "kandidat", _("Kandidat")
    AKTIF = "aktif", _("Aktif")
    NONAKTIF = "nonaktif", _("Nonaktif")


# Which status changes are allowed, from → to.
TRANSISI_STATUS = {
    StatusMitra.KANDIDAT: (StatusMitra.AKTIF, StatusMitra.NONAKTIF),
    StatusMitra.AKTIF: (StatusMitra.NONAKTIF,),
    StatusMitra.NONAKTIF: (StatusMitra.AKTIF,),
}


class StatusPKS(models.TextChoices):
    """The recorded status; whether it is in force on a date follows from its term."""

    BERLAKU = "berlaku", _("Berlaku")
    DIAKHIRI = "diakhiri", _("Diakhiri sebelum waktunya")


class MasaPKS(models.TextChoices):
    """An agreement's (or a partner's) standing on a given day, derived from the dates."""

    BERLAKU = "berlaku", _("Berlaku")
    SEGERA_BERAKHIR = "segera_berakhir", _("Segera berakhir")
    BELUM_BERLAKU = "belum_berlaku", _("Belum berlaku")
    KEDALUWARSA = "kedaluwarsa", _("Kedaluwarsa")
    DIAKHIRI = "diakhiri", _("Diakhiri")
    TANPA_PKS = "tanpa_pks", _("Belum ada PKS")


# Standings in which an agreement is in force.
MASA_BERLAKU = (MasaPKS.BERLAKU, MasaPKS.SEGERA_BERAKHIR)
