"""The fixed vocabularies of guidance programmes, sessions and attendance (DOMAIN.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# An awaiting-evidence absence (menunggu keterangan) is judged after this many working days
# (Monday to Friday, national holidays not counted) unless the PK sets another deadline.
HARI_KERJA_KETERANGAN = 3


class JenisProgram(models.TextChoices):
    KEPRIBADIAN = "kepribadian", _("Kepribadian")
    KEMANDIRIAN = "kemandirian", _("Kemandirian")


class StatusPeserta(models.TextChoices):
    AKTIF = "aktif", _("Aktif")
    SELESAI = "selesai", _("Selesai")
    KELUAR = "keluar", pgettext_lazy("status peserta program", "Keluar")


class JenisSesi(models.TextChoices):
    KELOMPOK = "kelompok", _("Sesi kelompok")
    WAJIB_LAPOR = "wajib_lapor", _("Wajib lapor")
    KUNJUNGAN_RUMAH = "kunjungan_rumah", _("Kunjungan rumah")
    LAYANAN_POS = "layanan_pos", _("Hari layanan pos")


# Sessions about one client (a klien, no programme).
JENIS_INDIVIDU = (JenisSesi.WAJIB_LAPOR, JenisSesi.KUNJUNGAN_RUMAH)


class ModaSesi(models.TextChoices):
    KANTOR = "kantor", _("Kantor Bapas")
    LOKASI_MITRA = "lokasi_mitra", _("Lokasi mitra")
    POS_LAYANAN = "pos_layanan", _("Pos layanan (Wayan Jempolan)")
    VIDEO = "video", _("Panggilan video")


class HasilHadir(models.TextChoices):
    HADIR = "hadir", _("Hadir")
    HADIR_TIDAK_MENGIKUTI_ARAHAN = (
        "hadir_tidak_mengikuti_arahan",
        _("Hadir – tidak mengikuti arahan"),
    )
    IZIN = "izin", _("Izin (dapat diterima)")
    TIDAK_HADIR = "tidak_hadir", _("Tidak hadir tanpa keterangan yang diterima")
    MENUNGGU_KETERANGAN = "menunggu_keterangan", _("Menunggu keterangan")


# Outcomes in which the client came: a later miss count starts again from zero.
HASIL_HADIR = (HasilHadir.HADIR, HasilHadir.HADIR_TIDAK_MENGIKUTI_ARAHAN)


class AlasanAbsen(models.TextChoices):
    PEKERJAAN = "pekerjaan", _("Pekerjaan")
    SAKIT = "sakit", _("Sakit")
    KELUARGA_DARURAT = "keluarga_darurat", _("Keluarga / darurat")
    UPACARA_AGAMA_ADAT = "upacara_agama_adat", _("Upacara agama / adat")
    JARAK_TRANSPORTASI = "jarak_transportasi", _("Jarak / transportasi")
    URUSAN_HUKUM = "urusan_hukum", _("Urusan hukum")
    LAINNYA = "lainnya", _("Lainnya")


class PolaLapor(models.TextChoices):
    """How often a client reports (wajib lapor): the next due date rolls forward by this."""

    MINGGUAN = "mingguan", _("Setiap minggu")
    DUA_MINGGUAN = "dua_mingguan", _("Setiap dua minggu")
    BULANAN = "bulanan", _("Setiap bulan")
    TANGGAL_TERTENTU = "tanggal_tertentu", _("Tanggal tertentu")
