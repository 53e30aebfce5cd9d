"""Writes of pidana kerja sosial: the placement sites, a client's order, and the hours.

Keyword-only services inside one transaction; a refusal is a ValidationError keyed by the
field it concerns, in Indonesian, and nothing is saved. The database holds the same rules as
constraints (kerjasosial.models), so a row written past these services is refused too.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from akun.models import User
from inti.layanan import tolak_kunci_asing
from klien.hasil import tambah_bulan
from klien.models import Klien
from klien.pilihan import STATUS_BERJALAN, ProgramIntegrasi, StatusKlien

from .models import (
    BULAN_MAKS,
    JAM_SEHARI,
    JamKerjaSosial,
    LokasiKerjaSosial,
    PutusanKerjaSosial,
)

FIELD_LOKASI = (
    "nama",
    "jenis",
    "alamat",
    "kecamatan",
    "narahubung",
    "telepon",
    "jenis_pekerjaan",
    "kapasitas",
    "hari_buka",
    "nomor_perjanjian",
    "tanggal_perjanjian",
    "mitra",
    "nonkomersial",
    "aktif",
)
FIELD_PUTUSAN = (
    "lokasi",
    "nomor_putusan",
    "tanggal_putusan",
    "kejaksaan",
    "jam_diputus",
    "tanggal_mulai",
    "batas_akhir",
    "persetujuan_klien",
    "akibat_tidak_selesai",
    "catatan",
)


# --- placement sites --------------------------------------------------------------------


def _periksa_lokasi(lokasi: LokasiKerjaSosial) -> None:
    if lokasi.mitra_id is not None and lokasi.mitra.unit_id != lokasi.unit_id:
        raise ValidationError({"mitra": _("Pilih mitra dari kantor ini.")})
    lokasi.full_clean()


@transaction.atomic
def lokasi_buat(*, unit, oleh: User, data: dict) -> LokasiKerjaSosial:
    """Register a placement site of `unit` (its work declared non-commercial)."""
    tolak_kunci_asing(data, FIELD_LOKASI)
    lokasi = LokasiKerjaSosial(unit=unit, **data)
    _periksa_lokasi(lokasi)
    lokasi.save()
    return lokasi


@transaction.atomic
def lokasi_ubah(*, lokasi: LokasiKerjaSosial, oleh: User, data: dict) -> LokasiKerjaSosial:
    tolak_kunci_asing(data, FIELD_LOKASI)
    lokasi = LokasiKerjaSosial.objects.select_for_update().get(pk=lokasi.pk)
    for nama, nilai in data.items():
        setattr(lokasi, nama, nilai)
    _periksa_lokasi(lokasi)
    lokasi.save()
    return lokasi


# --- the order --------------------------------------------------------------------------


def batas_akhir_terlama(mulai: datetime.date) -> datetime.date:
    """The last day a window starting on `mulai` may reach: six calendar months on."""
    return tambah_bulan(mulai, BULAN_MAKS)


def _lokasi_penuh(putusan: PutusanKerjaSosial, lokasi: LokasiKerjaSosial) -> bool:
    """The site a client is placed at (or moved to) already holds as many running clients
    as its capacity (clients at once)."""
    berjalan = PutusanKerjaSosial.objects.filter(
        lokasi=lokasi, klien__status__in=STATUS_BERJALAN
    ).exclude(klien_id=putusan.klien_id)
    return berjalan.count() >= lokasi.kapasitas


def _periksa_putusan(putusan: PutusanKerjaSosial, *, lokasi_lama: int | None) -> None:
    klien = putusan.klien
    if klien.program != ProgramIntegrasi.KERJA_SOSIAL:
        raise ValidationError(
            _("Putusan kerja sosial hanya untuk klien program pidana kerja sosial.")
        )
    galat = {}
    lokasi = putusan.lokasi if putusan.lokasi_id else None
    if lokasi is None:
        galat["lokasi"] = _("Wajib diisi.")
    elif lokasi.unit_id != klien.unit_id or not lokasi.aktif:
        galat["lokasi"] = _("Pilih lokasi aktif dari kantor ini.")
    elif lokasi.pk != lokasi_lama and _lokasi_penuh(putusan, lokasi):  # not on staying
        galat["lokasi"] = _("Lokasi ini sudah penuh: %(n)d klien sedang bekerja di sana.") % {
            "n": lokasi.kapasitas
        }
    jam = putusan.jam_diputus
    mulai, akhir = putusan.tanggal_mulai, putusan.batas_akhir
    if mulai and akhir and akhir > batas_akhir_terlama(mulai):
        galat["batas_akhir"] = _(
            "Jangka waktu pelaksanaan paling lama 6 bulan: batas akhir paling lambat %(tgl)s."
        ) % {"tgl": date_format(batas_akhir_terlama(mulai), "j F Y")}
    elif mulai and akhir and jam and jam > JAM_SEHARI * ((akhir - mulai).days + 1):
        galat["jam_diputus"] = _(
            "Jam yang diputus tidak dapat diselesaikan dalam jangka waktu ini "
            "(paling lama 8 jam sehari)."
        )
    if putusan.tanggal_putusan and mulai and mulai < putusan.tanggal_putusan:
        galat["tanggal_mulai"] = _("Tanggal mulai tidak boleh sebelum tanggal putusan.")
    try:  # the model's constraints (8 to 240 hours, consent...), each on its field
        putusan.full_clean(exclude=["unit"])
    except ValidationError as exc:
        for field, pesan in exc.message_dict.items():
            galat.setdefault(field, pesan)
    if galat:
        raise ValidationError(galat)


@transaction.atomic
def putusan_simpan(*, klien: Klien, oleh: User, data: dict) -> PutusanKerjaSosial:
    """Record (or correct) the court's order of community service for `klien`.

    A correction may not move the window so that hours already recorded fall outside it,
    nor order fewer hours than already worked."""
    tolak_kunci_asing(data, FIELD_PUTUSAN)
    klien = Klien.objects.select_for_update().get(pk=klien.pk)
    putusan = PutusanKerjaSosial.objects.filter(klien=klien).first()
    baru = putusan is None
    if baru:
        putusan = PutusanKerjaSosial(klien=klien, unit_id=klien.unit_id, oleh=oleh)
    lokasi_lama = putusan.lokasi_id
    for nama, nilai in data.items():
        setattr(putusan, nama, nilai)
    if putusan.lokasi_id is not None and putusan.lokasi_id != lokasi_lama:
        # placed or moved: the site read again and locked, so that two placements at the same
        # time cannot both take its last place (and its capacity and state are current)
        putusan.lokasi = LokasiKerjaSosial.objects.select_for_update().get(pk=putusan.lokasi_id)
    _periksa_putusan(putusan, lokasi_lama=lokasi_lama)
    if not baru:
        catatan = JamKerjaSosial.objects.filter(klien=klien)
        if catatan.exclude(tanggal__range=(putusan.tanggal_mulai, putusan.batas_akhir)).exists():
            raise ValidationError(
                {"batas_akhir": _("Sudah ada jam kerja yang tercatat di luar jangka waktu ini.")}
            )
        if jam_selesai(klien) > putusan.jam_diputus:
            raise ValidationError(
                {"jam_diputus": _("Jam yang diputus lebih sedikit dari jam yang sudah dikerjakan.")}
            )
    putusan.save()
    if not baru:  # the ledger's copy of the window follows the order
        JamKerjaSosial.objects.filter(klien=klien).update(
            mulai=putusan.tanggal_mulai, batas_akhir=putusan.batas_akhir
        )
    return putusan


def jam_selesai(klien: Klien) -> Decimal:
    """Hours worked so far."""
    total = JamKerjaSosial.objects.filter(klien=klien).aggregate(n=Sum("jam"))["n"]
    return Decimal(total or 0)


def jam_selesai_per_klien(klien_ids) -> dict[int, Decimal]:
    """Hours worked so far per client (by id), in one query; a client without any row is
    left out."""
    baris = (
        JamKerjaSosial.objects.filter(klien_id__in=klien_ids)
        .values_list("klien_id")
        .annotate(n=Sum("jam"))
        .order_by()
    )
    return {klien_id: Decimal(n) for klien_id, n in baris}


# --- the hours --------------------------------------------------------------------------


@dataclass(frozen=True)
class HasilKerja:
    """One client's outcome on a day at a site: hours worked, or absent with a reason."""

    jam: Decimal | None = None  # None: absent
    alasan: str = ""
    alasan_sah: bool = False

    @property
    def hadir(self) -> bool:
        return self.jam is not None


