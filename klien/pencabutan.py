"""Revocation of an integration programme, as the office runs it: a proposal moved step by step.

    PK (or Kasi)        ajukan      -> DIUSULKAN
    Kasi / Kabapas      catat_tpp   -> DIREKOMENDASIKAN, or DITOLAK when the TPP does not recommend
    Kabapas             putuskan    -> SEMENTARA (temporary revocation, reported to the Kanwil),
                                       or DITOLAK
    Kasi / Kabapas      catat_sk    -> DICABUT: the SK pencabutan; only now is the client revoked
    Kabapas             pulihkan    -> DIPULIHKAN: no SK came, the programme carries on
    proposer / Kasi     tarik       -> DIBATALKAN, before the Kepala Bapas has decided

Each step is a keyword-only service: the proposal row locked, the step refused (field-keyed,
in Indonesian) when the proposal is not at a stage the step follows or the user's role may
not take it (both from ATURAN, which the pages read as well), the documents' numbers and
dates stored with who recorded them; the audit trail keeps every change. A PK proposes; a
PK never decides (DOMAIN.md).

The client's attendance can give a ground by itself (three reports missed in a row): the apps
that record attendance register a `SumberDasar` that fills in the ground and its dates.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from akun.izin import Izin, boleh
from akun.models import Peran, User
from inti.layanan import tanggal_dalam_batas, wajib_diisi

from .models import Klien, UsulanPencabutan
from .pilihan import (
    PROGRAM_DAPAT_DICABUT,
    TAHAP_TERBUKA,
    AlasanPencabutan,
    StatusKlien,
    TahapUsulan,
)
from .services import ubah_status

T = TahapUsulan


# --- grounds found in the records -------------------------------------------------------


@dataclass(frozen=True)
class DasarUsulan:
    """A ground for revocation that the records show, to fill in a proposal with."""

    alasan: str  # AlasanPencabutan
    tanggal: tuple[datetime.date, ...]  # the dates that make the ground, oldest first

    @property
    def tanggal_kejadian(self) -> datetime.date:
        return self.tanggal[-1]

    @property
    def bukti(self) -> str:
        daftar = ", ".join(date_format(t, "j F Y") for t in self.tanggal)
        if self.alasan == AlasanPencabutan.TIDAK_LAPOR:
            return _("Tidak lapor %(n)d kali berturut-turut: %(tanggal)s.") % {
                "n": len(self.tanggal),
                "tanggal": daftar,
            }
        return daftar


SumberDasar = Callable[[Klien], DasarUsulan | None]
_SUMBER: dict[str, SumberDasar] = {}


def daftar_sumber_dasar(nama: str, sumber: SumberDasar) -> None:
    """Register where a ground comes from (an app built on klien, from its AppConfig.ready());
    registering the same name again replaces it."""
    _SUMBER[nama] = sumber


def dasar_dari_catatan(klien: Klien) -> DasarUsulan | None:
    """The first ground the records give for revoking this client's programme, if any."""
    if not dapat_diusulkan(klien):
        return None
    for sumber in _SUMBER.values():
        if (dasar := sumber(klien)) is not None:
            return dasar
    return None


# --- who may do what --------------------------------------------------------------------


def dapat_diusulkan(klien: Klien) -> bool:
    """Running, in a programme that revocation applies to."""
    return klien.dapat_dicabut


def boleh_mengusulkan(user: User, klien: Klien) -> bool:
    """Whether `user` may propose revoking this client's programme (a PK: only for their
    own client); whether one is already open is the caller's to check."""
    return (
        boleh(user, Izin.USULKAN_PENCABUTAN)
        and dapat_diusulkan(klien)
        and (user.peran != Peran.PK or klien.pk_pembimbing_id == user.pk)
    )


@dataclass(frozen=True)
class Aturan:
    """Who may take a step and from which stages: the one source for the proposal's page
    (langkah_boleh), the step's page (its permission) and the step's service."""

    izin: Izin
    dari: tuple[str, ...]  # the stages the step follows
    # a PK only on their own proposal, and this message when refused (withdrawal)
    hanya_pengusul: bool = False
    pesan_ditolak: str | None = None


