"""Writes of the Pokmas Lipas registry: each in one transaction, each status change logged."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from akun.models import User
from inti.layanan import tolak_kunci_asing

from .models import LayananMitra, Mitra, PerjanjianKerjaSama, RiwayatStatusMitra
from .pilihan import BidangLayanan, StatusMitra
from .selectors import langkah_status

# Set when a partner is registered or changes status, never by editing its details.
TIDAK_DIUBAH_FORMULIR = {"id", "unit", "status", "dibuat_oleh", "dibuat_pada", "diubah_pada"}
# What `data` of mitra_daftar / mitra_ubah may name: the partner's own details.
FIELD_DATA_MITRA = frozenset(
    f.name for f in Mitra._meta.concrete_fields if f.name not in TIDAK_DIUBAH_FORMULIR
)
FIELD_DATA_PKS = frozenset(
    {"nomor", "tanggal_tanda_tangan", "tanggal_mulai", "tanggal_selesai", "dokumen"}
)


def _periksa_bidang(bidang: list[str]) -> None:
    if not bidang:
        raise ValidationError({"bidang": _("Pilih sedikitnya satu bidang layanan.")})
    salah = sorted(set(bidang) - set(BidangLayanan.values))
    if salah:
        raise ValidationError(
            {
                "bidang": _("Bidang layanan tidak dikenal: %(daftar)s.")
                % {"daftar": ", ".join(salah)}
            }
        )


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
    oleh: User,
    data: dict,
    bidang: list[str],
    pks: dict | None = None,
) -> Mitra:
    """Register a new partner (status kandidat) for the office of `oleh`, with its fields of
    service and, optionally, its first agreement (`pks`: the data of pks_tambah). `data`
    holds the partner's details (FIELD_DATA_MITRA); the unit always comes from the user,
    never from `data`. Every constraint, the per-office ones included, is checked before
    anything is saved: a refusal is a ValidationError on the field it concerns."""
    tolak_kunci_asing(data, FIELD_DATA_MITRA)
    _periksa_bidang(bidang)
    mitra = Mitra(**data, unit=oleh.unit, dibuat_oleh=oleh, status=StatusMitra.KANDIDAT)
    mitra.full_clean()
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
        pks_tambah(mitra=mitra, oleh=oleh, data=pks)
    return mitra


@transaction.atomic
def mitra_ubah(*, mitra: Mitra, data: dict | None = None, bidang: list[str]) -> Mitra:
    """Save edited details (`data`, FIELD_DATA_MITRA; none: only the fields of service) and
    the fields of service of a saved partner. The row is locked and re-read, and only the
    fields in `data` are written: the status is left as stored, so a Kasi's activation that
    commits while this edit was open is not undone. Every constraint is checked against
    that current row, including those that involve the status (the form does not show the
    status, so it skips them): an active partner must keep meeting every criterion."""
    data = data or {}
    tolak_kunci_asing(data, FIELD_DATA_MITRA)
    _periksa_bidang(bidang)
    mitra = Mitra.objects.select_for_update().get(pk=mitra.pk)
    for field, nilai in data.items():
        setattr(mitra, field, nilai)
    mitra.full_clean()
    mitra.save(update_fields=[*data, "diubah_pada"])
    _simpan_layanan(mitra, bidang)
    return mitra


@transaction.atomic
def mitra_ubah_status(*, mitra: Mitra, status_baru: str, oleh: User, alasan: str) -> Mitra:
    """Move a partner along kandidat → aktif → nonaktif (→ aktif again), logging who, when and
    why. The row is locked, and the change refused unless selectors.langkah_status allows it
    now: from the current status, by the role of `oleh`, and for activation every criterion
    met and an agreement in force today. Repeating the same change is refused rather than
    logged twice."""
    mitra = Mitra.objects.select_for_update().get(pk=mitra.pk)
    # (the lock cannot go with dengan_masa_pks's GROUP BY: the standing is read apart)
    langkah = {
        lg.status: lg
        for lg in langkah_status(Mitra.objects.dengan_masa_pks().get(pk=mitra.pk), oleh)
    }
    if status_baru not in langkah:
        raise ValidationError(
            _("Status %(lama)s tidak dapat diubah menjadi %(baru)s.")
            % {"lama": mitra.get_status_display(), "baru": StatusMitra(status_baru).label}
        )
    if not alasan.strip():
        raise ValidationError(_("Alasan perubahan status wajib diisi."))
    if langkah[status_baru].kurang:
        raise ValidationError(list(langkah[status_baru].kurang))
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
def pks_tambah(*, mitra: Mitra, oleh: User, data: dict) -> PerjanjianKerjaSama:
    """Record an agreement of `mitra` (its unit is the partner's). `data` holds nomor, the
    three dates and, optionally, `dokumen` (an uploaded PDF; the form checks its size and
    kind). Every constraint is checked before saving, the number unique per office too."""
    tolak_kunci_asing(data, FIELD_DATA_PKS)
    data = dict(data)
    if not data.get("dokumen"):  # no upload: no document (None or False from the form)
        data.pop("dokumen", None)
    pks = PerjanjianKerjaSama(**data, mitra=mitra, unit_id=mitra.unit_id, dibuat_oleh=oleh)
    pks.full_clean()
    pks.save()
    return pks
