"""Everything held about one client, for a data-subject request (UU 27/2022 Pasal 32).

The client row and every related table are written field by field from the models'
own field lists, so a field added later is exported without anyone remembering to.
Apps built on klien (pembimbingan: sessions and attendance) add their tables with
`@sumber_data_subjek` in their AppConfig.ready(); klien never imports them.
"""

import datetime
from collections.abc import Callable, Iterable

from django.db import models
from django.utils import timezone
from django.utils.encoding import force_str

from jejak.models import JejakAudit

from .models import Klien

Sumber = Callable[[Klien], tuple[str, Iterable[models.Model]]]
_SUMBER: list[Sumber] = []


def sumber_data_subjek(fungsi: Sumber) -> Sumber:
    if fungsi not in _SUMBER:
        _SUMBER.append(fungsi)
    return fungsi


def _nilai(obj: models.Model, field: models.Field):
    if field.is_relation:
        terkait = getattr(obj, field.name)
        return force_str(terkait) if terkait is not None else None
    if field.choices:
        return force_str(getattr(obj, f"get_{field.name}_display")())
    nilai = getattr(obj, field.attname)
    if isinstance(nilai, datetime.datetime):
        return timezone.localtime(nilai).isoformat()
    if isinstance(nilai, datetime.date):
        return nilai.isoformat()
    return nilai


def baris(obj: models.Model) -> dict:
    """One row as {field label: value}, every concrete field included."""
    return {
        force_str(f.verbose_name): _nilai(obj, f)
        for f in obj._meta.concrete_fields
        if f.name != "id"
    } | {"id": obj.pk}


def data_subjek(klien: Klien, *, permintaan: dict) -> dict:
    tabel = {}
    for sumber in _SUMBER:
        judul, objek = sumber(klien)
        tabel[judul] = [baris(o) for o in objek]
    # The processing trail says what was done with the data, when, by which office and in
    # which role; not the officers' names or network addresses.
    jejak = JejakAudit.objects.tentang_klien(klien.pk).select_related("unit").order_by("timestamp")
    return {
        "dasar_hukum": "UU 27/2022 tentang Pelindungan Data Pribadi, Pasal 32",
        "pengendali_data": {
            "nama": klien.unit.nama,
            "alamat": klien.unit.alamat,
            "telepon": klien.unit.telepon,
        },
        "permintaan": permintaan,
        "dibuat_pada": timezone.localtime().isoformat(),
        "data_pribadi": baris(klien),
        "data_terkait": tabel,
        "jejak_pemrosesan": [
            {
                "waktu": timezone.localtime(e.timestamp).isoformat(),
                "peristiwa": e.get_jenis_display(),
                "peran": e.get_peran_display() if e.peran else "sistem",
                "unit": force_str(e.unit) if e.unit else None,
                "perubahan": e.changes or None,
                "keterangan": e.additional_data or None,
            }
            for e in jejak
        ],
    }


@sumber_data_subjek
def _riwayat_status(klien):
    return "riwayat_status", klien.riwayat_status.select_related("oleh").order_by("dicatat_pada")


@sumber_data_subjek
def _pengalihan_pk(klien):
    return "pengalihan_pk", klien.pengalihan_pk.select_related("dari_pk", "ke_pk", "oleh").order_by(
        "dicatat_pada"
    )


@sumber_data_subjek
def _residivisme(klien):
    return "residivisme", klien.residivisme.select_related("unit", "oleh").order_by("tanggal")


@sumber_data_subjek
def _indikator(klien):
    return "indikator_reintegrasi", klien.indikator.select_related("unit", "oleh").order_by(
        "tanggal"
    )
