"""Importing clients from a CSV or XLSX file: all or nothing, safe to repeat.

Every row is checked before anything is written; one bad row means nothing is imported and
the report names each bad row, column and reason. A row whose register number already
exists in the office is skipped, so importing the same file twice adds nothing.

The file is read within limits by `klien.impor_baca` (a `BerkasTidakValid` for the user
when it cannot be). A value holding a control character is a bad value like any other.
One import at a time per office: the import holds its office, and a second one at the same
moment is `ImporDitolak`.

The columns are `klien.kolom.KOLOM_KLIEN`'s, the same as the template's and the export's, so
an export re-imported gives the same clients: headers by key or heading, codes or labels,
in any of the interface's languages, the export's formula-safety apostrophes taken off.
An import is an intake (penerimaan): every imported client starts at that status, and a row
whose status says the guidance has ended is left out and counted (`HasilImpor.berakhir`).
A PK is named by username or full name among the office's active PKs (a name two of them
share is a row error asking for the username); a NIP, which older files carried in a
`nip_pk` column, is still read.
"""

from dataclasses import dataclass, field

from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from akun.models import Unit, User
from inti.ekspor import sel_asli, sel_asli_csv

from . import rekap
from .impor_baca import (  # noqa: F401 - the limits are part of this module's interface
    BARIS_MAKS,
    KOLOM_MAKS,
    PANJANG_SEL_MAKS,
    SEL_MAKS,
    UKURAN_MAKS,
    BerkasTidakValid,
    baca_baris,
)
from .impor_peta import Kesalahan, PemetaBaris
from .kolom import (
    KOLOM_PILIHAN,  # noqa: F401 - read by the tests
    KOLOM_WAJIB,
    ejaan_pilihan,
    kunci_teks,
    peta_kepala,
)
from .models import Klien
from .pilihan import STATUS_BERAKHIR, StatusKlien
from .services import catat_penerimaan


class ImporDitolak(Exception):
    """The import was refused as a whole and changed nothing (another import of the same
    office is running, or the office's data changed under it)."""


@dataclass
class HasilImpor:
    dibuat: int = 0
    dilewati: int = 0  # already in the office (the same register number)
    berakhir: int = 0  # left out: the row's status says the guidance has ended
    kesalahan: list[Kesalahan] = field(default_factory=list)

    @property
    def berhasil(self) -> bool:
        return not self.kesalahan


def periksa_unggahan(berkas) -> None:
    """What can be refused at once, before a job is started: the size and the kind."""
    if berkas.size > UKURAN_MAKS:
        raise BerkasTidakValid(_("Berkas lebih besar dari 2 MB."))
    if not berkas.size:
        raise BerkasTidakValid(_("Berkas kosong."))
    if not berkas.name.lower().endswith((".csv", ".xlsx")):
        raise BerkasTidakValid(_("Hanya berkas .csv atau .xlsx yang diterima."))


def baca_berkas(berkas) -> list[dict[str, object]]:
    """Rows of a CSV or XLSX upload as dicts keyed by the columns' keys (`klien.kolom`):
    each header is read as a key, an older name or a heading; other columns are left out."""
    periksa_unggahan(berkas)
    nama = berkas.name.lower()
    rows = baca_baris(nama, berkas.read())
    if not rows:
        raise BerkasTidakValid(_("Berkas tidak berisi baris data."))
    header = kunci_kepala(rows[0])
    hilang = [k for k in KOLOM_WAJIB if k not in header]
    if hilang:
        raise BerkasTidakValid(_("Kolom wajib tidak ada: %(k)s.") % {"k": ", ".join(hilang)})
    # an export's formula-safety apostrophes come off again (`'+62...` is a phone number)
    asli = sel_asli_csv if nama.endswith(".csv") else sel_asli
    data = [
        {
            k: asli(v) if isinstance(v, str) else v
            for k, v in zip(header, r, strict=False)
            if k is not None
        }
        for r in rows[1:]
    ]
    data = [d for d in data if any(v not in (None, "") for v in d.values())]
    if len(data) > BARIS_MAKS:
        raise BerkasTidakValid(_("Berkas berisi lebih dari %(n)d baris.") % {"n": BARIS_MAKS})
    return data


def kunci_kepala(kepala) -> list[str | None]:
    """The column key of each header cell (None for a column the import does not read); a
    column named twice (say `nik` and `NIK`) makes the file unreadable."""
    peta = peta_kepala()
    kunci = [peta.get(kunci_teks(str(h or ""))) for h in kepala]
    ganda = sorted({k for k in kunci if k is not None and kunci.count(k) > 1})
    if ganda:
        raise BerkasTidakValid(
            _("Kolom ini muncul lebih dari sekali: %(k)s.") % {"k": ", ".join(ganda)}
        )
    return kunci


