"""Reads reused by pages (and by the dashboards of `laporan`)."""

import datetime
import difflib
import re
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from akun.izin import Izin, boleh
from inti.nama import kunci_nama

from .models import Mitra, MitraQuerySet
from .pilihan import (
    KELOMPOK_WAJIB,
    MASA_BERLAKU,
    TARGET_PER_KELOMPOK,
    TRANSISI_STATUS,
    KelompokMitra,
    MasaPKS,
    StatusMitra,
)

# Words that say what kind of body it is, not which one ("Yayasan X" ~ "X").
_KATA_UMUM = {
    "yayasan",
    "lembaga",
    "lbh",
    "kelompok",
    "pt",
    "cv",
    "ud",
    "koperasi",
    "perkumpulan",
    "dr",
    "drs",
    "the",
    "bali",
    "indonesia",
}


def normalisasi_nama(nama: str) -> str:
    """The words that tell partners apart: inti.nama's comparison key (invisible characters
    dropped, accents and case folded), without the words every body's name has."""
    teks = kunci_nama(nama)
    kata = [k for k in re.split(r"[^a-z0-9]+", teks) if k and k not in _KATA_UMUM]
    return " ".join(kata)


def mitra_nama_mirip(*, unit, nama: str, kecuali_pk: int | None = None) -> list[Mitra]:
    """Partners of the office whose name looks like `nama` (normalised, difflib ≥ 0.8)."""
    target = normalisasi_nama(nama)
    if not target:
        return []
    calon = Mitra.objects.filter(unit=unit).only("pk", "nama", "status").order_by("nama")
    if kecuali_pk:
        calon = calon.exclude(pk=kecuali_pk)
    hasil = []
    for mitra in calon:
        lain = normalisasi_nama(mitra.nama)
        if not lain:
            continue
        rasio = difflib.SequenceMatcher(None, target, lain).ratio()
        if rasio >= 0.8 or (
            min(len(target), len(lain)) >= 5 and (target in lain or lain in target)
        ):
            hasil.append(mitra)
    return hasil


@dataclass(frozen=True)
class BarisKomposisi:
    kelompok: str
    label: str
    wajib: bool
    jumlah_aktif: int  # active on the day (MitraQuerySet.q_aktif)
    jumlah_kandidat: int
    jumlah_tanpa_pks: int  # status AKTIF without an agreement in force: not counted active
    target: int

    @property
    def kurang(self) -> int:
        return max(self.target - self.jumlah_aktif, 0) if self.wajib else 0

    @property
    def terpenuhi(self) -> bool:
        return self.kurang == 0


@dataclass(frozen=True)
class Komposisi:
    baris: list[BarisKomposisi]

    @property
    def terpenuhi(self) -> bool:
        return all(b.terpenuhi for b in self.baris)

    @property
    def kekurangan(self) -> list[BarisKomposisi]:
        return [b for b in self.baris if not b.terpenuhi]

    @property
    def jumlah_tanpa_pks(self) -> int:
        return sum(b.jumlah_tanpa_pks for b in self.baris)


def komposisi_kelompok(user, tanggal: datetime.date | None = None) -> Komposisi:
    """The guideline's composition check on `tanggal` (default today): the two required
    groups (Hukum dan Kemasyarakatan; Kemandirian dan Kepribadian) each need about five
    active partners (status AKTIF and an agreement in force, MitraQuerySet.q_aktif);
    Ekonomi and Sosial are optional. One query."""
    aktif = MitraQuerySet.q_aktif(tanggal)
    hitung = {
        r["kelompok"]: r
        for r in Mitra.objects.for_user(user)
        .values("kelompok")
        .annotate(
            aktif=Count("pk", filter=aktif),
            tanpa_pks=Count("pk", filter=Q(status=StatusMitra.AKTIF) & ~aktif),
            kandidat=Count("pk", filter=Q(status=StatusMitra.KANDIDAT)),
        )
        .order_by()
    }
    baris = []
    for kelompok in KelompokMitra:
        r = hitung.get(kelompok.value, {})
        baris.append(
            BarisKomposisi(
                kelompok=kelompok.value,
                label=kelompok.label,
                wajib=kelompok in KELOMPOK_WAJIB,
                jumlah_aktif=r.get("aktif", 0),
                jumlah_kandidat=r.get("kandidat", 0),
                jumlah_tanpa_pks=r.get("tanpa_pks", 0),
                target=TARGET_PER_KELOMPOK,
            )
        )
    return Komposisi(baris=baris)


