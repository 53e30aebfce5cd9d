"""The institutions a client comes from: the Lapas, Rutan and LPKA that hand them over.

A reference list kept by an office's Admin in the application (klien.views_lembaga), shared
by every office of the installation: an institution releases clients to several Bapas (Lapas
Kerobokan to Denpasar, Karangasem, Singaraja...), so one row serves them all, and the
regional figures can group by it. An institution that closes is made inactive, never
deleted (clients point at it).
"""

import re

from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from inti.induk import pilihan_sah
from inti.kendala import KendalaPerFieldMixin
from inti.nama import kunci_nama


class JenisLembaga(models.TextChoices):
    LAPAS = "LAPAS", _("Lapas")
    RUTAN = "RUTAN", _("Rutan")
    LPKA = "LPKA", _("LPKA (anak)")
    LPP = "LPP", _("LPP (perempuan)")


# Words a register writes in many ways: the long form of a kind, and the class ("Kelas IIA")
# that changes when an institution is upgraded. Dropped from the comparison key.
_SINGKATAN = (
    (r"\blembaga pemasyarakatan perempuan\b", "lapas perempuan"),
    (r"\blembaga pembinaan khusus anak\b", "lpka"),
    (r"\blembaga pemasyarakatan\b", "lapas"),
    (r"\brumah tahanan negara\b", "rutan"),
    (r"\brumah tahanan\b", "rutan"),
    (r"\blpp\b", "lapas perempuan"),
    (r"\bkelas\s+(?:iv|i{1,3}|[1-4])\s*[ab]?\b", ""),
)


def kunci_lembaga(nama: str) -> str:
    """The comparison key of an institution's name: case, accents, punctuation, the long
    form of its kind and its class do not count ("LAPAS KLS IIA Kerobokan" and "Lembaga
    Pemasyarakatan Kelas IIA Kerobokan" are one institution; "Lapas Bangli" and "Lapas
    Narkotika Bangli" are two)."""
    teks = re.sub(r"[^\w\s]", " ", kunci_nama(nama))
    teks = re.sub(r"\bkla?s\b", "kelas", " ".join(teks.split()))
    for pola, ganti in _SINGKATAN:
        teks = re.sub(pola, ganti, teks)
    return " ".join(teks.split())


class LembagaAsalQuerySet(models.QuerySet):
    def aktif(self):
        return self.filter(aktif=True)

    def cari_nama(self, nama: str):
        """The institution whose name has `nama`'s comparison key (kunci_lembaga), or None."""
        kunci = kunci_lembaga(nama)
        if not kunci:
            return None
        for lembaga in self.order_by("-aktif", "pk"):
            if kunci_lembaga(lembaga.nama) == kunci:
                return lembaga
        return None


class LembagaAsal(KendalaPerFieldMixin, models.Model):
    nama = models.CharField(
        _("nama"), max_length=150, help_text=_("Nama resmi, mis. Lapas Kelas IIA Kerobokan.")
    )
    jenis = models.CharField(_("jenis"), max_length=5, choices=JenisLembaga)
    kabupaten = models.ForeignKey(
        "wilayah.Kabupaten",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="lembaga_asal",
        verbose_name=_("kabupaten/kota"),
    )
    aktif = models.BooleanField(
        _("aktif"),
        default=True,
        help_text=_("Lembaga tidak aktif tidak lagi ditawarkan untuk klien baru."),
    )

    objects = LembagaAsalQuerySet.as_manager()

    FIELD_KENDALA = {"lembaga_asal_nama_unik": "nama"}

    class Meta:
        ordering = ["nama", "pk"]
        verbose_name = _("Lapas/Rutan/LPKA asal")
        verbose_name_plural = _("Lapas/Rutan/LPKA asal")
        constraints = [
            models.UniqueConstraint(
                Lower("nama"),
                name="lembaga_asal_nama_unik",
                violation_error_message=_("Lembaga dengan nama ini sudah ada."),
            ),
            models.CheckConstraint(
                condition=pilihan_sah("jenis", JenisLembaga), name="lembaga_asal_jenis_valid"
            ),
            models.CheckConstraint(condition=~Q(nama=""), name="lembaga_asal_nama_terisi"),
        ]

    def __str__(self) -> str:
        return self.nama if self.aktif else _("%(nama)s (tidak aktif)") % {"nama": self.nama}
