"""Issue 10, finding 2: the masked NIK cannot be recovered through search, and searches that
name a person are in the audit trail, with the NIK masked.

Kasi and Kabapas see `5105••••••••0003`. The list search used to match NIK prefixes, so
twelve rounds of ten searches (fewer with the birth date the page shows) recovered the
rest; now a role that sees NIKs masked finds a client by the whole NIK only."""

import csv
import io
import json
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from inti.pencarian import PARAM
from jejak.models import JejakAudit, Peristiwa
from tests.klien.factories import KlienFactory

NIK = "5105014507900003"
NIK_TERSAMAR = "5105••••••••0003"
URL_DAFTAR = reverse("klien:klien-list")
URL_CSV = reverse("klien:klien-ekspor")
URL_XLSX = reverse("klien:klien-ekspor-xlsx")


@pytest.fixture
def sasaran(pk, desa):
    return KlienFactory(
        pk_pembimbing=pk, desa=desa, nik=NIK, nama="Ni Made Sasaran", no_register="REG-SASAR"
    )


@pytest.fixture
def lain(pk, desa):
    """Clients whose NIKs share the first digits with the target's."""
    return [KlienFactory(pk_pembimbing=pk, desa=desa, nik=f"510501450790{n:04d}") for n in (1, 2)]


def _ditemukan(client, q: str) -> list[str]:
    """The register numbers a list search for `q` shows."""
    resp = client.get(URL_DAFTAR, {"q": q})
    assert resp.status_code == 200
    return [k.no_register for k in resp.context["halaman"]]


def _baris_ekspor(resp) -> list[dict[str, str]]:
    """The export's rows, each keyed by its column's key (klien.kolom.KOLOM_KLIEN)."""
    from klien.kolom import KOLOM_KLIEN

    assert resp.status_code == 200
    isi = b"".join(resp.streaming_content)
    if resp["Content-Type"].startswith("text/csv"):
        semua = list(csv.reader(io.StringIO(isi.decode("utf-8-sig"), newline="")))
    else:
        lembar = load_workbook(io.BytesIO(isi), read_only=True).active
        semua = [[str(c or "") for c in b] for b in lembar.iter_rows(values_only=True)]
    kunci = {k.judul: k.kunci for k in KOLOM_KLIEN}
    judul = [kunci.get(j, j) for j in semua[0]]
    return [dict(zip(judul, b, strict=True)) for b in semua[1:]]


def _entri_cari():
    return list(
        JejakAudit.objects.filter(jenis=Peristiwa.LIHAT, additional_data__aksi="cari").order_by(
            "pk"
        )
    )


@pytest.mark.parametrize("peran", ["kasi", "kabapas"])
def test_awalan_nik_tidak_membuka_nik_tersamar(client, sasaran, lain, peran, request):
    """The attack of the finding: extend the visible prefix one digit at a time for as long
    as the client is still found. On the old code it recovers the whole NIK."""
    client.force_login(request.getfixturevalue(peran))
    assert NIK_TERSAMAR in client.get(sasaran.get_absolute_url()).content.decode()

    dikenal = NIK_TERSAMAR[:4]
    while len(dikenal) < 16:
        cocok = [d for d in "0123456789" if sasaran.no_register in _ditemukan(client, dikenal + d)]
        if len(cocok) != 1:
            break
        dikenal += cocok[0]
    assert dikenal == NIK[:4]  # nothing learnt beyond what the screen shows

    # every prefix, from 4 to 15 digits: no client found by NIK, in the list or the exports
    for n in range(4, 16):
        assert _ditemukan(client, NIK[:n]) == [], n
    for url in (URL_CSV, URL_XLSX):
        assert _baris_ekspor(client.get(url, {"q": NIK[:15]})) == []


@pytest.mark.parametrize("peran", ["kasi", "kabapas"])
def test_nik_lengkap_menemukan_klien(client, sasaran, lain, peran, request):
    client.force_login(request.getfixturevalue(peran))
    assert _ditemukan(client, NIK) == [sasaran.no_register]
    assert _ditemukan(client, "5105 0145 0790 0003") == [sasaran.no_register]  # as printed
    assert _ditemukan(client, NIK[:-1] + "9") == []  # a whole NIK that is not registered
    for url in (URL_CSV, URL_XLSX):
        (baris,) = _baris_ekspor(client.get(url, {"q": NIK}))
        assert [baris["no_register"], baris["nama"], baris["nik"]] == [
            sasaran.no_register,
            sasaran.nama,
            NIK_TERSAMAR,
        ]


def test_admin_yang_melihat_nik_lengkap_tetap_mencari_dengan_awalan(
    client, sasaran, lain, admin_unit
):
    client.force_login(admin_unit)
    assert _ditemukan(client, NIK[:12]) == [
        k.no_register for k in sorted([sasaran, *lain], key=lambda k: (k.nama, k.pk))
    ]
    assert _ditemukan(client, NIK) == [sasaran.no_register]


