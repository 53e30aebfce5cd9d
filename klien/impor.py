"""Importing clients from a CSV or XLSX file: all or nothing, safe to repeat.

Every row is checked before anything is written; one bad row means nothing is imported and
the report names each bad row, column and reason. A row whose register number already
exists in the office is skipped, so importing the same file twice adds nothing.

The file is read within limits by `klien.impor_baca` (a `BerkasTidakValid` for the user
when it cannot be). A value holding a control character is a bad value like any other.
One import at a time per office: the import holds its office, and a second one at the same
moment is `ImporDitolak`.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from akun.models import Unit, User
from wilayah.models import Desa

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
from .models import Klien, LembagaAsal, kunci_lembaga
from .pilihan import (
    Agama,
    JenisKelamin,
    Kategori,
    Pendidikan,
    ProgramIntegrasi,
    StatusPerkawinan,
)
from .services import catat_penerimaan

# Control characters a value may not hold (NUL, bell, escape...); tab and line breaks may.
KENDALI = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

# column → model field (or a lookup handled below)
KOLOM_WAJIB = [
    "no_register",
    "nama",
    "kategori",
    "jenis_kelamin",
    "tanggal_lahir",
    "agama",
    "desa",
    "kecamatan",
    "kabupaten",
    "perkara",
    "program",
    "tanggal_mulai",
    "tanggal_ekspirasi",
    "nip_pk",
]
KOLOM_PILIHAN = [
    "no_register_lapas",
    "lapas_asal",
    "alias",
    "nik",
    "tempat_lahir",
    "pendidikan",
    "pekerjaan",
    "status_perkawinan",
    "alamat",
    "telepon",
    "nama_penjamin",
    "hubungan_penjamin",
    "telepon_penjamin",
    "kontak_keluarga",
    "pasal",
    "no_putusan",
    "tanggal_putusan",
    "lama_pidana_bulan",
]
PILIHAN = {
    "kategori": Kategori,
    "jenis_kelamin": JenisKelamin,
    "agama": Agama,
    "program": ProgramIntegrasi,
    "pendidikan": Pendidikan,
    "status_perkawinan": StatusPerkawinan,
}
KOLOM_TANGGAL = {"tanggal_lahir", "tanggal_mulai", "tanggal_ekspirasi", "tanggal_putusan"}


class ImporDitolak(Exception):
    """The import was refused as a whole and changed nothing (another import of the same
    office is running, or the office's data changed under it)."""


@dataclass
class Kesalahan:
    baris: int  # as the user counts: the header is row 1
    kolom: str
    alasan: str


@dataclass
class HasilImpor:
    dibuat: int = 0
    dilewati: int = 0
    kesalahan: list[Kesalahan] = field(default_factory=list)

    @property
    def berhasil(self) -> bool:
        return not self.kesalahan


def baca_berkas(berkas) -> list[dict[str, object]]:
    """Rows of a CSV or XLSX upload as dicts keyed by the lower-cased header."""
    if berkas.size > UKURAN_MAKS:
        raise BerkasTidakValid(_("Berkas lebih besar dari 2 MB."))
    rows = baca_baris(berkas.name.lower(), berkas.read())
    if not rows:
        raise BerkasTidakValid(_("Berkas tidak berisi baris data."))
    header = [str(h or "").strip().lower() for h in rows[0]]
    hilang = [k for k in KOLOM_WAJIB if k not in header]
    if hilang:
        raise BerkasTidakValid(_("Kolom wajib tidak ada: %(k)s.") % {"k": ", ".join(hilang)})
    data = [dict(zip(header, r, strict=False)) for r in rows[1:]]
    data = [d for d in data if any(v not in (None, "") for v in d.values())]
    if len(data) > BARIS_MAKS:
        raise BerkasTidakValid(_("Berkas berisi lebih dari %(n)d baris.") % {"n": BARIS_MAKS})
    return data


def _tanggal(nilai) -> datetime.date:
    if isinstance(nilai, datetime.datetime):
        return nilai.date()
    if isinstance(nilai, datetime.date):
        return nilai
    teks = str(nilai).strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return datetime.datetime.strptime(teks, fmt).date()  # noqa: DTZ007 (a date)
        except ValueError:
            continue
    raise ValueError


def _pilihan(choices, nilai: str) -> str:
    teks = nilai.strip()
    for value, label in choices.choices:
        if teks.upper() == value.upper() or teks.lower() == str(label).lower():
            return value
    raise ValueError


class _Pemeta:
    """Turns one raw row into a Klien, collecting the errors per column."""

    def __init__(self, unit):
        self.unit = unit
        self.desa = {
            (d.nama.lower(), d.kecamatan.nama.lower(), d.kecamatan.kabupaten.nama.lower()): d
            for d in Desa.objects.di_wilayah_kerja(unit).select_related("kecamatan__kabupaten")
        }
        # A PK without a NIP cannot be named in a file (an empty cell must not match them).
        self.pk = {u.nip: u for u in User.objects.pk_aktif(unit).exclude(nip="")}
        # The column lapas_asal names an institution of the reference list (an inactive one
        # too: old papers name closed ones), compared by kunci_lembaga; active ones first.
        self.lembaga: dict[str, LembagaAsal] = {}
        for lembaga in LembagaAsal.objects.order_by("aktif", "-pk"):
            self.lembaga[kunci_lembaga(lembaga.nama)] = lembaga

    def klien(self, row: dict, nomor: int, salah: list[Kesalahan]) -> Klien | None:
        nilai: dict[str, object] = {}
        awal = len(salah)

        def catat(kolom, alasan):
            salah.append(Kesalahan(nomor, kolom, str(alasan)))

        for kolom in KOLOM_WAJIB + KOLOM_PILIHAN:
            mentah = row.get(kolom, "")
            teks = str(mentah).strip() if mentah is not None else ""
            if kolom in ("desa", "kecamatan", "kabupaten", "nip_pk", "lapas_asal"):
                continue
            if not teks:
                if kolom in KOLOM_WAJIB:
                    catat(kolom, _("wajib diisi"))
                continue
            if KENDALI.search(teks):
                catat(kolom, _("berisi karakter kendali (mis. NUL) yang tidak diizinkan"))
                continue
            try:
                if kolom in KOLOM_TANGGAL:
                    nilai[kolom] = _tanggal(mentah)
                elif kolom in PILIHAN:
                    nilai[kolom] = _pilihan(PILIHAN[kolom], teks)
                elif kolom == "lama_pidana_bulan":
                    nilai[kolom] = int(float(teks))
                else:
                    nilai[kolom] = teks
            except ValueError:
                catat(kolom, _("nilai tidak dikenali: %(v)s") % {"v": teks[:40]})
        kunci = tuple(
            str(row.get(k, "") or "").strip().lower() for k in ("desa", "kecamatan", "kabupaten")
        )
        desa = self.desa.get(kunci)
        if desa is None:
            catat("desa", _("desa/kecamatan/kabupaten tidak ada di wilayah kerja kantor ini"))
        pk = self.pk.get(str(row.get("nip_pk", "") or "").strip())
        if pk is None:
            catat("nip_pk", _("tidak ada PK aktif dengan NIP ini di kantor ini"))
        nama_lembaga = str(row.get("lapas_asal", "") or "").strip()
        lembaga = self.lembaga.get(kunci_lembaga(nama_lembaga)) if nama_lembaga else None
        if nama_lembaga and lembaga is None:
            catat(
                "lapas_asal",
                _("tidak ada di daftar Lapas/Rutan/LPKA; minta Admin menambahkannya: %(v)s")
                % {"v": nama_lembaga[:40]},
            )
        lahir = nilai.get("tanggal_lahir")
        if isinstance(lahir, datetime.date) and lahir >= timezone.localdate():
            catat("tanggal_lahir", _("harus di masa lalu"))
        if len(salah) > awal:
            return None
        klien = Klien(unit=self.unit, pk_pembimbing=pk, desa=desa, lembaga_asal=lembaga, **nilai)
        try:
            _validasi(klien)
        except ValidationError as exc:
            for kolom, pesan in exc.message_dict.items():
                for p in pesan:
                    catat("baris" if kolom == "__all__" else kolom, p)
            return None
        return klien


TURUNAN = {"batas_tahap_lanjutan", "batas_tahap_akhir"}  # computed in save()
# objects the mapper read from the database
DARI_PEMETA = {"unit", "pk_pembimbing", "desa", "lembaga_asal"}


def _validasi(klien: Klien) -> None:
    """Django's full_clean without the existence check of the foreign keys the mapper took
    from the database itself (three queries a row); fields, clean(), uniqueness and the
    constraints as full_clean does them, a field that failed left out of the later steps."""
    galat: dict = {}
    for periksa in (lambda: klien.clean_fields(exclude=TURUNAN | DARI_PEMETA), klien.clean):
        try:
            periksa()
        except ValidationError as exc:
            galat = exc.update_error_dict(galat)
    lewati = TURUNAN | set(galat)
    for periksa in (klien.validate_unique, klien.validate_constraints):
        try:
            periksa(exclude=lewati)
        except ValidationError as exc:
            galat = exc.update_error_dict(galat)
    if galat:
        raise ValidationError(galat)


def klien_impor(*, unit, oleh: User, rows: list[dict]) -> HasilImpor:
    """Check every row, then create all new clients in one transaction, or none. The office
    is held for the whole import (`_kunci_kantor`): a second import of the same office at
    the same time is refused (ImporDitolak), never left to race this one to the same rows."""
    try:
        with transaction.atomic():
            _kunci_kantor(unit)
            with rekap.ditunda():  # the flows per office and month: one write for the file
                return _periksa_dan_simpan(unit=unit, oleh=oleh, rows=rows)
    except IntegrityError as exc:
        # the lock covers imports; a client saved through the form in the meantime can
        # still take a register number or NIK this import meant to use
        raise ImporDitolak(
            _(
                "Data kantor berubah selama impor (klien dengan nomor register atau NIK yang "
                "sama baru saja disimpan). Tidak ada yang diimpor; unggah lagi."
            )
        ) from exc


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


def _periksa_dan_simpan(*, unit, oleh: User, rows: list[dict]) -> HasilImpor:
    hasil = HasilImpor()
    pemeta = _Pemeta(unit)
    ada = set(Klien.objects.filter(unit=unit).values_list("no_register", flat=True))
    dilihat: dict[str, int] = {}
    nik_dilihat: dict[str, int] = {}
    baru: list[Klien] = []
    for i, row in enumerate(rows, start=2):
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
    _simpan(baru=baru, oleh=oleh)
    hasil.dibuat = len(baru)
    return hasil


@transaction.atomic
def _simpan(*, baru: list[Klien], oleh: User) -> None:
    for klien in baru:
        klien.save()
    catat_penerimaan(baru, oleh=oleh, alasan=_("Diimpor dari berkas."))
