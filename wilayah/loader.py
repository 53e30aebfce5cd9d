"""Load Indonesia's regions from the `areaid` package into the wilayah tables.

The data set spells a few names differently from official usage; `EJAAN_RESMI` corrects
them. Loading is idempotent: rows are matched on the data set's own ids.
"""

import csv
import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from django.db import transaction

from .models import Desa, JenisKabupaten, Kabupaten, Kecamatan, Provinsi

# Spellings in the areaid data → the official names used by the offices.
EJAAN_RESMI = {
    "Karang Asem": "Karangasem",
    "Nusapenida": "Nusa Penida",
}
WAKTU_TEMPUH_CSV = Path(__file__).resolve().parent / "data" / "waktu_tempuh.csv"


class ProvinsiTidakDikenal(ValueError):
    pass


@dataclass
class HasilMuat:
    provinsi: int = 0
    kabupaten: int = 0
    kecamatan: int = 0
    desa: int = 0
    waktu_tempuh: int = 0


def nama_resmi(nama: str) -> str:
    nama = " ".join(nama.split())
    return EJAAN_RESMI.get(nama, nama)


def daftar_provinsi_tersedia() -> list[str]:
    data = resources.files("areaid") / "data"
    return sorted(p.name.removesuffix(".json") for p in data.iterdir() if p.name.endswith(".json"))


def _baca_provinsi(nama_berkas: str) -> dict:
    berkas = resources.files("areaid") / "data" / f"{nama_berkas.lower()}.json"
    if not berkas.is_file():
        raise ProvinsiTidakDikenal(nama_berkas)
    with berkas.open(encoding="utf-8") as f:
        (provinsi,) = json.load(f)
    return provinsi


# The data set's own prefixes (Indonesian whatever the interface language: the labels of
# JenisKabupaten are translated and must not be used to read the data).
AWALAN_JENIS = {"Kabupaten ": JenisKabupaten.KABUPATEN, "Kota ": JenisKabupaten.KOTA}


def _pisah_jenis(kab_kota: str) -> tuple[str, str]:
    for awalan, jenis in AWALAN_JENIS.items():
        if kab_kota.startswith(awalan):
            return jenis.value, kab_kota.removeprefix(awalan)
    return JenisKabupaten.KABUPATEN.value, kab_kota


def _upsert(model, rows: list, fields: list[str]) -> dict[int, int]:
    model.objects.bulk_create(
        rows,
        batch_size=500,
        update_conflicts=True,
        unique_fields=["sumber_id"],
        update_fields=fields,
    )
    ids = [r.sumber_id for r in rows]
    return dict(model.objects.filter(sumber_id__in=ids).values_list("sumber_id", "pk"))


@transaction.atomic
def muat_provinsi(nama_berkas: str) -> HasilMuat:
    """Load one province (all its kabupaten, kecamatan and desa), then the travel times."""
    data = _baca_provinsi(nama_berkas)
    hasil = HasilMuat(provinsi=1)
    provinsi, _ = Provinsi.objects.update_or_create(
        sumber_id=data["id"],
        defaults={"nama": nama_resmi(data["provinsi"]), "kode_iso": data.get("p_bsni", "")},
    )
    kab_rows = []
    for kab in data["kabupaten"]:
        jenis, nama = _pisah_jenis(kab["kab_kota"])
        kab_rows.append(
            Kabupaten(
                provinsi=provinsi,
                sumber_id=kab["id"],
                jenis=jenis,
                nama=nama_resmi(nama),
                ibukota=nama_resmi(kab.get("ibukota") or ""),
            )
        )
    kab_pk = _upsert(Kabupaten, kab_rows, ["provinsi", "jenis", "nama", "ibukota"])
    hasil.kabupaten = len(kab_rows)

    kec_rows = [
        Kecamatan(kabupaten_id=kab_pk[kab["id"]], sumber_id=kec["id"], nama=nama_resmi(kec["kec"]))
        for kab in data["kabupaten"]
        for kec in kab["kecamatan"]
    ]
    kec_pk = _upsert(Kecamatan, kec_rows, ["kabupaten", "nama"])
    hasil.kecamatan = len(kec_rows)

    desa_rows = [
        Desa(
            kecamatan_id=kec_pk[kec["id"]],
            sumber_id=desa["id"],
            nama=nama_resmi(desa["kelu"]),
            kode_pos=str(desa.get("pos") or ""),
        )
        for kab in data["kabupaten"]
        for kec in kab["kecamatan"]
        for desa in kec["kelurahan"]
    ]
    _upsert(Desa, desa_rows, ["kecamatan", "nama", "kode_pos"])
    hasil.desa = len(desa_rows)
    hasil.waktu_tempuh = muat_waktu_tempuh(provinsi)
    return hasil


def muat_waktu_tempuh(provinsi: Provinsi, berkas: Path = WAKTU_TEMPUH_CSV) -> int:
    """Set the usual travel time to the Bapas office for the kecamatan listed in the CSV."""
    jumlah = 0
    with berkas.open(encoding="utf-8", newline="") as f:
        for baris in csv.DictReader(f):
            if baris["provinsi"] != provinsi.nama:
                continue
            jumlah += Kecamatan.objects.filter(
                kabupaten__provinsi=provinsi,
                kabupaten__nama=baris["kabupaten"],
                nama=baris["kecamatan"],
            ).update(
                waktu_tempuh_menit=int(baris["menit"]),
                keterangan_tempuh=baris["keterangan"] or "",
            )
    return jumlah
