"""The ways guidance ends (klien.pilihan.STATUS_BERAKHIR) as the reports show them: a field
or key per ending and a short column heading (the statuses' own labels are sentences).

- selesai: guidance completed;
- dicabut: a PB, CB, CMB or asimilasi revoked by its SK (klien.pencabutan), the client back
  in prison for the rest of the term;
- kembali: a child's diversion not carried out in time, the case back in the criminal
  process (UU 11/2012);
- diakhiri: court-ordered guidance (pidana bersyarat / pengawasan, guidance after a
  child's verdict) ended by the court's or the prosecutor's decision, early or by prison;
- meninggal, pindah: the client died, or moved to another Bapas.
"""

from django.utils.translation import gettext_lazy as _

from klien.pilihan import StatusKlien

# In the order of STATUS_BERAKHIR (tests/laporan/test_bulanan.py checks that every ending
# has its column): (field, status, heading).
KOLOM_BERAKHIR: tuple[tuple[str, StatusKlien, str], ...] = (
    ("selesai", StatusKlien.SELESAI, _("Selesai")),
    ("dicabut", StatusKlien.DICABUT, _("Dicabut")),
    ("kembali", StatusKlien.KEMBALI, _("Kembali ke proses peradilan")),
    ("diakhiri", StatusKlien.DIAKHIRI, _("Diakhiri putusan / penetapan")),
    ("meninggal", StatusKlien.MENINGGAL, _("Meninggal")),
    ("pindah", StatusKlien.PINDAH, _("Pindah")),
)
LABEL_BERAKHIR = {status: label for _field, status, label in KOLOM_BERAKHIR}
