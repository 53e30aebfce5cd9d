"""Importing clients from a CSV or XLSX file: all or nothing, safe to repeat.

Every row is checked before anything is written; one bad row means nothing is imported and
the report names each bad row, column and reason. A row whose register number already
exists in the office is skipped, so importing the same file twice adds nothing.
"""

import csv
import datetime
import io
import zipfile
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from akun.models import User
from wilayah.models import Desa

from .models import Klien
from .pilihan import (
    Agama,
    JenisKelamin,
    Kategori,
    Pendidikan,
    ProgramIntegrasi,
    StatusPerkawinan,
)
from .services import catat_penerimaan

UKURAN_MAKS = 2 * 1024 * 1024  # bytes of the uploaded file
UKURAN_XLSX_TERURAI_MAKS = 20 * 1024 * 1024  # bytes once unzipped (zip-bomb guard)
BARIS_MAKS = 5000

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


class BerkasTidakValid(Exception):
    """The file as a whole cannot be read (wrong type, too big, missing columns)."""


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
    nama = berkas.name.lower()
    isi = berkas.read()
    if nama.endswith(".csv"):
        rows = _baca_csv(isi)
    elif nama.endswith(".xlsx"):
        rows = _baca_xlsx(isi)
    else:
        raise BerkasTidakValid(_("Hanya berkas .csv atau .xlsx yang diterima."))
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


def _baca_csv(isi: bytes) -> list[list[str]]:
    try:
        teks = isi.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BerkasTidakValid(_("Berkas CSV harus berenkode UTF-8.")) from exc
    try:
        dialek = csv.Sniffer().sniff(teks[:4096], delimiters=",;\t")
    except csv.Error:
        dialek = csv.excel
    return list(csv.reader(io.StringIO(teks), dialek))


def _baca_xlsx(isi: bytes) -> list[list[object]]:
    import openpyxl

    # openpyxl parses its XML with defusedxml when that is installed; refuse otherwise.
    if not getattr(openpyxl, "DEFUSEDXML", False):  # pragma: no cover - dependency declared
        raise BerkasTidakValid(_("Pembacaan XLSX tidak tersedia."))
    try:
        with zipfile.ZipFile(io.BytesIO(isi)) as z:
            if sum(i.file_size for i in z.infolist()) > UKURAN_XLSX_TERURAI_MAKS:
                raise BerkasTidakValid(_("Isi berkas XLSX terlalu besar."))
        wb = openpyxl.load_workbook(io.BytesIO(isi), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise BerkasTidakValid(_("Berkas XLSX tidak dapat dibaca.")) from exc
    try:
        ws = wb.worksheets[0]
        rows = []
        for r in ws.iter_rows(values_only=True):
            rows.append(["" if v is None else v for v in r])
            if len(rows) > BARIS_MAKS + 1:
                break
        return rows
    finally:
        wb.close()


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

    def klien(self, row: dict, nomor: int, salah: list[Kesalahan]) -> Klien | None:
        nilai: dict[str, object] = {}
        awal = len(salah)

        def catat(kolom, alasan):
            salah.append(Kesalahan(nomor, kolom, str(alasan)))

        for kolom in KOLOM_WAJIB + KOLOM_PILIHAN:
            mentah = row.get(kolom, "")
            teks = str(mentah).strip() if mentah is not None else ""
            if kolom in ("desa", "kecamatan", "kabupaten", "nip_pk"):
                continue
            if not teks:
                if kolom in KOLOM_WAJIB:
                    catat(kolom, _("wajib diisi"))
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
        lahir = nilai.get("tanggal_lahir")
        if isinstance(lahir, datetime.date) and lahir >= timezone.localdate():
            catat("tanggal_lahir", _("harus di masa lalu"))
        if len(salah) > awal:
            return None
        klien = Klien(unit=self.unit, pk_pembimbing=pk, desa=desa, **nilai)
        try:
            _validasi(klien)
        except ValidationError as exc:
            for kolom, pesan in exc.message_dict.items():
                for p in pesan:
                    catat("baris" if kolom == "__all__" else kolom, p)
            return None
        return klien


TURUNAN = {"batas_tahap_lanjutan", "batas_tahap_akhir"}  # computed in save()
DARI_PEMETA = {"unit", "pk_pembimbing", "desa"}  # objects the mapper read from the database


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
    """Check every row, then create all new clients in one transaction, or none."""
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
