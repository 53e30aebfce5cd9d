"""Retention (UU PDP Pasal 42-44): anonymising clients whose retention period has passed.

A client whose guidance ended more than ``settings.RETENSI_KLIEN_HARI`` days ago loses the
data that identifies them: the fields in `FIELD_PRIBADI` are replaced, the free text on
the rows held about them is blanked (the `teks_anonim` of each table declared in
`klien.terkait`), and the same values are redacted from the audit trail.
What the reports count stays (office, PK, village, sex, religion, offence, programme,
dates of guidance, status), so the figures of past years do not change. A client held for
a pending legal matter (`tahan_hukum`) is never anonymised (Pasal 44).

An app built on klien (pembimbingan: session notes about the client) has its text fields
blanked by declaring its table (`klien.terkait.daftar_data_klien`), in its
AppConfig.ready(), so klien never imports it; what a text replacement cannot express (a
file to delete) is a step registered with `@penganonim`.
"""

import datetime
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import InterfaceError, OperationalError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jejak.models import JejakAudit, Peristiwa
from jejak.services import catat_peristiwa

from .models import Klien
from .pilihan import STATUS_BERAKHIR
from .terkait import data_klien

# Identifying fields of a client and what replaces each. Kept on purpose: unit,
# pk_pembimbing, lembaga_asal, jenis_kelamin, agama, pendidikan, status_perkawinan, perkara,
# pasal, lama_pidana_bulan, program, kategori, the dates of guidance and the status; of the
# intake papers, who made the Litmas (staff, not the client), the SK's issuer and the date
# of the handover (the start of guidance, give or take a day). The numbers of the Litmas and
# the SK lead back to the person, and go with their dates, as the verdict's do. The
# desa is kept too: the per-kecamatan reports and travel-time figures need it, and a
# village alone (without name, address or birth date) does not single a person out.
FIELD_PRIBADI: dict[str, Callable[[Klien], Any]] = {
    "nama": lambda k: f"Klien anonim {k.pk}",
    "alias": lambda k: "",
    "nik": lambda k: "",
    "tempat_lahir": lambda k: "",
    # 1 January of the same year: age statistics still hold, and so does the check that
    # the client was born before guidance started.
    "tanggal_lahir": lambda k: k.tanggal_lahir.replace(month=1, day=1),
    "pekerjaan": lambda k: "",
    "alamat": lambda k: "",
    "telepon": lambda k: "",
    "nama_penjamin": lambda k: "",
    "hubungan_penjamin": lambda k: "",
    "telepon_penjamin": lambda k: "",
    "kontak_keluarga": lambda k: "",
    "no_register": lambda k: f"ANON-{k.pk}",
    "no_register_lapas": lambda k: "",
    "no_putusan": lambda k: "",
    "tanggal_putusan": lambda k: None,
    "no_litmas": lambda k: "",
    "tanggal_litmas": lambda k: None,
    "no_sk": lambda k: "",
    "tanggal_sk": lambda k: None,
    # A past legal hold's reason names a case; the client is no longer held (or they
    # could not be anonymised), so the note has no use left.
    "tahan_hukum_alasan": lambda k: "",
}

# Field names whose before/after values are blanked in the client's audit entries, besides
# FIELD_PRIBADI. "klien" because auditlog stores a foreign key as the related record's
# label (AUDITLOG_USE_FK_STRING_REPRESENTATION), i.e. the client's name and register number.
_FIELD_JEJAK: set[str] = {"klien"}
_PENGANONIM: list[Callable[[Klien], None]] = []


class AnonimisasiDitolak(ValueError):
    """The client may not be anonymised (still under guidance, held, or not yet due)."""


def penganonim(fungsi=None, *, field_jejak=()):
    """Register a step `(klien) -> None` for what a declared text replacement
    (`klien.terkait.DataKlien.teks_anonim`) cannot express, e.g. deleting a stored file.

    It runs inside the anonymisation's transaction, after the client's own fields and the
    declared texts were replaced and before the audit trail is redacted; `field_jejak` names
    fields whose values must be redacted from the trail too::

        @penganonim(field_jejak={"berkas"})
        def _berkas_sesi(klien):
            for lampiran in Lampiran.objects.filter(klien=klien):
                lampiran.berkas.delete()
    """

    def daftar(f):
        if f not in _PENGANONIM:
            _PENGANONIM.append(f)
        _FIELD_JEJAK.update(field_jejak)
        return f

    return daftar(fungsi) if fungsi is not None else daftar


def field_redaksi() -> set[str]:
    """Every field name whose values are blanked in the trail entries about the client."""
    teks = {nama for d in data_klien() for nama in d.teks_anonim}
    return set(FIELD_PRIBADI) | teks | _FIELD_JEJAK


