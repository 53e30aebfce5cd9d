"""Writes of the Pokmas Lipas registry: each in one transaction, each status change logged."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import LayananMitra, Mitra, PerjanjianKerjaSama, RiwayatStatusMitra
from .pilihan import TRANSISI_STATUS, StatusMitra


def _simpan_layanan(mitra: Mitra, bidang: list[str]) -> None:
    """The partner's fields of service become `bidang`. Rows are created one by one (at most
    a dozen): bulk_create sends no signals, so the audit trail would miss additions."""
    LayananMitra.objects.filter(mitra=mitra).exclude(bidang__in=bidang).delete()
    ada = set(LayananMitra.objects.filter(mitra=mitra).values_list("bidang", flat=True))
    for b in sorted(set(bidang) - ada):
        LayananMitra.objects.create(mitra=mitra, bidang=b)


@transaction.atomic
def mitra_daftar(
    *,
    mitra: Mitra,
    bidang: list[str],
    oleh,
    pks: PerjanjianKerjaSama | None = None,
) -> Mitra:
    """Register a new partner (status kandidat) for the office of `oleh`, with its fields of
    service and, optionally, its first agreement. The unit always comes from the user."""
    mitra.unit = oleh.unit
    mitra.dibuat_oleh = oleh
    mitra.status = StatusMitra.KANDIDAT
    mitra.save()
    _simpan_layanan(mitra, bidang)
    RiwayatStatusMitra.objects.create(
        mitra=mitra,
        status_lama="",
        status_baru=StatusMitra.KANDIDAT,
        oleh=oleh,
        alasan=_("Didaftarkan sebagai calon mitra."),
    )
    if pks is not None:
        pks_tambah(mitra=mitra, pks=pks, oleh=oleh)
    return mitra


# Set when a partner is registered or changes status, never by editing its details.
TIDAK_DIUBAH_FORMULIR = {"id", "unit", "status", "dibuat_oleh", "dibuat_pada"}


@transaction.atomic
def mitra_ubah(*, mitra: Mitra, bidang: list[str]) -> Mitra:
    """Save edited details. The constraints that involve the status are checked here (the
    form does not show the status, so it skips them): an active partner must keep meeting
    every criterion. The status itself is left as stored: a Kasi's activation that commits
    while this edit was open is not undone."""
    mitra.validate_constraints()
    mitra.save(
        update_fields=[
            f.name for f in Mitra._meta.concrete_fields if f.name not in TIDAK_DIUBAH_FORMULIR
        ]
    )
    _simpan_layanan(mitra, bidang)
    return mitra


def syarat_aktivasi(mitra: Mitra, tanggal: datetime.date | None = None) -> list[str]:
    """What still stands between the partner and activation (empty: may be activated)."""
    kurang = []
    if not mitra.kriteria_terpenuhi:
        kurang.append(
            _("Kriteria belum terpenuhi: %(daftar)s.")
            % {"daftar": ", ".join(str(k) for k in mitra.kriteria_belum)}
        )
    if not PerjanjianKerjaSama.objects.filter(mitra=mitra).berlaku_pada(tanggal).exists():
        kurang.append(_("Belum ada perjanjian kerja sama (PKS) yang berlaku hari ini."))
    return kurang


@transaction.atomic
def mitra_ubah_status(*, mitra: Mitra, status_baru: str, oleh, alasan: str) -> Mitra:
    """Move a partner along kandidat → aktif → nonaktif (→ aktif again), logging who, when and
    why. Activation needs every criterion met and an agreement in force today. Repeating
    the same change is refused rather than logged twice."""
    mitra = Mitra.objects.select_for_update().get(pk=mitra.pk)
    if status_baru not in TRANSISI_STATUS.get(StatusMitra(mitra.status), ()):
        raise ValidationError(
            _("Status %(lama)s tidak dapat diubah menjadi %(baru)s.")
            % {"lama": mitra.get_status_display(), "baru": StatusMitra(status_baru).label}
        )
    if not alasan.strip():
        raise ValidationError(_("Alasan perubahan status wajib diisi."))
    if status_baru == StatusMitra.AKTIF:
        kurang = syarat_aktivasi(mitra)
        if kurang:
            raise ValidationError(kurang)
    lama = mitra.status
    mitra.status = status_baru
    mitra.save(update_fields=["status", "diubah_pada"])
    RiwayatStatusMitra.objects.create(
        mitra=mitra,
        status_lama=lama,
        status_baru=status_baru,
        oleh=oleh,
        pada=timezone.now(),
        alasan=alasan.strip(),
    )
    return mitra


@transaction.atomic
def pks_tambah(
    *,
    mitra: Mitra,
    pks: PerjanjianKerjaSama,
    oleh,
) -> PerjanjianKerjaSama:
    """Record an agreement of `mitra` (its unit is the partner's)."""
    pks.mitra = mitra
    pks.unit_id = mitra.unit_id
    pks.dibuat_oleh = oleh
    pks.save()
    return pks
