"""Writes of the supervision order: keyword-only, one transaction, refusals field-keyed in
Indonesian (a form shows them on the field).

    pengawasan_catat           the order: prosecutor's office, threatened term, term; the
                               general condition with it; the client's expiry = start + term
    syarat_tambah              a special condition of the decision
    syarat_ubah_status         BERJALAN / MEMENUHI / DILANGGAR, with the date and the evidence
                               (a history row per change)
    pertimbangan_buat          the PK's consideration to the prosecutor
    pertimbangan_catat_hasil   the answer: granted (a new term, or prison: the client's
                               programme ends by that decision) or refused
    langgar_syarat_umum        a new offence breaches the general condition (klien's
                               residivisme_catat, through the signal wired in apps.py)
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from akun.izin import Izin, boleh
from akun.models import Peran, User
from inti.layanan import tanggal_dalam_batas, wajib_diisi
from klien import services as klien_services
from klien.models import Klien, PeristiwaResidivisme
from klien.pilihan import ProgramIntegrasi, StatusKlien

from .models import PertimbanganPK, PidanaPengawasan, RiwayatSyarat, SyaratPengawasan
from .pilihan import (
    LAMA_MAKS_BULAN,
    PERTIMBANGAN_PELANGGARAN,
    SYARAT_KHUSUS,
    HasilPertimbangan,
    JenisPertimbangan,
    JenisSyarat,
    StatusSyarat,
)

H = HasilPertimbangan
J = JenisPertimbangan


def _izin(oleh: User, klien: Klien) -> None:
    if not boleh(oleh, Izin.CATAT_PENGAWASAN):
        raise ValidationError(
            _("Peran %(peran)s tidak dapat mencatat pidana pengawasan.")
            % {"peran": oleh.get_peran_display()}
        )
    if oleh.unit_id != klien.unit_id or (
        oleh.peran == Peran.PK and klien.pk_pembimbing_id != oleh.pk
    ):
        raise ValidationError(_("Klien ini bukan klien bimbingan Anda."))


def _simpan(obj) -> None:
    obj.full_clean()
    obj.save()


def _catat_riwayat(syarat: SyaratPengawasan, *, status_lama: str, oleh: User) -> None:
    RiwayatSyarat.objects.create(
        klien=syarat.klien,
        unit=syarat.unit,
        syarat=syarat,
        status_lama=status_lama,
        status_baru=syarat.status,
        tanggal=syarat.tanggal_status,
        bukti=syarat.bukti,
        tanpa_alasan_sah=syarat.tanpa_alasan_sah,
        oleh=oleh,
    )


def _setel_ekspirasi(order: PidanaPengawasan, *, oleh: User) -> None:
    """The client's expiry follows the term (start + term in calendar months)."""
    if not order.ekspirasi_sesuai:
        klien_services.klien_ubah(
            klien=order.klien, oleh=oleh, data={"tanggal_ekspirasi": order.tanggal_selesai}
        )


@transaction.atomic
def pengawasan_catat(
    *, klien: Klien, oleh: User, kejaksaan: str, ancaman_bulan: int, lama_bulan: int
) -> PidanaPengawasan:
    """Record the supervision order of a client in programme PENGAWASAN, with the general
    condition (no new offence), and set the client's expiry to the term's end."""
    klien = Klien.objects.select_for_update().get(pk=klien.pk)
    _izin(oleh, klien)
    if klien.program != ProgramIntegrasi.PENGAWASAN:
        raise ValidationError(
            _("Klien ini tidak menjalani pidana pengawasan (programnya %(program)s).")
            % {"program": klien.get_program_display()}
        )
    if not klien.berjalan:
        raise ValidationError(_("Klien ini sudah tidak dalam bimbingan."))
    if not klien.no_putusan or klien.tanggal_putusan is None:
        raise ValidationError(_("Isi dahulu nomor dan tanggal putusan pengadilan pada data klien."))
    if PidanaPengawasan.objects.filter(klien=klien).exists():
        raise ValidationError(_("Putusan pidana pengawasan klien ini sudah dicatat."))
    wajib_diisi(kejaksaan=kejaksaan)
    order = PidanaPengawasan(
        klien=klien,
        unit=klien.unit,
        kejaksaan=kejaksaan.strip(),
        ancaman_bulan=ancaman_bulan,
        lama_bulan=lama_bulan,
        dicatat_oleh=oleh,
    )
    _simpan(order)
    umum = SyaratPengawasan(
        klien=klien,
        unit=klien.unit,
        jenis=JenisSyarat.UMUM,
        uraian=_("Tidak melakukan tindak pidana selama menjalani pidana pengawasan."),
        tanggal_status=klien.tanggal_mulai,
        dicatat_oleh=oleh,
    )
    _simpan(umum)
    _catat_riwayat(umum, status_lama="", oleh=oleh)
    _setel_ekspirasi(order, oleh=oleh)
    return order


