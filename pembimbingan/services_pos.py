"""Every write of outreach posts (Wayan Jempolan), their outreach days and the clients
registered for a day: keyword-only, one transaction each. The attendance of an outreach day
is recorded like any session's (services.sesi_catat_kehadiran: its people are the
registered clients, kepatuhan.klien_sesi)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from akun.models import User
from inti.layanan import tolak_kunci_asing
from jejak.massal import catat_massal
from klien.models import Klien
from wilayah.models import Kecamatan

from .models import PendaftaranPos, PosLayanan, Sesi
from .pilihan import JenisSesi, ModaSesi

FIELD_DATA_POS = frozenset({"nama", "kecamatan", "alamat", "aktif"})


def _periksa_kecamatan(kecamatan: Kecamatan, unit_id: int) -> None:
    """A post lies in the office's work area (the kabupaten of Unit.wilayah_kerja)."""
    if not Kecamatan.objects.filter(pk=kecamatan.pk, kabupaten__unit_bapas=unit_id).exists():
        raise ValidationError({"kecamatan": _("Pilih kecamatan di wilayah kerja kantor Anda.")})


def _hari(sesi: Sesi) -> datetime.date:
    return timezone.localdate(sesi.mulai)


# --- Posts ---------------------------------------------------------------------------------


@transaction.atomic
def pos_buat(*, oleh: User, data: dict) -> PosLayanan:
    """A post of the office of `oleh`, in a kecamatan of the office's work area."""
    tolak_kunci_asing(data, FIELD_DATA_POS)
    if data.get("kecamatan") is not None:
        _periksa_kecamatan(data["kecamatan"], oleh.unit_id)
    pos = PosLayanan(**data, unit_id=oleh.unit_id)
    pos.full_clean()
    pos.save()
    return pos


@transaction.atomic
def pos_ubah(*, pos: PosLayanan, oleh: User, data: dict) -> PosLayanan:
    """Change a post of the office of `oleh` (another office's: PosLayanan.DoesNotExist). A
    new kecamatan must be in the work area; a post with outreach days ahead stays active
    (their registered clients would be left at a closed post)."""
    tolak_kunci_asing(data, FIELD_DATA_POS)
    pos = PosLayanan.objects.for_user(oleh).select_for_update(of=("self",)).get(pk=pos.pk)
    kecamatan = data.get("kecamatan")
    if kecamatan is not None and kecamatan.pk != pos.kecamatan_id:
        _periksa_kecamatan(kecamatan, pos.unit_id)
    if pos.aktif and data.get("aktif") is False:
        mendatang = Sesi.objects.filter(
            pos=pos, mulai__date__gte=timezone.localdate(), jenis=JenisSesi.LAYANAN_POS
        ).count()
        if mendatang:
            raise ValidationError(
                {
                    "aktif": _(
                        "Pos ini masih memiliki %(n)d hari layanan mendatang; pindahkan atau "
                        "selesaikan dahulu sebelum menonaktifkan pos."
                    )
                    % {"n": mendatang}
                }
            )
    for field, nilai in data.items():
        setattr(pos, field, nilai)
    pos.full_clean()
    pos.save()
    return pos


# --- Outreach days -------------------------------------------------------------------------


@transaction.atomic
def hari_layanan_buat(
    *, oleh: User, pos: PosLayanan, mulai: datetime.datetime, tempat: str = "", catatan: str = ""
) -> Sesi:
    """An outreach day (a session of kind layanan_pos) at an active post of the office of
    `oleh`, from today on (clients are registered before it; a day gone by would have no
    one to record). One day per post per date: the post's row is locked while checking, so
    two people planning the same day at once cannot both save it."""
    terkunci = (
        PosLayanan.objects.for_user(oleh)
        .aktif()
        .select_for_update(of=("self",))
        .filter(pk=pos.pk)
        .first()
    )
    if terkunci is None:
        raise ValidationError({"pos": _("Pos tidak ditemukan di kantor Anda atau tidak aktif.")})
    pos = terkunci
    tanggal = timezone.localdate(mulai)
    if tanggal < timezone.localdate():
        raise ValidationError({"mulai": _("Hari layanan tidak dapat dibuat pada tanggal lampau.")})
    if Sesi.objects.filter(pos=pos, mulai__date=tanggal).exists():
        raise ValidationError({"mulai": _("Pos ini sudah memiliki hari layanan pada tanggal itu.")})
    sesi = Sesi(
        unit_id=pos.unit_id,
        jenis=JenisSesi.LAYANAN_POS,
        pos=pos,
        mulai=mulai,
        tempat=tempat.strip() or pos.alamat[:200] or pos.nama,
        moda=ModaSesi.POS_LAYANAN,
        pk_pencatat=oleh,
        catatan=catatan.strip(),
    )
    sesi.full_clean()
    sesi.save()
    return sesi


