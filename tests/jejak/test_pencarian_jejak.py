"""Issue 10, finding 7, on the audit-trail search page: its free-text filter (a record's
label, which holds clients' names) stays out of URLs.

The form is posted; the term is kept in the session behind an opaque token
(inti.pencarian) and the page, its page links and its CSV export link carry the token and
the other filters. A copied link finds nothing in another session, and its export is
empty, not the whole trail. Old `?data=` links keep working."""

import csv
import io
import re
from html import unescape

import pytest
from django.urls import reverse

from inti.pencarian import PARAM
from jejak.models import JejakAudit, Peristiwa
from jejak.services import catat_peristiwa
from tests.klien.factories import KlienFactory
from tests.rails.vnu import pastikan_vnu, validasi

URL = reverse("jejak:cari")
URL_EKSPOR = reverse("jejak:ekspor")
NAMA = "Ni Komang Rahasiawati"
_URL = re.compile(r'(?:href|action|src)="([^"]*)"')


@pytest.fixture
def jejak_nama(unit, pk, desa):
    """60 views of the client named NAMA (more than one page of 50) and 5 of another."""
    sasaran = KlienFactory(unit=unit, pk_pembimbing=pk, desa=desa, nama=NAMA)
    lain = KlienFactory(unit=unit, pk_pembimbing=pk, desa=desa, nama="Klien Lain")
    for _ in range(60):
        catat_peristiwa(Peristiwa.LIHAT, pelaku=pk, objek=sasaran)
    for _ in range(5):
        catat_peristiwa(Peristiwa.LIHAT, pelaku=pk, objek=lain)
    return sasaran


def _url(isi: str) -> list[str]:
    return [unescape(u) for u in _URL.findall(isi)]


def _tanpa_nama(isi: str) -> list[str]:
    """Every address on the page, each checked to hold no part of the name."""
    urls = _url(isi)
    for url in urls:
        for bagian in ("komang", "rahasiawati"):
            assert bagian not in url.lower(), url
    return urls


def _tautan(isi: str, awal: str, *, ada: str = "") -> str:
    (url,) = {u for u in _url(isi) if u.startswith(awal) and ada in u}
    return url


def _csv(resp) -> list[dict]:
    assert resp.status_code == 200
    isi = b"".join(resp.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(isi, newline="")))


def _semua_tentang_nama() -> int:
    """What the free text finds: the 60 views and the client's registration."""
    return JejakAudit.objects.filter(object_repr__icontains=NAMA).count()


def _ekspor_terakhir() -> dict:
    return JejakAudit.objects.filter(jenis=Peristiwa.EKSPOR).latest("pk").additional_data


def test_kata_pencarian_jejak_tidak_masuk_url(client, kabapas, jejak_nama):
    """A search of the trail by a client's name: the form posts, the redirect, the page's
    links, the next page and the export link carry a token, never the name, and find what
    the old GET search found."""
    client.force_login(kabapas)
    sebelum = [e.pk for e in client.get(URL, {"data": NAMA, "jenis": "lihat"}).context["halaman"]]
    assert len(sebelum) == 50  # an old link still works (first page of 60)
    isi = client.get(URL).content.decode()
    assert re.findall(r'<form method="(\w+)" action="/jejak/"', isi) == ["post"]

    resp = client.post(URL, {"data": f"  {NAMA} ", "jenis": "lihat", "pelaku": ""})
    assert resp.status_code == 302
    alamat = resp["Location"]
    assert NAMA.split()[-1] not in alamat and f"{PARAM}=" in alamat and "jenis=lihat" in alamat
    assert "data=" not in alamat and "pelaku" not in alamat  # empty fields left out

    resp = client.get(alamat)
    assert resp.status_code == 200
    assert [e.pk for e in resp.context["halaman"]] == sebelum  # the same results
    assert resp.context["halaman"].paginator.count == 60
    assert resp.context["filter"].form["data"].value() == NAMA  # the field shows the term
    isi = resp.content.decode()
    _tanpa_nama(isi)

    berikut = _tautan(isi, "?", ada="halaman=2")
    assert PARAM in berikut and "jenis=lihat" in berikut
    kedua = client.get(URL + berikut)
    assert len(kedua.context["halaman"]) == 10  # the term still applies on page 2
    _tanpa_nama(kedua.content.decode())

    ekspor = _tautan(isi, URL_EKSPOR)
    assert PARAM in ekspor and "jenis=lihat" in ekspor and "halaman" not in ekspor
    baris = _csv(client.get(ekspor))
    assert len(baris) == 60 and {b["data"] for b in baris} == {str(jejak_nama)}
    # the trail keeps the other filters and "[teks]" for the term: no name, no token
    assert _ekspor_terakhir()["saringan"] == "jenis=lihat&data=%5Bteks%5D"
    assert _ekspor_terakhir()["baris"] == 60


