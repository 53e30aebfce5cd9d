"""Everything held about one client, for a data-subject request (UU 27/2022 Pasal 32).

The client row and every related table are written field by field from the models'
own field lists, so a field added later is exported without anyone remembering to. The
related tables are those declared as held about a client (`klien.terkait`): an app built on
klien (pembimbingan: sessions and attendance) adds its table with its one declaration.
"""

import datetime

from django.db import models
from django.utils import timezone
from django.utils.encoding import force_str

from jejak.models import JejakAudit

from .models import Klien
from .terkait import data_klien


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
    tabel = {d.judul: [baris(o) for o in d.baris_ekspor(klien)] for d in data_klien()}
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