def _hari_layanan_terkunci(sesi: Sesi, oleh: User) -> Sesi:
    """The outreach day, locked (registrations of one day queue up), as `oleh` may see it."""
    terkunci = (
        Sesi.objects.for_user(oleh)
        .select_for_update(of=("self",))
        .select_related("unit")
        .filter(pk=sesi.pk)
        .first()
    )
    if terkunci is None:
        raise Sesi.DoesNotExist
    if terkunci.jenis != JenisSesi.LAYANAN_POS:
        raise ValidationError({"sesi": _("Sesi ini bukan hari layanan pos.")})
    return terkunci


# --- Registration --------------------------------------------------------------------------


@transaction.atomic
def pos_daftarkan(*, sesi: Sesi, oleh: User, klien_ids: list[int]) -> list[PendaftaranPos]:
    """Register running clients of the office for an outreach day, up to the day itself.
    Only clients `oleh` may see (Klien.objects.for_user: a PK their own caseload) are
    accepted; a client already registered is left as they are, so repeating the call
    changes nothing. Returns the new registrations. A fixed number of queries whatever
    the number of clients (one insert for the rows, one for their audit entries)."""
    sesi = _hari_layanan_terkunci(sesi, oleh)
    if _hari(sesi) < timezone.localdate():
        raise ValidationError({"sesi": _("Hari layanan sudah lewat; pendaftaran ditutup.")})
    ids = sorted(set(klien_ids))
    if not ids:
        raise ValidationError({"klien": _("Pilih sedikitnya satu klien.")})
    klien = {k.pk: k for k in Klien.objects.for_user(oleh).filter(pk__in=ids, unit=sesi.unit_id)}
    hilang = [i for i in ids if i not in klien]
    if hilang:
        raise ValidationError(
            {
                "klien": _("Klien tidak ditemukan dalam beban kasus Anda (id): %(ids)s.")
                % {"ids": ", ".join(map(str, hilang))}
            }
        )
    selesai = sorted((k for k in klien.values() if not k.berjalan), key=lambda k: k.nama)
    if selesai:
        raise ValidationError(
            {
                "klien": _("Bimbingan klien ini sudah berakhir: %(nama)s.")
                % {"nama": ", ".join(k.nama for k in selesai)}
            }
        )
    sudah = set(
        PendaftaranPos.objects.filter(sesi=sesi, klien_id__in=ids).values_list(
            "klien_id", flat=True
        )
    )
    sekarang = timezone.now()
    baru = [
        PendaftaranPos(
            sesi=sesi,
            klien=klien[i],
            unit=sesi.unit,  # the client's, checked above (PendaftaranPos.save's rule)
            didaftarkan_oleh=oleh,
            didaftarkan_pada=sekarang,
        )
        for i in ids
        if i not in sudah
    ]
    if baru:
        # bulk writes send no signals: the audit entries are written alongside (jejak.massal)
        PendaftaranPos.objects.bulk_create(baru)
        catat_massal([(None, p) for p in baru], pelaku=oleh)
    return baru


@transaction.atomic
def pos_batalkan_pendaftaran(*, sesi: Sesi, oleh: User, klien: Klien) -> None:
    """Remove a client's registration for an outreach day, before the day. Only for a
    client `oleh` may see (a PK: their own); a client not registered is refused."""
    sesi = _hari_layanan_terkunci(sesi, oleh)
    if _hari(sesi) <= timezone.localdate():
        raise ValidationError(
            {"sesi": _("Pendaftaran hanya dapat dibatalkan sebelum hari layanan.")}
        )
    pendaftaran = (
        PendaftaranPos.objects.for_user(oleh)
        .filter(sesi=sesi, klien=klien)
        .filter(klien__in=Klien.objects.for_user(oleh))
        .first()
    )
    if pendaftaran is None:
        raise ValidationError({"klien": _("Klien ini tidak terdaftar pada hari layanan ini.")})
    pendaftaran.delete()