def _order(klien: Klien) -> PidanaPengawasan:
    order = PidanaPengawasan.objects.filter(klien=klien).select_related("klien").first()
    if order is None:
        raise ValidationError(_("Catat dahulu putusan pidana pengawasan klien ini."))
    return order


@transaction.atomic
def syarat_tambah(
    *,
    klien: Klien,
    oleh: User,
    jenis: str,
    uraian: str,
    restitusi_jumlah: Decimal | None = None,
    restitusi_batas: datetime.date | None = None,
) -> SyaratPengawasan:
    """Add a special condition of the decision (restitution; doing or not doing something)."""
    klien = Klien.objects.select_for_update().get(pk=klien.pk)
    _izin(oleh, klien)
    _order(klien)
    if jenis not in SYARAT_KHUSUS:
        raise ValidationError({"jenis": _("Pilih salah satu syarat khusus.")})
    wajib_diisi(uraian=uraian)
    if jenis == JenisSyarat.RESTITUSI and restitusi_batas and restitusi_batas < klien.tanggal_mulai:
        raise ValidationError(
            {"restitusi_batas": _("Batas pembayaran tidak boleh sebelum mulai pengawasan.")}
        )
    if jenis != JenisSyarat.RESTITUSI:
        restitusi_jumlah = restitusi_batas = None
    syarat = SyaratPengawasan(
        klien=klien,
        unit=klien.unit,
        jenis=jenis,
        uraian=uraian.strip(),
        restitusi_jumlah=restitusi_jumlah,
        restitusi_batas=restitusi_batas,
        tanggal_status=klien.tanggal_mulai,
        dicatat_oleh=oleh,
    )
    _simpan(syarat)
    _catat_riwayat(syarat, status_lama="", oleh=oleh)
    return syarat


@transaction.atomic
def syarat_ubah_status(
    *,
    syarat: SyaratPengawasan,
    oleh: User,
    status: str,
    tanggal: datetime.date,
    bukti: str,
    tanpa_alasan_sah: bool | None = None,
) -> SyaratPengawasan:
    """Move a condition to another status with its date and evidence; a history row keeps
    each change. Repeating the same change changes nothing."""
    syarat = SyaratPengawasan.objects.select_for_update().select_related("klien").get(pk=syarat.pk)
    _izin(oleh, syarat.klien)
    if status not in StatusSyarat.values:
        raise ValidationError({"status": _("Pilih status yang tersedia.")})
    if status == StatusSyarat.DILANGGAR:
        if syarat.jenis == JenisSyarat.UMUM:
            tanpa_alasan_sah = True  # a new offence has no lawful reason
        elif tanpa_alasan_sah is None:
            raise ValidationError(
                {"tanpa_alasan_sah": _("Nyatakan apakah pelanggaran tanpa alasan yang sah.")}
            )
    else:
        tanpa_alasan_sah = None
    bukti = (bukti or "").strip()
    if (
        status == syarat.status
        and tanggal == syarat.tanggal_status
        and bukti == syarat.bukti
        and tanpa_alasan_sah == syarat.tanpa_alasan_sah
    ):
        return syarat  # a repeated submission
    if status == syarat.status:
        raise ValidationError(
            {
                "status": _("Syarat ini sudah berstatus %(status)s.")
                % {"status": syarat.get_status_display()}
            }
        )
    if status != StatusSyarat.BERJALAN:
        wajib_diisi(bukti=bukti)
    tanggal_dalam_batas(
        "tanggal",
        tanggal,
        paling_awal=max(syarat.klien.tanggal_mulai, syarat.tanggal_status),
        pesan=_("Tanggal tidak boleh sebelum mulai pengawasan atau perubahan status sebelumnya."),
    )
    status_lama = syarat.status
    syarat.status, syarat.tanggal_status = status, tanggal
    syarat.bukti, syarat.tanpa_alasan_sah = bukti, tanpa_alasan_sah
    _simpan(syarat)
    _catat_riwayat(syarat, status_lama=status_lama, oleh=oleh)
    return syarat


