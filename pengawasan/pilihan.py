"""The choices of a supervision order (KUHP Pasal 75–77) and the limits the code sets."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# Pasal 75: at most 3 years; only for offences threatened with at most 5 years' prison.
LAMA_MAKS_BULAN = 36
ANCAMAN_MAKS_BULAN = 60


class JenisSyarat(models.TextChoices):
    UMUM = "UMUM", _("Syarat umum: tidak melakukan tindak pidana")
    RESTITUSI = "RESTITUSI", _("Syarat khusus: membayar restitusi")
    MELAKUKAN = "MELAKUKAN", _("Syarat khusus: melakukan perbuatan tertentu")
    TIDAK_MELAKUKAN = "TIDAK_MELAKUKAN", _("Syarat khusus: tidak melakukan perbuatan tertentu")


SYARAT_KHUSUS = (JenisSyarat.RESTITUSI, JenisSyarat.MELAKUKAN, JenisSyarat.TIDAK_MELAKUKAN)


class StatusSyarat(models.TextChoices):
    BERJALAN = "BERJALAN", _("Berjalan")
    MEMENUHI = "MEMENUHI", _("Memenuhi")
    DILANGGAR = "DILANGGAR", _("Dilanggar")


class JenisPertimbangan(models.TextChoices):
    PERSINGKAT = "PERSINGKAT", _("Memperpendek masa pengawasan (berkelakuan baik)")
    PERPANJANG = "PERPANJANG", _("Memperpanjang masa pengawasan")
    PENJARA = "PENJARA", _("Menjalani pidana penjara")


# The two that answer a breach: a special condition breached without lawful reason, or the
# general condition breached (Pasal 76).
PERTIMBANGAN_PELANGGARAN = (JenisPertimbangan.PERPANJANG, JenisPertimbangan.PENJARA)


class HasilPertimbangan(models.TextChoices):
    MENUNGGU = "MENUNGGU", _("Menunggu")
    DIKABULKAN = "DIKABULKAN", _("Dikabulkan")
    DITOLAK = "DITOLAK", _("Ditolak")