# --- Activation and the other status changes ----------------------------------------------


def kekurangan_aktivasi(mitra: Mitra) -> list[str]:
    """What stands between a partner and activation, on the day its row was annotated by
    MitraQuerySet.dengan_masa_pks (empty: it may be activated): the guideline's criteria
    not met, and no agreement in force."""
    kurang = []
    if not mitra.kriteria_terpenuhi:
        kurang.append(
            _("Kriteria belum terpenuhi: %(daftar)s.")
            % {"daftar": ", ".join(str(k) for k in mitra.kriteria_belum)}
        )
    if mitra.masa == MasaPKS.KEDALUWARSA:
        kurang.append(
            _("Belum ada PKS yang berlaku: PKS terakhir berakhir %(tanggal)s.")
            % {"tanggal": date_format(mitra.pks_selesai_terakhir, "j M Y")}
        )
    elif mitra.masa == MasaPKS.BELUM_BERLAKU:
        kurang.append(_("Belum ada PKS yang berlaku: PKS yang tercatat belum mulai berlaku."))
    elif mitra.masa not in MASA_BERLAKU:
        kurang.append(_("Belum ada PKS yang berlaku: catat PKS yang sudah ditandatangani."))
    return kurang


@dataclass(frozen=True)
class LangkahStatus:
    """A status change from the partner's current status, and what stands in its way now
    (empty: it may be made)."""

    status: str  # StatusMitra
    kurang: tuple[str, ...]

    @property
    def label(self) -> str:
        return StatusMitra(self.status).label

    @property
    def mungkin(self) -> bool:
        return not self.kurang


def langkah_status(mitra: Mitra, user) -> list[LangkahStatus]:
    """The status changes from the partner's current status (TRANSISI_STATUS), each with
    what stands in its way for `user` now: a role that may not change a partner's status
    (Izin.AKTIFKAN_MITRA), and for activation kekurangan_aktivasi (so `mitra` is annotated
    by dengan_masa_pks). The status page offers the possible ones and names the rest;
    pokmas.services.mitra_ubah_status refuses by the same answer."""
    peran = (
        ()
        if boleh(user, Izin.AKTIFKAN_MITRA)
        else (_("Peran Anda tidak dapat mengubah status mitra."),)
    )
    hasil = []
    for tujuan in TRANSISI_STATUS.get(StatusMitra(mitra.status), ()):
        syarat = kekurangan_aktivasi(mitra) if tujuan == StatusMitra.AKTIF else []
        hasil.append(LangkahStatus(status=tujuan.value, kurang=(*peran, *syarat)))
    return hasil


# --- The Kasi's home ----------------------------------------------------------------------


@dataclass(frozen=True)
class KandidatMitra:
    """A candidate partner waiting for activation, and what it still lacks."""

    mitra: Mitra  # annotated by dengan_masa_pks
    kurang: list[str]  # kekurangan_aktivasi; empty: ready to be activated

    @property
    def siap(self) -> bool:
        return not self.kurang


def kandidat_menunggu(user, tanggal: datetime.date | None = None) -> list[KandidatMitra]:
    """The office's candidate partners, the longest waiting first, each with what it still
    lacks for activation on `tanggal` (default today). One query."""
    hari = tanggal or timezone.localdate()
    return [
        KandidatMitra(mitra=m, kurang=kekurangan_aktivasi(m))
        for m in Mitra.objects.for_user(user)
        .filter(status=StatusMitra.KANDIDAT)
        .dengan_masa_pks(hari)
        .order_by("dibuat_pada", "pk")
    ]