def _jam(nilai) -> Decimal:
    try:
        jam = Decimal(str(nilai))
    except (InvalidOperation, ValueError):
        raise ValidationError(_("Jam kerja harus berupa angka.")) from None
    if jam != jam.quantize(Decimal("0.5")):
        raise ValidationError(_("Jam kerja dicatat per setengah jam."))
    return jam


@transaction.atomic
def kerja_catat(
    *, lokasi: LokasiKerjaSosial, tanggal: datetime.date, oleh: User, hasil: dict[int, HasilKerja]
) -> list[JamKerjaSosial]:
    """Record a day of work at `lokasi`: per client (by id), the hours or an absence.

    Each client's row for that day is set, not added to: the page shows what was recorded and
    the PK corrects it, so saving the same form twice changes nothing. A client holds one row
    per day (one site a day), at most 8 hours, inside the order's window, never past today, and
    never more hours in all than ordered. Refusals are keyed `klien-<id>` (and `tanggal`)."""
    if tanggal > timezone.localdate():
        raise ValidationError({"tanggal": _("Tanggal tidak boleh di masa depan.")})
    if not hasil:
        raise ValidationError(_("Tidak ada klien yang dicatat."))
    putusan = {
        p.klien_id: p
        for p in PutusanKerjaSosial.objects.select_for_update()
        .select_related("klien")
        .filter(klien_id__in=hasil, unit_id=lokasi.unit_id)
    }
    ada = {
        j.klien_id: j
        for j in JamKerjaSosial.objects.select_for_update().filter(
            klien_id__in=hasil, tanggal=tanggal
        )
    }
    selesai = jam_selesai_per_klien(list(putusan))  # read under the orders' lock
    galat: dict[str, str] = {}
    simpan = []
    for klien_id, h in hasil.items():
        kunci = f"klien-{klien_id}"
        jam = Decimal(0)
        p = putusan.get(klien_id)
        if p is None:
            galat[kunci] = _("Klien ini tidak memiliki putusan kerja sosial di kantor ini.")
            continue
        if p.klien.status != StatusKlien.AKTIF:
            galat[kunci] = _("Klien ini tidak sedang menjalani pidana kerja sosial.")
            continue
        if tanggal < p.tanggal_mulai or tanggal > p.batas_akhir:
            galat[kunci] = _(
                "Tanggal di luar jangka waktu putusan (%(mulai)s sampai %(akhir)s)."
            ) % {
                "mulai": date_format(p.tanggal_mulai, "j F Y"),
                "akhir": date_format(p.batas_akhir, "j F Y"),
            }
            continue
        baris = ada.get(klien_id)
        if baris is not None and baris.lokasi_id != lokasi.pk:
            galat[kunci] = _("Kerja sosial klien pada tanggal ini sudah dicatat di %(lokasi)s.") % {
                "lokasi": baris.lokasi
            }
            continue
        if h.hadir:
            try:
                jam = _jam(h.jam)
            except ValidationError as exc:
                galat[kunci] = exc.messages[0]
                continue
            if jam <= 0:
                galat[kunci] = _("Isi jam kerja lebih dari 0, atau tandai tidak hadir.")
                continue
            if jam > JAM_SEHARI:
                galat[kunci] = _("Kerja sosial paling lama 8 jam dalam sehari.")
                continue
            lain = selesai.get(klien_id, Decimal(0)) - (baris.jam if baris else 0)
            if lain + jam > p.jam_diputus:
                galat[kunci] = _("Melebihi jam yang diputus: sisa %(sisa)s jam.") % {
                    "sisa": _angka(p.jam_diputus - lain)
                }
                continue
        elif not h.alasan.strip():
            galat[kunci] = _("Alasan tidak hadir wajib diisi.")
            continue
        if baris is None:
            baris = JamKerjaSosial(klien=p.klien, unit_id=p.unit_id, lokasi=lokasi, tanggal=tanggal)
        baris.hadir = h.hadir
        baris.jam = jam
        baris.alasan = "" if h.hadir else h.alasan.strip()
        baris.alasan_sah = False if h.hadir else h.alasan_sah
        baris.mulai, baris.batas_akhir = p.tanggal_mulai, p.batas_akhir
        baris.oleh = oleh
        baris.dicatat_pada = timezone.now()
        simpan.append(baris)
    if galat:
        raise ValidationError(galat)
    for baris in simpan:
        baris.save()
    return simpan


def _angka(jam) -> str:
    """Hours as people write them: 4 or 4,5."""
    jam = Decimal(jam)
    return str(int(jam)) if jam == jam.to_integral_value() else f"{jam:.1f}".replace(".", ",")