def test_tautan_lama_data_memberi_tautan_bertoken(client, kabapas, jejak_nama):
    """An old `?data=` link still finds what it found, and the page it shows does not copy
    the name into its own page and export links."""
    client.force_login(kabapas)
    resp = client.get(URL, {"data": NAMA})
    jumlah = _semua_tentang_nama()
    assert resp.context["halaman"].paginator.count == jumlah > 60
    isi = resp.content.decode()
    _tanpa_nama(isi)
    kedua = client.get(URL + _tautan(isi, "?", ada="halaman=2")).context["halaman"]
    assert len(kedua) == jumlah - 50
    assert len(_csv(client.get(_tautan(isi, URL_EKSPOR)))) == jumlah
    # an old export link too: the term filters, and the trail gets "[teks]"
    assert len(_csv(client.get(URL_EKSPOR, {"data": NAMA}))) == jumlah
    assert _ekspor_terakhir()["saringan"] == "data=%5Bteks%5D"


def test_token_dari_sesi_lain_tidak_menemukan_apa_pun(client, kabapas, admin_unit, jejak_nama):
    """A copied link carries no term: in another session it finds nothing (and says so),
    and its export is empty, not the whole unfiltered trail."""
    client.force_login(kabapas)
    alamat = client.post(URL, {"data": NAMA})["Location"]
    token = alamat.split(f"{PARAM}=")[1]
    for orang in (admin_unit, kabapas):  # someone else, and the same person logged in again
        client.logout()
        client.force_login(orang)
        resp = client.get(alamat)
        assert resp.status_code == 200 and list(resp.context["halaman"]) == []
        assert "Ketik ulang" in resp.content.decode()
        assert _csv(client.get(URL_EKSPOR, {PARAM: token})) == []
        assert _ekspor_terakhir()["baris"] == 0
        assert _ekspor_terakhir()["saringan"] == "data=%5Bteks%5D"  # no token in the trail
    assert len(_csv(client.get(URL_EKSPOR))) >= 65  # unfiltered, it would have been all


def test_saringan_tidak_sah_lewat_post_diberi_pesan(client, kabapas, jejak_nama):
    client.force_login(kabapas)
    alamat = client.post(URL, {"data": NAMA, "dari": "kemarin", "klien": "abc"})["Location"]
    assert NAMA.split()[-1] not in alamat
    resp = client.get(alamat)
    assert resp.status_code == 200
    isi = resp.content.decode()
    assert "Masukkan tanggal/waktu yang valid." in isi or "Enter a valid" in isi
    assert resp.context["halaman"].paginator.count == _semua_tentang_nama()  # the term applies


def test_halaman_jejak_dengan_pencarian_html_valid(client, kabapas, admin_unit, jejak_nama):
    """The page with a posted term (with its page links) and with an unknown token."""
    pastikan_vnu()
    client.force_login(kabapas)
    alamat = client.post(URL, {"data": NAMA, "jenis": "lihat"})["Location"]
    dokumen = {"dengan kata": client.get(alamat).content.decode()}
    client.force_login(admin_unit)
    dokumen["token tidak dikenal"] = client.get(alamat).content.decode()
    assert "Ketik ulang" in dokumen["token tidak dikenal"]
    assert validasi(dokumen) == {}


def test_nul_dalam_kata_diberi_pesan_bukan_500(client, kabapas, jejak_nama):
    """A NUL byte, posted or in an old link, is kept behind a token and refused by the
    field, not sent to the database (PostgreSQL refuses it in a query)."""
    client.force_login(kabapas)
    alamat = client.post(URL, {"data": "Komang\x00"})["Location"]
    for resp in (client.get(alamat), client.get(URL + "?data=%00")):
        assert resp.status_code == 200
        assert resp.context["filter"].form.errors["data"]
