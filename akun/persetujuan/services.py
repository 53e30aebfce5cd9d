"""Asking for, approving and refusing a change to an Admin's or Kabapas's account.

`permintaan_ajukan` checks the change as far as it can (the same rules and values as a
direct change) and records it; nothing changes yet. `permintaan_putuskan` is the second
person's decision: on approval the change is applied in the same transaction as the
decision, against the account as it is then; either way the request is closed. The
trail sees the request, the decision (auditlog tracks the model, the password hash left
out) and the change itself (User's entry, or the security event naming the request).
"""

from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import pengguna as akun_pengguna
from ..izin import Izin, boleh
from ..models import Peran, User
from ..otp import services as otp_services
from .aturan import penyetuju, perubahan_peka
from .models import JenisPerubahan, PermintaanPerubahanAkun, StatusPermintaan
from .pemberitahuan import beri_tahu


def _peran_penyetuju(*, unit, peran_lama, peran_baru) -> str:
    peran = penyetuju(unit=unit, peran_lama=peran_lama, peran_baru=peran_baru)
    if peran is None:  # the view only asks for what needs approval
        raise ValidationError(_("Perubahan ini tidak memerlukan persetujuan."))
    return peran


@transaction.atomic
def permintaan_ajukan(
    *,
    oleh: User,
    jenis: str,
    pengguna: User | None = None,
    data: dict | None = None,
    sandi: str | None = None,
) -> PermintaanPerubahanAkun:
    """Record a requested change by the office's Admin `oleh`:

    - `BUAT`: a new account of `oleh`'s office, `data` its fields, `sandi` its password;
    - `UBAH`: `data` the new role and/or active status of `pengguna`;
    - `KATA_SANDI`: a new password `sandi` for `pengguna` (only its hash is kept);
    - `RESET_OTP`: remove `pengguna`'s second factor.
    """
    data = dict(data or {})
    unit = oleh.unit
    if not boleh(oleh, Izin.KELOLA_PENGGUNA):
        raise ValidationError(_("Hanya Admin kantor yang mengajukan perubahan akun."))
    if (pengguna is None) != (jenis == JenisPerubahan.BUAT):
        raise ValueError("permintaan_ajukan: an account for every change but a new one")
    if pengguna is not None and pengguna.unit_id != oleh.unit_id:
        raise ValidationError(_("Akun ini bukan akun kantor Anda."))
    simpan: dict = {}
    sandi_hash = ""
    if jenis == JenisPerubahan.BUAT:
        akun_pengguna.periksa_isian(None, unit=unit, data=data)
        peran = _peran_penyetuju(unit=unit, peran_lama=None, peran_baru=data.get("peran"))
        simpan, sandi_hash = data, make_password(sandi)
    elif jenis == JenisPerubahan.UBAH:
        akun_pengguna.periksa_aturan_ubah(pengguna, oleh=oleh, data=data)
        akun_pengguna.periksa_isian(pengguna, unit=unit, data=data)
        sesudah = perubahan_peka(pengguna, data)
        if not sesudah:
            raise ValidationError(_("Perubahan ini tidak memerlukan persetujuan."))
        peran = _peran_penyetuju(
            unit=unit, peran_lama=pengguna.peran, peran_baru=sesudah.get("peran", pengguna.peran)
        )
        simpan = {"sebelum": {n: getattr(pengguna, n) for n in sesudah}, "sesudah": sesudah}
    elif jenis in (JenisPerubahan.KATA_SANDI, JenisPerubahan.RESET_OTP):
        peran = _peran_penyetuju(unit=unit, peran_lama=pengguna.peran, peran_baru=pengguna.peran)
        if jenis == JenisPerubahan.KATA_SANDI:
            sandi_hash = make_password(sandi)
        else:
            simpan = {"otp_aktif": pengguna.otp_aktif}
    else:
        raise ValueError(jenis)
    permintaan = PermintaanPerubahanAkun(
        unit=unit,
        pengguna=pengguna,
        jenis=jenis,
        data=simpan,
        sandi_hash=sandi_hash,
        peran_penyetuju=peran,
        diminta_oleh=oleh,
    )
    permintaan.validate_constraints()
    permintaan.save()
    return permintaan


def boleh_memutus(permintaan: PermintaanPerubahanAkun, user: User) -> bool:
    """The second person: the role the request waits for, of its office (Kabapas) or of
    its office's region (Kanwil), active, neither the one who asked nor the account."""
    if not user.is_active or user.peran != permintaan.peran_penyetuju:
        return False
    if user.pk in (permintaan.diminta_oleh_id, permintaan.pengguna_id):
        return False
    if user.peran == Peran.KABAPAS:
        return user.unit_id == permintaan.unit_id
    return user.kanwil_id is not None and user.kanwil_id == permintaan.unit.kanwil_id


@transaction.atomic
def permintaan_putuskan(
    *,
    permintaan: PermintaanPerubahanAkun,
    oleh: User,
    setuju: bool,
    catatan: str = "",
    request=None,
) -> PermintaanPerubahanAkun:
    """Approve (apply the change) or refuse a pending request. A request already decided,
    or one `oleh` may not decide, is refused with a message and changes nothing; so is an
    approval the account no longer allows (it changed since the request: refuse it and ask
    again)."""
    p = (
        PermintaanPerubahanAkun.objects.select_for_update()
        .select_related("unit")
        .get(pk=permintaan.pk)
    )
    if p.status != StatusPermintaan.MENUNGGU:
        raise ValidationError(_("Permintaan ini sudah diputus."))
    if not boleh_memutus(p, oleh):
        raise ValidationError(_("Anda tidak berwenang memutus permintaan ini."))
    p.status = StatusPermintaan.DISETUJUI if setuju else StatusPermintaan.DITOLAK
    p.diputus_oleh = oleh
    p.diputus_pada = timezone.now()
    p.catatan = catatan
    if setuju:
        _laksanakan(p, request=request)
    p.sandi_hash = ""  # the new password's hash has served (or will never serve)
    p.save()
    return p


def _laksanakan(p: PermintaanPerubahanAkun, *, request) -> None:
    peminta, penyetuju_ = p.diminta_oleh, p.diputus_oleh
    if p.jenis == JenisPerubahan.BUAT:
        user = akun_pengguna.buat_disetujui(unit=p.unit, data=p.data, sandi_hash=p.sandi_hash)
        p.pengguna = user
    else:
        user = User.objects.select_for_update().get(pk=p.pengguna_id)
        if user.unit_id != p.unit_id:
            raise ValidationError(_("Akun ini sudah pindah kantor; tolak permintaan ini."))
    if p.jenis == JenisPerubahan.UBAH:
        sekarang = {n: getattr(user, n) for n in p.data["sebelum"]}
        if sekarang != p.data["sebelum"]:
            raise ValidationError(
                _("Akun ini sudah berubah sejak permintaan dibuat; tolak lalu ajukan lagi.")
            )
        akun_pengguna.ubah_disetujui(pengguna=user, oleh=peminta, data=p.data["sesudah"])
    elif p.jenis == JenisPerubahan.KATA_SANDI:
        akun_pengguna.setel_hash_sandi(
            user=user,
            sandi_hash=p.sandi_hash,
            aksi="kata_sandi_direset",
            request=request,
            permintaan=p.pk,
        )
    elif p.jenis == JenisPerubahan.RESET_OTP:
        otp_services.otp_reset(user=user, request=request, permintaan=p)
        return  # otp_reset tells the user itself
    beri_tahu(user=user, jenis=p.jenis, diminta_oleh=peminta, disetujui_oleh=penyetuju_)