def langgar_syarat_umum(peristiwa: PeristiwaResidivisme) -> SyaratPengawasan | None:
    """A new offence during supervision breaches the general condition (dated the offence,
    with the event as evidence). Nothing for a client without an order, an offence before
    the supervision began, or a general condition already breached."""
    syarat = (
        SyaratPengawasan.objects.select_for_update()
        .select_related("klien")
        .filter(klien_id=peristiwa.klien_id, jenis=JenisSyarat.UMUM)
        .first()
    )
    if (
        syarat is None
        or syarat.status == StatusSyarat.DILANGGAR
        or peristiwa.tanggal < max(syarat.klien.tanggal_mulai, syarat.tanggal_status)
    ):
        return None
    status_lama = syarat.status
    syarat.status, syarat.tanggal_status = StatusSyarat.DILANGGAR, peristiwa.tanggal
    syarat.tanpa_alasan_sah = True
    syarat.bukti = _("Tindak pidana baru: %(jenis)s (%(sumber)s).") % {
        "jenis": peristiwa.get_jenis_display(),
        "sumber": peristiwa.sumber,
    }
    _simpan(syarat)
    _catat_riwayat(syarat, status_lama=status_lama, oleh=peristiwa.oleh)
    return syarat


@transaction.atomic
def pertimbangan_buat(
    *,
    klien: Klien,
    oleh: User,
    nomor: str,
    tanggal: datetime.date,
    jenis: str,
    alasan: str,
    syarat: SyaratPengawasan | None = None,
) -> PertimbanganPK:
    """The PK's consideration to the prosecutor. A longer term or prison only on a breach of
    the general condition or of a special one without lawful reason; a shorter term only
    while no condition stands breached."""
    klien = Klien.objects.select_for_update().get(pk=klien.pk)
    _izin(oleh, klien)
    order = _order(klien)
    if not klien.berjalan:
        raise ValidationError(_("Klien ini sudah tidak dalam bimbingan."))
    wajib_diisi(nomor=nomor, alasan=alasan)
    if jenis not in J.values:
        raise ValidationError({"jenis": _("Pilih jenis pertimbangan.")})
    if jenis in PERTIMBANGAN_PELANGGARAN:
        if syarat is not None:  # as it stands now, not as the caller last read it
            syarat = SyaratPengawasan.objects.filter(pk=syarat.pk, klien=klien).first()
        if syarat is None:
            raise ValidationError({"syarat": _("Pilih syarat yang dilanggar.")})
        if not syarat.dasar_pelanggaran:
            raise ValidationError(
                {
                    "syarat": _(
                        "Perpanjangan atau pidana penjara hanya dapat dipertimbangkan bila syarat "
                        "umum dilanggar, atau syarat khusus dilanggar tanpa alasan yang sah."
                    )
                }
            )
    else:
        syarat = None
        if klien.syarat_pengawasan.filter(status=StatusSyarat.DILANGGAR).exists():
            raise ValidationError(
                {
                    "jenis": _(
                        "Pemendekan masa pengawasan tidak dapat dipertimbangkan selama ada syarat "
                        "yang dilanggar."
                    )
                }
            )
        if order.lama_bulan <= 1:
            raise ValidationError({"jenis": _("Masa pengawasan sudah paling singkat.")})
    tanggal_dalam_batas(
        "tanggal",
        tanggal,
        paling_awal=klien.tanggal_mulai,
        pesan=_("Tanggal surat tidak boleh sebelum mulai pengawasan."),
    )
    pertimbangan = PertimbanganPK(
        klien=klien,
        unit=klien.unit,
        nomor=nomor.strip(),
        tanggal=tanggal,
        jenis=jenis,
        syarat=syarat,
        alasan=alasan.strip(),
        dibuat_oleh=oleh,
    )
    _simpan(pertimbangan)
    return pertimbangan


