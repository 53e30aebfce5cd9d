"""Every write to the client register: keyword-only, one transaction each, recorded."""

import copy
import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from akun.models import Peran, User
from jejak.massal import catat_massal

from .models import IndikatorReintegrasi, Klien, PengalihanPK, PeristiwaResidivisme, RiwayatStatus
from .pilihan import AKHIR_BERDOKUMEN, STATUS_BERAKHIR, StatusKlien, status_berikutnya


def pk_boleh_membimbing(*, unit, pk: User) -> bool:
    return pk.peran == Peran.PK and pk.unit_id == unit.pk and pk.is_active


# Fields of a client that klien_buat and klien_ubah refuse, each with the one place that
# sets it. The reporting standing is derived from attendance (pembimbingan) and stored only
# through klien_setel_kepatuhan_lapor.
FIELD_BERPEMILIK: dict[str, str] = {
    "unit": "klien_buat(unit=...); tidak pernah berubah",
    "status": "klien_ubah_status",
    "tanggal_berakhir": "klien_ubah_status",
    "pk_pembimbing": "klien_alihkan_pk",
    "tanggal_lapor_berikutnya": "klien_setel_kepatuhan_lapor",
    "mangkir_berturut": "klien_setel_kepatuhan_lapor",
    "dianonimkan_pada": "klien.retensi.klien_anonimkan",
    "batas_tahap_lanjutan": "Klien.save() (dihitung dari masa bimbingan)",
    "batas_tahap_akhir": "Klien.save() (dihitung dari masa bimbingan)",
}


class FieldBerpemilik(ValueError):
    """A caller passed a field that another service owns; a programming error, not a user's
    (no form offers these fields), so it is not a ValidationError a form would show."""

    def __init__(self, field: str, layanan: str):
        self.field = field
        super().__init__(f"Field {field!r} tidak diubah di sini; pemiliknya: {layanan}.")


def _tolak_field_berpemilik(data: dict, *, kecuali: frozenset[str] = frozenset()) -> None:
    for field in data:
        if field in FIELD_BERPEMILIK and field not in kecuali:
            raise FieldBerpemilik(field, FIELD_BERPEMILIK[field])


@transaction.atomic
def klien_buat(*, unit, oleh: User, data: dict) -> Klien:
    """Register a client (status: penerimaan) in `unit`; the intake is the first history row.

    A PK registers into their own caseload: with a PK as `oleh`, `pk_pembimbing` is `oleh`
    (left out or the same) and naming another PK is refused. Other roles name an active PK
    of the office. Fields that other services own (status, reporting standing, ...) are
    refused."""
    _tolak_field_berpemilik(data, kecuali=frozenset({"pk_pembimbing"}))
    data = dict(data)
    if oleh.peran == Peran.PK:
        if data.setdefault("pk_pembimbing", oleh) != oleh:
            raise ValidationError(
                {"pk_pembimbing": _("PK mendaftarkan klien ke beban kasusnya sendiri.")}
            )
    elif data.get("pk_pembimbing") is None:
        raise ValidationError({"pk_pembimbing": _("Pilih PK aktif dari kantor ini.")})
    klien = Klien(unit=unit, **data)
    if not pk_boleh_membimbing(unit=unit, pk=klien.pk_pembimbing):
        raise ValidationError({"pk_pembimbing": _("Pilih PK aktif dari kantor ini.")})
    _periksa_berkas_penerimaan(klien)
    klien.full_clean(exclude=["batas_tahap_lanjutan", "batas_tahap_akhir"])
    klien.save()
    catat_penerimaan([klien], oleh=oleh, alasan=_("Klien didaftarkan."))
    return klien


def _periksa_berkas_penerimaan(klien: Klien) -> None:
    """What the database cannot check about the intake: the Litmas's PK is a PK of the
    client's office (another Bapas's is written by name), and the start of guidance is not
    after the next report already due (klien_lapor_tidak_sebelum_mulai, reported on the
    field the user changed)."""
    pk_litmas = klien.pk_litmas if klien.pk_litmas_id else None
    if pk_litmas is not None and (
        pk_litmas.peran != Peran.PK or pk_litmas.unit_id != klien.unit_id
    ):
        raise ValidationError(
            {
                "pk_litmas": _(
                    "Pilih PK dari kantor ini; Litmas dari Bapas lain ditulis nama PK-nya."
                )
            }
        )
    lapor = klien.tanggal_lapor_berikutnya
    if lapor is not None and klien.tanggal_mulai and klien.tanggal_mulai > lapor:
        raise ValidationError(
            {
                "tanggal_mulai": _(
                    "Mulai bimbingan tidak boleh setelah wajib lapor berikutnya (%(t)s); "
                    "ubah dulu jadwal lapornya."
                )
                % {"t": f"{lapor:%d-%m-%Y}"}
            }
        )