ATURAN = {
    "tpp": Aturan(Izin.SIDANG_TPP, (T.DIUSULKAN,)),
    "putuskan": Aturan(Izin.PUTUSKAN_PENCABUTAN, (T.DIREKOMENDASIKAN,)),
    "sk": Aturan(Izin.CATAT_SK_PENCABUTAN, (T.SEMENTARA,)),
    "pulihkan": Aturan(Izin.PUTUSKAN_PENCABUTAN, (T.SEMENTARA,)),
    "tarik": Aturan(
        Izin.USULKAN_PENCABUTAN,
        (T.DIUSULKAN, T.DIREKOMENDASIKAN),
        hanya_pengusul=True,
        pesan_ditolak=gettext_lazy("Hanya pengusul atau Kasi yang dapat menarik usulan ini."),
    ),
}


def _boleh_oleh(user: User, usulan: UsulanPencabutan, aturan: Aturan) -> bool:
    if not boleh(user, aturan.izin):
        return False
    return (
        not aturan.hanya_pengusul or user.peran != Peran.PK or usulan.diusulkan_oleh_id == user.pk
    )


def langkah_boleh(user: User, usulan: UsulanPencabutan) -> frozenset[str]:
    """The steps `user` may take on `usulan` now (the proposal's page offers these)."""
    return frozenset(
        nama
        for nama, aturan in ATURAN.items()
        if usulan.tahap in aturan.dari and _boleh_oleh(user, usulan, aturan)
    )


# --- the steps --------------------------------------------------------------------------


def _mulai(nama: str, usulan: UsulanPencabutan, oleh: User) -> UsulanPencabutan:
    """The proposal locked for step `nama` (ATURAN); refused when the user may not take it
    or the proposal is not at a stage the step follows (a step skipped, or taken twice)."""
    aturan = ATURAN[nama]
    if not boleh(oleh, aturan.izin):
        raise _ditolak(oleh, aturan)
    usulan = UsulanPencabutan.objects.select_for_update().select_related("klien").get(pk=usulan.pk)
    if usulan.tahap not in aturan.dari:
        raise ValidationError(
            _("Langkah ini tidak dapat dilakukan: usulan sedang pada tahap “%(tahap)s”.")
            % {"tahap": usulan.get_tahap_display()}
        )
    if not _boleh_oleh(oleh, usulan, aturan):
        raise _ditolak(oleh, aturan)
    return usulan


def _ditolak(oleh: User, aturan: Aturan | None = None) -> ValidationError:
    if aturan is not None and aturan.pesan_ditolak is not None:
        return ValidationError(str(aturan.pesan_ditolak))
    return ValidationError(
        _("Peran %(peran)s tidak dapat melakukan langkah ini.")
        % {"peran": oleh.get_peran_display()}
    )


@transaction.atomic
def usulan_ajukan(
    *,
    klien: Klien,
    oleh: User,
    alasan: str,
    tanggal_kejadian: datetime.date,
    uraian: str,
    bukti: str,
    tanggal_usulan: datetime.date | None = None,
) -> UsulanPencabutan:
    """The PK's proposal (a Kasi may propose too, e.g. on a report from the police): the
    ground, what the examination found and the evidence. One open proposal per client."""
    if not boleh(oleh, Izin.USULKAN_PENCABUTAN):
        raise _ditolak(oleh)
    klien = Klien.objects.select_for_update().get(pk=klien.pk)
    if oleh.peran == Peran.PK and klien.pk_pembimbing_id != oleh.pk:
        raise ValidationError(_("PK mengusulkan pencabutan untuk klien bimbingannya sendiri."))
    if klien.program not in PROGRAM_DAPAT_DICABUT:
        raise ValidationError(
            {
                "alasan": _(
                    "Pencabutan hanya berlaku untuk PB, CB, CMB dan asimilasi; program klien "
                    "ini %(program)s."
                )
                % {"program": klien.get_program_display()}
            }
        )
    if not klien.berjalan:
        raise ValidationError({"alasan": _("Klien ini sudah tidak dalam bimbingan.")})
    if klien.usulan_pencabutan.filter(tahap__in=TAHAP_TERBUKA).exists():
        raise ValidationError(
            {"alasan": _("Klien ini sudah memiliki usulan pencabutan yang sedang diproses.")}
        )
    wajib_diisi(uraian=uraian, bukti=bukti)
    tanggal_usulan = tanggal_usulan or timezone.localdate()
    tanggal_dalam_batas(
        "tanggal_kejadian",
        tanggal_kejadian,
        paling_awal=klien.tanggal_mulai,
        pesan=_("Tanggal kejadian tidak boleh sebelum mulai bimbingan."),
    )
    if tanggal_kejadian > tanggal_usulan:
        raise ValidationError(
            {"tanggal_kejadian": _("Tanggal kejadian tidak boleh setelah tanggal usulan.")}
        )
    usulan = UsulanPencabutan(
        klien=klien,
        unit=klien.unit,
        alasan=alasan,
        tanggal_kejadian=tanggal_kejadian,
        uraian=uraian.strip(),
        bukti=bukti.strip(),
        tanggal_usulan=tanggal_usulan,
        diusulkan_oleh=oleh,
    )
    usulan.full_clean()
    usulan.save()
    return usulan