@transaction.atomic
def pertimbangan_catat_hasil(
    *,
    pertimbangan: PertimbanganPK,
    oleh: User,
    hasil: str,
    tanggal: datetime.date,
    nomor: str,
    lama_bulan: int | None = None,
) -> PertimbanganPK:
    """The answer to a consideration: the judge's decision on the prosecutor's proposal.

    Granted, a shorter or longer term becomes the order's term (the client's expiry follows);
    granted prison ends the client's programme by that decision (DIAKHIRI, with the
    decision as its document)."""
    pertimbangan = (
        PertimbanganPK.objects.select_for_update().select_related("klien").get(pk=pertimbangan.pk)
    )
    klien = pertimbangan.klien
    _izin(oleh, klien)
    if pertimbangan.hasil != H.MENUNGGU:
        raise ValidationError(
            _("Hasil pertimbangan ini sudah dicatat: %(hasil)s.")
            % {"hasil": pertimbangan.get_hasil_display()}
        )
    if hasil not in (H.DIKABULKAN, H.DITOLAK):
        raise ValidationError({"hasil": _("Pilih dikabulkan atau ditolak.")})
    wajib_diisi(nomor=nomor)
    tanggal_dalam_batas(
        "tanggal",
        tanggal,
        paling_awal=pertimbangan.tanggal,
        pesan=_("Tanggal putusan tidak boleh sebelum tanggal surat pertimbangan."),
    )
    order = PidanaPengawasan.objects.select_for_update().select_related("klien").get(klien=klien)
    ubah_lama = hasil == H.DIKABULKAN and pertimbangan.jenis in (J.PERSINGKAT, J.PERPANJANG)
    if ubah_lama:
        _periksa_lama_baru(order, pertimbangan.jenis, lama_bulan)
    else:
        lama_bulan = None
    pertimbangan.hasil, pertimbangan.hasil_tanggal = hasil, tanggal
    pertimbangan.hasil_nomor, pertimbangan.hasil_lama_bulan = nomor.strip(), lama_bulan
    pertimbangan.hasil_oleh = oleh
    _simpan(pertimbangan)
    if ubah_lama:
        order.lama_bulan = lama_bulan
        _simpan(order)
        _setel_ekspirasi(order, oleh=oleh)
    elif hasil == H.DIKABULKAN and pertimbangan.jenis == J.PENJARA:
        klien_services.klien_ubah_status(
            klien=klien,
            oleh=oleh,
            status_baru=StatusKlien.DIAKHIRI,
            tanggal=tanggal,
            alasan=_("Pidana pengawasan diganti pidana penjara atas pertimbangan PK %(nomor)s.")
            % {"nomor": pertimbangan.nomor},
            dokumen={
                "nomor": pertimbangan.hasil_nomor,
                "tanggal": tanggal,
                "pihak": order.kejaksaan,
            },
        )
    return pertimbangan


def _periksa_lama_baru(order: PidanaPengawasan, jenis: str, lama_bulan: int | None) -> None:
    if lama_bulan is None:
        raise ValidationError({"lama_bulan": _("Isi lama pengawasan yang baru.")})
    if jenis == J.PERSINGKAT and not 1 <= lama_bulan < order.lama_bulan:
        raise ValidationError(
            {
                "lama_bulan": _("Lama yang baru harus lebih singkat dari %(lama)d bulan.")
                % {"lama": order.lama_bulan}
            }
        )
    if jenis == J.PERPANJANG:
        if lama_bulan <= order.lama_bulan:
            raise ValidationError(
                {
                    "lama_bulan": _("Lama yang baru harus lebih panjang dari %(lama)d bulan.")
                    % {"lama": order.lama_bulan}
                }
            )
        batas = min(LAMA_MAKS_BULAN, order.ancaman_bulan)
        if lama_bulan > batas:
            raise ValidationError(
                {
                    "lama_bulan": _(
                        "Lama pidana pengawasan paling lama %(batas)d bulan (3 tahun, dan tidak "
                        "melebihi ancaman pidana penjaranya)."
                    )
                    % {"batas": batas}
                }
            )
