"""The trail shows a client's NIK only to a role that may see it in full: the before/after
values of a NIK change are masked for the Kabapas on the trail page and in its CSV, as on
the client's own page; the Admin (who may see NIKs) sees them whole."""

import codecs
import csv
import io
import json

import pytest
from django.urls import reverse

from klien import services
from tests.klien.factories import KlienFactory

LAMA, BARU = "5107015505900001", "5107015505900002"
LAMA_TERSAMAR, BARU_TERSAMAR = "5107••••••••0001", "5107••••••••0002"


@pytest.fixture
def klien_nik_diubah(unit, pk):
    klien = KlienFactory(unit=unit, pk_pembimbing=pk, nik=LAMA)
    services.klien_ubah(klien=klien, oleh=pk, data={"nik": BARU})
    return klien


def _csv(resp) -> list[dict]:
    isi = b"".join(resp.streaming_content)
    assert isi.startswith(codecs.BOM_UTF8)
    return list(csv.DictReader(io.StringIO(isi.decode("utf-8-sig"), newline="")))


def _perubahan_nik(resp) -> list:
    return [
        json.loads(b["perubahan"])["nik"]
        for b in _csv(resp)
        if b["perubahan"] and "nik" in json.loads(b["perubahan"])
    ]


def test_kabapas_melihat_nik_tersamar_di_halaman_dan_ekspor(client, kabapas, klien_nik_diubah):
    client.force_login(kabapas)
    html = client.get(reverse("jejak:cari")).content.decode()
    assert LAMA_TERSAMAR in html and BARU_TERSAMAR in html
    assert LAMA not in html and BARU not in html
    # newest first: the edit, then the creation
    assert _perubahan_nik(client.get(reverse("jejak:ekspor"))) == [
        [LAMA_TERSAMAR, BARU_TERSAMAR],
        [None, LAMA_TERSAMAR],
    ]


def test_admin_melihat_nik_lengkap(client, admin_unit, klien_nik_diubah):
    client.force_login(admin_unit)
    html = client.get(reverse("jejak:cari")).content.decode()
    assert LAMA in html and BARU in html
    assert _perubahan_nik(client.get(reverse("jejak:ekspor"))) == [[LAMA, BARU], [None, LAMA]]


def test_perubahan_lain_tidak_tersamar(client, kabapas, unit, pk):
    klien = KlienFactory(unit=unit, pk_pembimbing=pk, nik=LAMA, pekerjaan="Petani")
    services.klien_ubah(klien=klien, oleh=pk, data={"pekerjaan": "Nelayan 1234567890123456"})
    client.force_login(kabapas)
    html = client.get(reverse("jejak:cari")).content.decode()
    assert "Nelayan 1234567890123456" in html  # only NIK fields are masked