@transaction.atomic
def usulan_catat_tpp(
    *,
    usulan: UsulanPencabutan,
    oleh: User,
    nomor: str,
    tanggal: datetime.date,
    merekomendasikan: bool,
    catatan: str = "",
) -> UsulanPencabutan:
    """The TPP's session: its number and date, and whether it recommends revocation. A
    session that does not recommend it closes the proposal (DITOLAK)."""
    usulan = _mulai("tpp", usulan, oleh)
    wajib_diisi(tpp_nomor=nomor)
    tanggal_dalam_batas(
        "tpp_tanggal",
        tanggal,
        paling_awal=usulan.tanggal_usulan,
        pesan=_("Sidang TPP tidak boleh sebelum tanggal usulan."),
    )
    if not merekomendasikan and not catatan.strip():
        raise ValidationError(
            {"tpp_catatan": _("Tuliskan pertimbangan TPP bila tidak merekomendasikan.")}
        )
    usulan.tpp_nomor, usulan.tpp_tanggal = nomor.strip(), tanggal
    usulan.tpp_merekomendasikan, usulan.tpp_catatan = merekomendasikan, catatan.strip()
    usulan.tpp_oleh = oleh
    if merekomendasikan:
        usulan.tahap = T.DIREKOMENDASIKAN
    else:
        usulan.tahap = T.DITOLAK
        usulan.ditutup_alasan = _("Sidang TPP tidak merekomendasikan pencabutan.")
        usulan.ditutup_oleh = oleh
    usulan.save()
    return usulan


@transaction.atomic
def usulan_putuskan(
    *,
    usulan: UsulanPencabutan,
    oleh: User,
    setuju: bool,
    nomor: str = "",
    tanggal: datetime.date | None = None,
    laporan_nomor: str = "",
    laporan_tanggal: datetime.date | None = None,
    catatan: str = "",
) -> UsulanPencabutan:
    """The Kepala Bapas decides: agreeing revokes the programme for now (the decision's
    number and date) and reports it to the Kanwil (the report's number and date); not
    agreeing closes the proposal, with the reason."""
    usulan = _mulai("putuskan", usulan, oleh)
    if not setuju:
        wajib_diisi(keputusan_catatan=catatan)
        usulan.keputusan_catatan = catatan.strip()
        usulan.keputusan_oleh = oleh
        usulan.tahap = T.DITOLAK
        usulan.ditutup_alasan = catatan.strip()
        usulan.ditutup_oleh = oleh
        usulan.save()
        return usulan
    wajib_diisi(
        keputusan_nomor=nomor,
        keputusan_tanggal=tanggal,
        laporan_kanwil_nomor=laporan_nomor,
        laporan_kanwil_tanggal=laporan_tanggal,
    )
    tanggal_dalam_batas(
        "keputusan_tanggal",
        tanggal,
        paling_awal=usulan.tpp_tanggal,
        pesan=_("Keputusan tidak boleh sebelum sidang TPP."),
    )
    tanggal_dalam_batas(
        "laporan_kanwil_tanggal",
        laporan_tanggal,
        paling_awal=tanggal,
        pesan=_("Laporan ke Kanwil tidak boleh sebelum keputusan."),
    )
    usulan.keputusan_nomor, usulan.keputusan_tanggal = nomor.strip(), tanggal
    usulan.laporan_kanwil_nomor = laporan_nomor.strip()
    usulan.laporan_kanwil_tanggal = laporan_tanggal
    usulan.keputusan_catatan, usulan.keputusan_oleh = catatan.strip(), oleh
    usulan.tahap = T.SEMENTARA
    usulan.save()
    return usulan