def catat_penerimaan(klien: list[Klien], *, oleh: User, alasan: str) -> None:
    """The first history row of newly registered clients: intake (penerimaan), today.
    Saved one by one, not in bulk: bulk_create sends no signals, so the audit trail would
    miss the rows."""
    hari_ini = timezone.localdate()
    for k in klien:
        RiwayatStatus.objects.create(
            klien=k,
            status_lama="",
            status_baru=StatusKlien.PENERIMAAN,
            tanggal=hari_ini,
            alasan=alasan,
            oleh=oleh,
        )


@transaction.atomic
def klien_ubah(*, klien: Klien, oleh: User, data: dict) -> Klien:
    """Edit identity and case data. Every field that another service owns (status, PK,
    reporting standing, ...: FIELD_BERPEMILIK) is refused before anything changes."""
    _tolak_field_berpemilik(data)
    for field, value in data.items():
        setattr(klien, field, value)
    _periksa_berkas_penerimaan(klien)
    klien.full_clean(exclude=["batas_tahap_lanjutan", "batas_tahap_akhir"])
    klien.save()
    return klien


@transaction.atomic
def klien_ubah_status(
    *,
    klien: Klien,
    oleh: User,
    status_baru: str,
    tanggal: datetime.date,
    alasan: str,
    dokumen: dict | None = None,
) -> RiwayatStatus:
    """Move a client to another status: activation at intake, or an ending that belongs to
    the client's programme (pilihan.AKHIR_PROGRAM). An ending decided by a document (a
    diversion not carried out, a decision ending supervision) records the document: `dokumen`
    = {"nomor", "tanggal", "pihak"}. Revocation is refused here: it runs only through the
    proposal workflow (klien.pencabutan), which ends with the SK pencabutan."""
    if status_baru == StatusKlien.DICABUT:
        raise ValidationError(
            {
                "status_baru": _(
                    "Pencabutan dilakukan melalui usulan pencabutan: sidang TPP, keputusan "
                    "Kepala Bapas dan SK pencabutan."
                )
            }
        )
    return ubah_status(
        klien=klien,
        oleh=oleh,
        status_baru=status_baru,
        tanggal=tanggal,
        alasan=alasan,
        dokumen=dokumen,
    )


@transaction.atomic
def ubah_status(
    *,
    klien: Klien,
    oleh: User,
    status_baru: str,
    tanggal: datetime.date,
    alasan: str,
    dokumen: dict | None = None,
) -> RiwayatStatus:
    """The one writer of a client's status: klien_ubah_status, and klien.pencabutan for the
    revocation itself (which no other caller should reach: use those two)."""
    klien = Klien.objects.select_for_update().get(pk=klien.pk)
    if status_baru not in status_berikutnya(klien.status, klien.program):
        raise ValidationError(
            {
                "status_baru": _(
                    "Status %(lama)s tidak dapat diubah menjadi %(baru)s untuk program %(program)s."
                )
                % {
                    "lama": klien.get_status_display(),
                    "baru": StatusKlien(status_baru).label,
                    "program": klien.get_program_display(),
                }
            }
        )
    if tanggal > timezone.localdate():
        raise ValidationError({"tanggal": _("Tanggal tidak boleh di masa depan.")})
    if tanggal < klien.tanggal_mulai and status_baru in STATUS_BERAKHIR:
        raise ValidationError(
            {"tanggal": _("Tanggal berakhir tidak boleh sebelum mulai bimbingan.")}
        )
    if not alasan.strip():
        raise ValidationError({"alasan": _("Alasan wajib diisi.")})
    dokumen = dokumen or {}
    if status_baru in AKHIR_BERDOKUMEN:
        kosong = {
            f"dokumen_{k}": _("Wajib diisi untuk akhir bimbingan ini.")
            for k in ("nomor", "tanggal", "pihak")
            if not dokumen.get(k)
        }
        if kosong:
            raise ValidationError(kosong)
        if dokumen["tanggal"] > timezone.localdate():
            raise ValidationError({"dokumen_tanggal": _("Tanggal tidak boleh di masa depan.")})
    riwayat = RiwayatStatus.objects.create(
        klien=klien,
        status_lama=klien.status,
        status_baru=status_baru,
        tanggal=tanggal,
        alasan=alasan,
        dokumen_nomor=(dokumen.get("nomor") or "").strip(),
        dokumen_tanggal=dokumen.get("tanggal"),
        dokumen_pihak=(dokumen.get("pihak") or "").strip(),
        oleh=oleh,
    )
    klien.status = status_baru
    klien.tanggal_berakhir = tanggal if status_baru in STATUS_BERAKHIR else None
    klien.save(update_fields=["status", "tanggal_berakhir", "diubah_pada"])
    return riwayat