def test_pencarian_nik_tercatat_di_jejak_dengan_nik_tersamar(client, sasaran, lain, kasi):
    client.force_login(kasi)
    # The search form posts; the list is shown at an address that carries a token.
    resp = client.post(URL_DAFTAR, {"q": NIK, "status": "AKTIF", "kategori": ""})
    assert resp.status_code == 302
    alamat = resp["Location"]
    assert NIK not in alamat and f"{PARAM}=" in alamat and "status=AKTIF" in alamat
    resp = client.get(alamat)
    assert [k.no_register for k in resp.context["halaman"]] == [sasaran.no_register]

    (e,) = _entri_cari()
    assert (e.actor, e.peran, e.unit_id, e.klien_id) == (kasi, "KASI", kasi.unit_id, sasaran.pk)
    assert e.additional_data == {
        "aksi": "cari",
        "cari": NIK_TERSAMAR,
        "saringan": "status=AKTIF&q=%5Bteks%5D",
        "baris": 1,
    }
    # the whole NIK is nowhere in the trail
    for entri in JejakAudit.objects.all():
        assert NIK not in json.dumps(entri.additional_data) + entri.object_repr

    # a name typed is kept as typed; a search that finds several names no single client
    client.get(URL_DAFTAR, {"q": "klien"})
    e = _entri_cari()[-1]
    assert (e.additional_data["cari"], e.additional_data["baris"], e.klien_id) == (
        "klien",
        2,
        None,
    )
    # filters that name nobody are not searches of a person: not recorded
    client.get(URL_DAFTAR, {"status": "AKTIF"})
    client.get(URL_DAFTAR)
    assert len(_entri_cari()) == 2


def test_awalan_yang_dicari_admin_tersamar_di_jejak(client, sasaran, admin_unit):
    """The Kabapas reads the trail: an Admin's prefix search must not tell them the digits
    their screens mask."""
    client.force_login(admin_unit)
    client.get(URL_DAFTAR, {"q": NIK[:12]})
    client.get(URL_DAFTAR, {"q": f"{sasaran.no_register} {NIK[:8]}"})
    assert [e.additional_data["cari"] for e in _entri_cari()] == [
        "5105••••••••",
        "REG-SASAR 5105••••",
    ]


@pytest.mark.parametrize("url", [URL_CSV, URL_XLSX])
def test_ekspor_mencatat_pencarian_dengan_nik_tersamar(client, sasaran, lain, kasi, url):
    client.force_login(kasi)
    alamat = client.post(URL_DAFTAR, {"q": NIK})["Location"]
    token = alamat.split(f"{PARAM}=")[1]
    # the list's export link carries the token, not the NIK
    isi = client.get(alamat).content.decode()
    assert f'href="{url}?{PARAM}={token}"' in isi and NIK not in isi.replace(f'value="{NIK}"', "")

    assert len(_baris_ekspor(client.get(url, {PARAM: token}))) == 1
    (e,) = JejakAudit.objects.filter(jenis=Peristiwa.EKSPOR)
    assert e.additional_data["cari"] == NIK_TERSAMAR
    assert e.additional_data["saringan"] == "q=%5Bteks%5D"
    assert (e.additional_data["baris"], e.additional_data["nik"]) == (1, "tersamar")
    assert NIK not in json.dumps(e.additional_data)


def test_token_pencarian_tidak_berlaku_di_sesi_lain(client, sasaran, kasi, kabapas):
    """A copied link carries no term: in another session it finds nothing (and says so),
    and its export is empty rather than the whole office."""
    client.force_login(kasi)
    alamat = client.post(URL_DAFTAR, {"q": sasaran.nama})["Location"]
    assert sasaran.nama.split()[-1] not in alamat
    assert _ditemukan(client, sasaran.nama) == [sasaran.no_register]
    client.logout()
    client.force_login(kabapas)
    resp = client.get(alamat)
    assert resp.status_code == 200 and list(resp.context["halaman"]) == []
    assert "Ketik ulang" in resp.content.decode()
    token = alamat.split(f"{PARAM}=")[1]
    assert _baris_ekspor(client.get(URL_CSV, {PARAM: token})) == []


def test_jejak_dapat_dicari_menurut_kata_pencarian_tanpa_membuka_nik(
    client, sasaran, lain, kasi, kabapas
):
    """The Kabapas finds who searched for a person in the trail, by name or NIK; the trail's
    free-text filter compares masked with masked, so it tells nothing about hidden digits."""
    client.force_login(kasi)
    client.get(URL_DAFTAR, {"q": NIK})
    client.get(URL_DAFTAR, {"q": "Sasaran"})
    client.force_login(kabapas)
    url = reverse("jejak:cari")

    def cari_jejak(data):
        return [
            e.additional_data["cari"]
            for e in client.get(url, {"data": data, "jenis": "lihat"}).context["halaman"]
        ]

    assert cari_jejak(NIK) == [NIK_TERSAMAR]
    assert cari_jejak("sasaran") == ["Sasaran"]
    # a wrong middle digit finds the same entry: the filter cannot confirm hidden digits
    assert cari_jejak(NIK[:6] + "99" + NIK[8:]) == [NIK_TERSAMAR]


def test_tautan_lama_q_tidak_disalin_ke_tautan_halaman(client, kasi, unit, pk):
    """An old `?q=name` link still filters, but the page's own links (pages, exports) carry
    a token, never the name."""
    from tests.klien.factories import KlienFactory

    for i in range(30):
        KlienFactory(unit=unit, pk_pembimbing=pk, nama=f"Ni Wayan Rahasia {i:02d}")
    client.force_login(kasi)
    html = client.get(reverse("klien:klien-list") + "?q=Rahasia").content.decode()
    assert "Ni Wayan Rahasia 00" in html
    tautan = re.findall(r'href="([^"]*(?:halaman=|ekspor)[^"]*)"', html)
    assert tautan, "the page links to its next page and its exports"
    assert all("Rahasia" not in t and "q=" not in t for t in tautan), tautan