def klien_impor(*, unit, oleh: User, rows: list[dict], progres=None) -> HasilImpor:
    """Check every row, then create all new clients in one transaction, or none. The office
    is held for the whole import (`_kunci_kantor`): a second import of the same office at
    the same time is refused (ImporDitolak), never left to race this one to the same rows.
    `progres(n, total)`, when given, hears how far it is: each row is counted once checked
    and once saved, so `total` is twice the rows (a background job's progress bar)."""
    progres = progres or _diam
    try:
        with transaction.atomic():
            _kunci_kantor(unit)
            with rekap.ditunda():  # the flows per office and month: one write for the file
                return _periksa_dan_simpan(unit=unit, oleh=oleh, rows=rows, progres=progres)
    except IntegrityError as exc:
        # the lock covers imports; a client saved through the form in the meantime can
        # still take a register number or NIK this import meant to use
        raise ImporDitolak(
            _(
                "Data kantor berubah selama impor (klien dengan nomor register atau NIK yang "
                "sama baru saja disimpan). Tidak ada yang diimpor; unggah lagi."
            )
        ) from exc


def _diam(*args, **kwargs) -> None:
    pass


def _kunci_kantor(unit) -> None:
    """Hold the office until the transaction ends, before anything is read.

    PostgreSQL: the office's row, locked FOR NO KEY UPDATE without waiting (NOWAIT), so a
    second import of the same office is refused at once. That lock does not conflict with
    the key-share locks that inserts referring to the office take (audit entries, clients
    saved meanwhile), so the rest of the office keeps working during an import.
    SQLite has no row locks and one writer at a time: an UPDATE of the client table that
    matches no row takes the database's write lock now (the import writes that table
    anyway), so a second import waits for it (the busy timeout) or is refused here,
    instead of reading first and colliding at its first insert."""
    try:
        if connection.features.has_select_for_update_nowait:
            kunci = Unit.objects.select_for_update(nowait=True, no_key=True).filter(pk=unit.pk)
            list(kunci.values_list("pk", flat=True))
        else:
            Klien.objects.filter(unit_id=unit.pk, pk=-1).update(nama=F("nama"))
    except DatabaseError as exc:
        raise ImporDitolak(
            _(
                "Impor lain untuk kantor ini sedang berjalan. Tunggu sampai selesai, lalu "
                "unggah lagi: baris yang sudah diimpor akan dilewati."
            )
        ) from exc


def _periksa_dan_simpan(*, unit, oleh: User, rows: list[dict], progres) -> HasilImpor:
    hasil = HasilImpor()
    total = 2 * len(rows)
    pemeta = PemetaBaris(unit)
    ada = set(Klien.objects.filter(unit=unit).values_list("no_register", flat=True))
    dilihat: dict[str, int] = {}
    nik_dilihat: dict[str, int] = {}
    baru: list[Klien] = []
    peta = peta_kepala()
    ejaan_status = ejaan_pilihan(StatusKlien)
    for i, mentah in enumerate(rows, start=2):
        progres(i - 2, total)
        # keyed by column key (a caller may pass headings, or an older name such as nip_pk)
        row = {peta[kunci_teks(k)]: v for k, v in mentah.items() if kunci_teks(k) in peta}
        status = str(row.get("status") or "").strip()
        if status and kunci_teks(status) not in ejaan_status:
            hasil.kesalahan.append(
                Kesalahan(i, "status", _("nilai tidak dikenali: %(v)s") % {"v": status[:40]})
            )
            continue
        if status and ejaan_status[kunci_teks(status)] in STATUS_BERAKHIR:
            hasil.berakhir += 1
            continue
        nomor_reg = str(row.get("no_register", "") or "").strip()
        if nomor_reg in ada:
            hasil.dilewati += 1
            continue
        if nomor_reg in dilihat:
            hasil.kesalahan.append(
                Kesalahan(
                    i, "no_register", _("sama dengan baris %(n)d") % {"n": dilihat[nomor_reg]}
                )
            )
            continue
        if nomor_reg:
            dilihat[nomor_reg] = i
        klien = pemeta.klien(row, i, hasil.kesalahan)
        if klien is None:
            continue
        if klien.nik and klien.nik in nik_dilihat:
            hasil.kesalahan.append(
                Kesalahan(i, "nik", _("sama dengan baris %(n)d") % {"n": nik_dilihat[klien.nik]})
            )
            continue
        if klien.nik:
            nik_dilihat[klien.nik] = i
        baru.append(klien)
    if hasil.kesalahan:
        return hasil
    progres(len(rows), total)
    _simpan(baru=baru, oleh=oleh, progres=lambda n: progres(len(rows) + n, total))
    hasil.dibuat = len(baru)
    return hasil


@transaction.atomic
def _simpan(*, baru: list[Klien], oleh: User, progres) -> None:
    for n, klien in enumerate(baru):
        klien.save()
        progres(n)
    catat_penerimaan(baru, oleh=oleh, alasan=_("Diimpor dari berkas."))