@transaction.atomic
def klien_akhiri_ekspirasi(*, klien: Klien, oleh: User) -> RiwayatStatus:
    """Confirm the end the system proposes on the expiry date: the guidance is completed
    (SELESAI) as of `tanggal_ekspirasi`, once that day has come."""
    if klien.status != StatusKlien.AKTIF:
        raise ValidationError(_("Hanya klien aktif yang dapat diakhiri pada ekspirasi."))
    if klien.tanggal_ekspirasi > timezone.localdate():
        raise ValidationError(
            _("Ekspirasi klien ini belum tiba (%(tanggal)s).")
            % {"tanggal": date_format(klien.tanggal_ekspirasi, "j F Y")}
        )
    return ubah_status(
        klien=klien,
        oleh=oleh,
        status_baru=StatusKlien.SELESAI,
        tanggal=klien.tanggal_ekspirasi,
        alasan=_("Masa bimbingan berakhir pada tanggal ekspirasi; dikonfirmasi %(oleh)s.")
        % {"oleh": oleh.get_full_name() or oleh.username},
    )


@transaction.atomic
def klien_alihkan_pk(
    *, klien: Klien, oleh: User, ke_pk: User, tanggal: datetime.date, alasan: str
) -> PengalihanPK:
    klien = Klien.objects.select_for_update().get(pk=klien.pk)
    if not klien.berjalan:
        raise ValidationError({"ke_pk": _("Klien yang sudah berakhir tidak dapat dialihkan.")})
    if not pk_boleh_membimbing(unit=klien.unit, pk=ke_pk):
        raise ValidationError({"ke_pk": _("Pilih PK aktif dari kantor ini.")})
    if ke_pk.pk == klien.pk_pembimbing_id:
        raise ValidationError({"ke_pk": _("Klien sudah dibimbing oleh PK ini.")})
    pengalihan = PengalihanPK.objects.create(
        klien=klien,
        dari_pk_id=klien.pk_pembimbing_id,
        ke_pk=ke_pk,
        tanggal=tanggal,
        alasan=alasan,
        oleh=oleh,
    )
    klien.pk_pembimbing = ke_pk
    klien.save(update_fields=["pk_pembimbing", "diubah_pada"])
    return pengalihan


@transaction.atomic
def residivisme_catat(
    *,
    klien: Klien,
    oleh: User,
    tanggal: datetime.date,
    jenis: str,
    sumber: str,
    catatan: str = "",
) -> PeristiwaResidivisme:
    """Record a new offence; recording the same event twice changes nothing."""
    peristiwa, _dibuat = PeristiwaResidivisme.objects.get_or_create(
        klien=klien,
        tanggal=tanggal,
        jenis=jenis,
        defaults={"unit": klien.unit, "sumber": sumber, "catatan": catatan, "oleh": oleh},
    )
    return peristiwa


@transaction.atomic
def indikator_catat(*, klien: Klien, oleh: User, tonggak: str, data: dict) -> IndikatorReintegrasi:
    """Record (or correct) the reintegration indicators of one milestone."""
    indikator, _dibuat = IndikatorReintegrasi.objects.update_or_create(
        klien=klien, tonggak=tonggak, defaults={"unit": klien.unit, "oleh": oleh, **data}
    )
    return indikator