def _catat_surat(usulan, oleh, nomor, tanggal, penerbit) -> None:
    wajib_diisi(sk_nomor=nomor, sk_penerbit=penerbit)
    tanggal_dalam_batas(
        "sk_tanggal",
        tanggal,
        paling_awal=usulan.keputusan_tanggal,
        pesan=_("Tanggal SK tidak boleh sebelum keputusan pencabutan sementara."),
    )
    usulan.sk_nomor, usulan.sk_tanggal = nomor.strip(), tanggal
    usulan.sk_penerbit, usulan.sk_oleh = penerbit.strip(), oleh


@transaction.atomic
def usulan_catat_sk(
    *,
    usulan: UsulanPencabutan,
    oleh: User,
    nomor: str,
    tanggal: datetime.date,
    penerbit: str,
) -> UsulanPencabutan:
    """The final decision letter (SK pencabutan): recorded, and the client revoked as of the
    letter's date, with the letter on the status history."""
    usulan = _mulai("sk", usulan, oleh)
    _catat_surat(usulan, oleh, nomor, tanggal, penerbit)
    usulan.tahap = T.DICABUT
    usulan.save()
    ubah_status(
        klien=usulan.klien,
        oleh=oleh,
        status_baru=StatusKlien.DICABUT,
        tanggal=tanggal,
        alasan=_("%(dasar)s. Sidang TPP %(tpp)s; pencabutan sementara %(keputusan)s.")
        % {
            "dasar": usulan.get_alasan_display(),
            "tpp": usulan.tpp_nomor,
            "keputusan": usulan.keputusan_nomor,
        },
        dokumen={"nomor": usulan.sk_nomor, "tanggal": tanggal, "pihak": usulan.sk_penerbit},
    )
    return usulan


@transaction.atomic
def usulan_pulihkan(
    *,
    usulan: UsulanPencabutan,
    oleh: User,
    nomor: str,
    tanggal: datetime.date,
    penerbit: str,
) -> UsulanPencabutan:
    """The Kanwil or the directorate did not revoke: the letter that says so is recorded and
    the temporary revocation ends; the client's guidance carries on."""
    usulan = _mulai("pulihkan", usulan, oleh)
    _catat_surat(usulan, oleh, nomor, tanggal, penerbit)
    usulan.tahap = T.DIPULIHKAN
    usulan.save()
    return usulan


@transaction.atomic
def usulan_tarik(*, usulan: UsulanPencabutan, oleh: User, alasan: str) -> UsulanPencabutan:
    """Withdraw a proposal before the Kepala Bapas has decided (e.g. the client reported
    again): the proposer, or a Kasi."""
    usulan = _mulai("tarik", usulan, oleh)
    wajib_diisi(ditutup_alasan=alasan)
    usulan.tahap = T.DIBATALKAN
    usulan.ditutup_alasan, usulan.ditutup_oleh = alasan.strip(), oleh
    usulan.save()
    return usulan


# --- reads ------------------------------------------------------------------------------


def usulan_terbuka(user):
    """The open proposals the user may see (a PK: their clients'), oldest first: the Kasi's
    and the Kabapas's list of what waits for them."""
    return (
        UsulanPencabutan.objects.for_user(user)
        .filter(tahap__in=TAHAP_TERBUKA)
        .select_related("klien", "diusulkan_oleh")
        .order_by("tanggal_usulan", "pk")
    )
