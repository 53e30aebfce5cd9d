import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from inti.layanan import tanggal_dalam_batas, tolak_kunci_asing, wajib_diisi


def test_kunci_asing_kesalahan_program():
    tolak_kunci_asing({"nama": "x"}, {"nama", "alamat"})
    with pytest.raises(ValueError, match="unit"):
        tolak_kunci_asing({"nama": "x", "unit": 1}, frozenset({"nama"}))


def test_wajib_diisi_per_field():
    wajib_diisi(a="isi", b=" ok ")
    with pytest.raises(ValidationError) as e:
        wajib_diisi(a="  ", b=None, c="isi")
    assert e.value.message_dict == {"a": ["Wajib diisi."], "b": ["Wajib diisi."]}


def test_wajib_diisi_tanggal():
    wajib_diisi(t=timezone.localdate(), a="isi")
    with pytest.raises(ValidationError) as e:
        wajib_diisi(t=None, u=timezone.localdate(), a="")
    assert e.value.message_dict == {"t": ["Wajib diisi."], "a": ["Wajib diisi."]}


def test_tanggal_dalam_batas():
    hari_ini = timezone.localdate()
    kemarin = hari_ini - datetime.timedelta(days=1)
    tanggal_dalam_batas("t", hari_ini, paling_awal=kemarin, pesan="terlalu awal")
    with pytest.raises(ValidationError) as e:
        tanggal_dalam_batas(
            "t", hari_ini + datetime.timedelta(days=1), paling_awal=kemarin, pesan="x"
        )
    assert e.value.message_dict == {"t": ["Tanggal tidak boleh di masa depan."]}
    with pytest.raises(ValidationError) as e:
        tanggal_dalam_batas(
            "t", kemarin - datetime.timedelta(days=1), paling_awal=kemarin, pesan="terlalu awal"
        )
    assert e.value.message_dict == {"t": ["terlalu awal"]}