@transaction.atomic
def klien_setel_kepatuhan_lapor(
    *, klien: Klien, mangkir_berturut: int, berikutnya: datetime.date | None
) -> Klien:
    """Store the reporting standing that the attendance records imply: how many reports in a
    row were missed up to now, and when the next one is due. One client's case of
    `klien_setel_kepatuhan_lapor_banyak` (the only writer of these two fields); `klien` is
    updated in place."""
    klien_setel_kepatuhan_lapor_banyak(kepatuhan={klien.pk: (mangkir_berturut, berikutnya)})
    klien.mangkir_berturut = mangkir_berturut
    klien.tanggal_lapor_berikutnya = berikutnya
    return klien


def klien_setel_kepatuhan_lapor_banyak(
    *, kepatuhan: dict[int, tuple[int, datetime.date | None]]
) -> list[int]:
    """Store the reporting standing of many clients at once: {client id: (misses in a row,
    next due date)}. The only writer of these two fields. Three queries whatever the number
    of clients: the rows read and locked, the changed ones written in one UPDATE, their audit
    entries (before and after) in one INSERT. A client whose standing is already this one is
    not written; calling it again changes nothing. Returns the ids written."""
    if any(n < 0 for n, _tempo in kepatuhan.values()):
        raise ValueError(kepatuhan)
    if not kepatuhan:
        return []  # (before the transaction: no savepoint for nothing)
    with transaction.atomic():
        return _setel_kepatuhan(kepatuhan)


def _setel_kepatuhan(kepatuhan: dict[int, tuple[int, datetime.date | None]]) -> list[int]:
    # NO KEY UPDATE: attendance rows inserted in the same transaction hold a KEY SHARE lock
    # on the client (their foreign key); FOR UPDATE would conflict with another session's
    # and deadlock two saves that share a client. In id order, so two writers queue up.
    # The foreign keys come along (the audit diff names them), the lock stays on the clients.
    relasi = [f.name for f in Klien._meta.concrete_fields if f.is_relation]
    terkunci = (
        Klien.objects.select_related(*relasi)
        .select_for_update(no_key=True, of=("self",))
        .filter(pk__in=kepatuhan)
        .order_by("pk")
    )
    sekarang = timezone.now()
    pasangan = []
    for k in terkunci:
        mangkir, tempo = kepatuhan[k.pk]
        if tempo is not None and tempo < k.tanggal_mulai:  # klien_lapor_tidak_sebelum_mulai
            raise ValidationError(
                {
                    "tanggal_lapor_berikutnya": _(
                        "Wajib lapor berikutnya (%(t)s) tidak boleh sebelum mulai bimbingan "
                        "(%(mulai)s)."
                    )
                    % {"t": f"{tempo:%d-%m-%Y}", "mulai": f"{k.tanggal_mulai:%d-%m-%Y}"}
                }
            )
        if (k.mangkir_berturut, k.tanggal_lapor_berikutnya) == (mangkir, tempo):
            continue
        lama = copy.copy(k)
        k.mangkir_berturut, k.tanggal_lapor_berikutnya, k.diubah_pada = mangkir, tempo, sekarang
        pasangan.append((lama, k))
    if pasangan:
        berubah = [baru for _lama, baru in pasangan]
        Klien.objects.bulk_update(
            berubah, ["mangkir_berturut", "tanggal_lapor_berikutnya", "diubah_pada"]
        )
        catat_massal(pasangan)
    return [baru.pk for _lama, baru in pasangan]


@transaction.atomic
def klien_setel_tahan_hukum(*, klien: Klien, tahan: bool, alasan: str) -> Klien:
    """Put a client's data on legal hold (never anonymised while held) or lift the hold.
    The change, with who made it, is written to the audit trail by the save."""
    klien = Klien.objects.select_for_update().get(pk=klien.pk)
    if klien.dianonimkan_pada is not None:
        raise ValidationError(_("Data klien ini sudah dianonimkan."))
    klien.tahan_hukum = tahan
    klien.tahan_hukum_alasan = alasan.strip() if tahan else ""
    klien.full_clean(exclude=[f.name for f in Klien._meta.fields if not f.name.startswith("tahan")])
    klien.save(update_fields=["tahan_hukum", "tahan_hukum_alasan", "diubah_pada"])
    return klien