def masa_retensi_hari() -> int:
    hari = settings.RETENSI_KLIEN_HARI
    if not isinstance(hari, int) or hari < 0:
        raise ImproperlyConfigured("RETENSI_KLIEN_HARI harus bilangan bulat tidak negatif.")
    return hari


def _lewat_masa_retensi(qs=None, hari_ini: datetime.date | None = None):
    """Ended, not yet anonymised, and tanggal_berakhir + retention period < today."""
    qs = Klien.objects.all() if qs is None else qs
    hari_ini = hari_ini or timezone.localdate()
    batas = hari_ini - datetime.timedelta(days=masa_retensi_hari())
    return qs.filter(
        status__in=STATUS_BERAKHIR, tanggal_berakhir__lt=batas, dianonimkan_pada__isnull=True
    )


def jatuh_tempo_retensi(qs=None, hari_ini: datetime.date | None = None):
    """Clients whose retention period has passed and who are not held: to be anonymised."""
    return _lewat_masa_retensi(qs, hari_ini).filter(tahan_hukum=False)


def ditahan(qs=None, hari_ini: datetime.date | None = None):
    """Clients past the retention period but held for a pending legal matter: skipped."""
    return _lewat_masa_retensi(qs, hari_ini).filter(tahan_hukum=True)


def hari_lewat(klien: Klien, hari_ini: datetime.date | None = None) -> int:
    """Days since the client's retention period ended (negative: not yet)."""
    hari_ini = hari_ini or timezone.localdate()
    return (hari_ini - klien.tanggal_berakhir).days - masa_retensi_hari()


def _periksa(klien: Klien, hari_ini: datetime.date) -> None:
    if klien.berjalan:
        raise AnonimisasiDitolak(
            _("Klien %(id)d masih dalam bimbingan dan tidak dapat dianonimkan.") % {"id": klien.pk}
        )
    if klien.tahan_hukum:
        raise AnonimisasiDitolak(
            _("Data klien %(id)d ditahan untuk perkara hukum dan tidak dapat dianonimkan.")
            % {"id": klien.pk}
        )
    if klien.tanggal_berakhir is None or hari_lewat(klien, hari_ini) <= 0:
        raise AnonimisasiDitolak(_("Masa retensi klien %(id)d belum berakhir.") % {"id": klien.pk})


@transaction.atomic
def klien_anonimkan(klien: Klien, *, hari_ini: datetime.date | None = None) -> bool:
    """Anonymise one client whose retention period has passed.

    Returns True when the client was anonymised now, False when they already were (a second
    call changes nothing and writes no second audit entry). Raises `AnonimisasiDitolak` for
    a client still under guidance, held, or not yet due; nothing is changed then.
    """
    hari_ini = hari_ini or timezone.localdate()
    k = Klien.objects.select_for_update().get(pk=klien.pk)
    if k.dianonimkan_pada is not None:
        return False
    _periksa(k, hari_ini)

    for nama, pengganti in FIELD_PRIBADI.items():
        setattr(k, nama, pengganti(k))
    k.dianonimkan_pada = timezone.now()
    k.save()
    for d in data_klien():
        if d.teks_anonim:
            d.baris(k).update(**d.teks_anonim)
    for langkah in _PENGANONIM:
        langkah(k)
    # After the save, so the entry auditlog wrote for it (old values included) is redacted.
    jumlah = JejakAudit.objects.redaksi_klien(k.pk, field_redaksi())
    catat_peristiwa(
        Peristiwa.ANONIMISASI,
        pelaku=None,
        objek=k,
        data={
            "retensi_hari": masa_retensi_hari(),
            "berakhir": k.tanggal_berakhir.isoformat(),
            "entri_jejak_diredaksi": jumlah,
        },
    )
    klien.refresh_from_db()
    return True


def anonimkan_satu_per_satu(
    daftar: Iterable[Klien], *, hari_ini: datetime.date
) -> Iterator[tuple[Klien, bool | Exception]]:
    """Each client of `daftar` anonymised on its own (`klien_anonimkan`, in its own
    transaction or savepoint): yields the client with True (anonymised now), False (already
    was) or the error that stopped it, rolled back; one failure does not stop the others
    (`retensi_klien`, the daily job `klien.latar_retensi`). A lost database connection is
    raised: nothing after it can be done (the job is then tried again as a whole); a
    statement the database refused or cancelled (a deadlock, a timeout) is this client's."""
    for klien in daftar:
        try:
            hasil = klien_anonimkan(klien, hari_ini=hari_ini)
        except (OperationalError, InterfaceError) as exc:
            if connection.connection is None or not connection.is_usable():
                raise  # closed by the rollback that failed, or no longer answering
            yield klien, exc
        except Exception as exc:
            yield klien, exc
        else:
            yield klien, hasil
