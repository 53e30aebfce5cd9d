"""One row of an import file mapped to a client (`PemetaBaris`), every bad value collected
with its row and column (`Kesalahan`) instead of raised: `klien.impor` checks a whole file
this way before it writes anything.

The columns are `klien.kolom.KOLOM_KLIEN`'s: values by code or label, dates as text or date
cells, the village by its three names in the office's work area, the PKs by username or
full name among the office's active PKs (`PencariPK`; a NIP too, as older files had it),
the institution by its name in the reference list. The template's example row, left in a
file, is refused.
"""

import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from akun.models import User
from inti.nama import kunci_nama
from wilayah.models import Desa

from .kolom import CONTOH, KOLOM_KLIEN, KOLOM_PER_KUNCI, Isi, ejaan_pilihan, kunci_teks
from .models import Klien, LembagaAsal, kunci_lembaga

# Control characters a value may not hold (NUL, bell, escape...); tab and line breaks may.
KENDALI = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# The columns read cell by cell; the village (three columns), the PKs, the institution and
# the status are read by the mapper as a whole.
KOLOM_SEL = [k for k in KOLOM_KLIEN if k.isi in (Isi.TEKS, Isi.TANGGAL, Isi.ANGKA, Isi.PILIHAN)]


@dataclass
class Kesalahan:
    baris: int  # as the user counts: the header is row 1
    kolom: str  # a column's key (klien.kolom), or "baris" for the row as a whole
    alasan: str

    @property
    def judul(self) -> str:
        """The column's heading, as the XLSX names it ("" for the row as a whole)."""
        kolom = KOLOM_PER_KUNCI.get(self.kolom)
        return kolom.judul if kolom else ""


def tanggal(nilai) -> datetime.date:
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


class PemetaBaris:
    """Turns one raw row into a Klien, collecting the errors per column."""

    def __init__(self, unit):
        self.unit = unit
        self.desa = {
            (d.nama.lower(), d.kecamatan.nama.lower(), d.kecamatan.kabupaten.nama.lower()): d
            for d in Desa.objects.di_wilayah_kerja(unit).select_related("kecamatan__kabupaten")
        }
        self.pk = PencariPK(unit)
        # The column lapas_asal names an institution of the reference list (an inactive one
        # too: old papers name closed ones), compared by kunci_lembaga; active ones first.
        self.lembaga: dict[str, LembagaAsal] = {}
        for lembaga in LembagaAsal.objects.order_by("aktif", "-pk"):
            self.lembaga[kunci_lembaga(lembaga.nama)] = lembaga
        self.ejaan = {k.kunci: ejaan_pilihan(k.pilihan) for k in KOLOM_SEL if k.pilihan}

    def klien(self, row: dict, nomor: int, salah: list[Kesalahan]) -> Klien | None:
        nilai: dict[str, object] = {}
        awal = len(salah)

        def catat(kolom, alasan):
            salah.append(Kesalahan(nomor, kolom, str(alasan)))

        for kolom in KOLOM_SEL:
            kunci = kolom.kunci
            mentah = row.get(kunci, "")
            teks = str(mentah).strip() if mentah is not None else ""
            if not teks:
                if kolom.wajib:
                    catat(kunci, _("wajib diisi"))
                continue
            if KENDALI.search(teks):
                catat(kunci, _("berisi karakter kendali (mis. NUL) yang tidak diizinkan"))
                continue
            if kunci == "nik" and "•" in teks:
                catat(
                    kunci,
                    _(
                        "NIK tersamar tidak dapat diimpor: isi NIK lengkap, atau ekspor "
                        "ulang oleh peran yang boleh melihat NIK lengkap"
                    ),
                )
                continue
            try:
                if kolom.isi == Isi.TANGGAL:
                    nilai[kolom.field] = tanggal(mentah)
                elif kolom.isi == Isi.PILIHAN:
                    nilai[kolom.field] = self.ejaan[kunci][kunci_teks(teks)]
                elif kolom.isi == Isi.ANGKA:
                    nilai[kolom.field] = int(float(teks))
                else:
                    nilai[kolom.field] = teks
            except (ValueError, KeyError):
                catat(kunci, _("nilai tidak dikenali: %(v)s") % {"v": teks[:40]})
        if (nilai.get("no_register"), nilai.get("nama")) == (CONTOH["no_register"], CONTOH["nama"]):
            catat(
                "no_register",
                _("baris contoh dari templat: hapus baris ini atau timpa dengan data klien"),
            )
        kunci = tuple(
            str(row.get(k, "") or "").strip().lower() for k in ("desa", "kecamatan", "kabupaten")
        )
        desa = self.desa.get(kunci)
        if desa is None:
            catat("desa", _("desa/kecamatan/kabupaten tidak ada di wilayah kerja kantor ini"))
        pk, alasan = self.pk.cari(_teks(row.get("pk")), wajib=True)
        if alasan:
            catat("pk", alasan)
        pk_litmas, alasan = self.pk.cari(_teks(row.get("pk_litmas")), wajib=False)
        if alasan:
            catat("pk_litmas", alasan)
        nama_lembaga = _teks(row.get("lapas_asal"))
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
        klien = Klien(
            unit=self.unit,
            pk_pembimbing=pk,
            pk_litmas=pk_litmas,
            desa=desa,
            lembaga_asal=lembaga,
            **nilai,
        )
        try:
            _validasi(klien)
        except ValidationError as exc:
            for kolom, pesan in exc.message_dict.items():
                for p in pesan:
                    catat("baris" if kolom == "__all__" else _KOLOM_FIELD.get(kolom, kolom), p)
            return None
        return klien


