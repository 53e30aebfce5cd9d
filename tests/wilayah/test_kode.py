"""The Kemendagri code list (wilayah/kode.py): all 38 provinces whatever is loaded, and for
Bali a code for every loaded kabupaten and kecamatan and a loaded row for every code."""

import json
from importlib import resources

from wilayah import kode
from wilayah.models import Kabupaten, Kecamatan


def test_38_provinsi_tanpa_memuat_wilayah():
    provinsi = kode.daftar_kode().provinsi
    assert len(provinsi) == 38
    assert provinsi["51"] == "Bali"
    # the provinces formed from Papua in 2022 (Kepmendagri codes 93-96)
    assert {provinsi[k] for k in ("93", "94", "95", "96")} == {
        "Papua Selatan",
        "Papua Tengah",
        "Papua Pegunungan",
        "Papua Barat Daya",
    }
    assert not any(kode.provinsi_ada(k) for k in ("00", "10", "20", "37", "50", "99"))


def test_nama_provinsi_seperti_data_wilayah():
    """Every province of the areaid data set is in the list under the name it is loaded with
    (the synthetic data finds an office's province code by that name)."""
    berkas = resources.files("areaid") / "nama" / "provinsi.json"
    nama = json.loads(berkas.read_text(encoding="utf-8"))["himpunan"]
    assert len(nama) == 34
    assert set(nama) <= set(kode.daftar_kode().provinsi.values())


def test_kabupaten_dan_kecamatan_hanya_dinilai_bila_provinsinya_terdaftar():
    assert kode.kabupaten_dikenal("5107") is True
    assert kode.kabupaten_dikenal("5171") is True  # Kota Denpasar
    assert kode.kabupaten_dikenal("5109") is False
    assert kode.kabupaten_dikenal("3273") is None  # Jawa Barat's regencies are not listed
    assert kode.kecamatan_dikenal("510508") is False  # Klungkung has four
    assert kode.kecamatan_dikenal("510501") is True
    assert kode.kecamatan_dikenal("327301") is None
    assert kode.kecamatan_di_kabupaten("5105") == ("510501", "510502", "510503", "510504")


def test_setiap_wilayah_bali_yang_dimuat_punya_kode_dan_sebaliknya(wilayah_bali):
    kabupaten = Kabupaten.objects.filter(provinsi__nama="Bali").select_related("provinsi")
    kode_kab = {kode.kode_kabupaten(k) for k in kabupaten}
    assert kode_kab == set(kode.daftar_kode().kabupaten)  # 9, none missing, none extra
    kecamatan = Kecamatan.objects.filter(kabupaten__provinsi__nama="Bali").select_related(
        "kabupaten__provinsi"
    )
    kode_kec = [kode.kode_kecamatan(k) for k in kecamatan]
    assert None not in kode_kec
    assert sorted(kode_kec) == sorted(kode.daftar_kode().kecamatan)  # 57, each once
    assert kode.kode_kecamatan(Kecamatan.objects.get(nama="Nusa Penida")) == "510501"
    assert kode.kode_kecamatan(Kecamatan.objects.get(nama="Karangasem")) == "510704"