# a model field's error is reported under the column that sets it (lembaga_asal → lapas_asal)
_KOLOM_FIELD = {k.field: k.kunci for k in KOLOM_KLIEN if k.field not in KOLOM_PER_KUNCI}


def _teks(nilai) -> str:
    return str(nilai).strip() if nilai is not None else ""


class PencariPK:
    """The office's active PKs, found by what a file names them with: the username (any
    case), a NIP (older files), or the full name (accents, case and spacing aside). A name
    two PKs share finds neither: the row must give the username."""

    def __init__(self, unit):
        self.nama_pengguna: dict[str, User] = {}
        self.nip: dict[str, User] = {}
        self.nama: dict[str, list[User]] = {}
        for u in User.objects.pk_aktif(unit):
            self.nama_pengguna[u.username.casefold()] = u
            if u.nip:  # a PK without a NIP cannot be named by one (an empty cell is no match)
                self.nip[u.nip] = u
            nama = u.get_full_name()
            if nama:
                self.nama.setdefault(kunci_nama(nama), []).append(u)

    def cari(self, teks: str, *, wajib: bool) -> tuple[User | None, str]:
        """The PK `teks` names and "", or None and why not ("" for an empty optional cell)."""
        if not teks:
            return None, _("wajib diisi") if wajib else ""
        if KENDALI.search(teks):
            return None, _("berisi karakter kendali (mis. NUL) yang tidak diizinkan")
        pk = self.nama_pengguna.get(teks.casefold()) or self.nip.get(teks)
        if pk is not None:
            return pk, ""
        sama = self.nama.get(kunci_nama(teks), [])
        if len(sama) == 1:
            return sama[0], ""
        if sama:
            return None, _(
                "%(n)d PK aktif bernama %(nama)s; tulis nama pengguna yang dimaksud: %(pilihan)s"
            ) % {
                "n": len(sama),
                "nama": teks[:60],
                "pilihan": ", ".join(sorted(u.username for u in sama)),
            }
        return None, _("tidak ada PK aktif dengan nama pengguna atau nama %(v)s di kantor ini") % {
            "v": teks[:60]
        }


TURUNAN = {"batas_tahap_lanjutan", "batas_tahap_akhir"}  # computed in save()
# objects the mapper read from the database
DARI_PEMETA = {"unit", "pk_pembimbing", "pk_litmas", "desa", "lembaga_asal"}


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
