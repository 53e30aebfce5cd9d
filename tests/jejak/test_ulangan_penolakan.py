"""Refusals are still recorded, but a repeat within the minute is counted on the first entry
instead of written again (issue 10, finding 11). The trail stays append-only: the count
lives in jejak.UlanganPenolakan beside the entry."""

import codecs
import csv
import io
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.db.models import QuerySet
from django.urls import reverse

from jejak.models import JejakAudit, Peristiwa, UlanganPenolakan
from jejak.services import catat_peristiwa

MENIT = datetime(2026, 3, 2, 4, 5, 7, tzinfo=UTC)


def _ditolak(**saring):
    return list(JejakAudit.objects.filter(jenis=Peristiwa.DITOLAK, **saring).order_by("pk"))


@pytest.fixture
def jam():
    with time_machine.travel(MENIT, tick=False) as jam:
        yield jam


def _tolak_klien(client, mulai, n):
    """`n` ids that are not the user's: each a 404 on the pattern klien/<int:pk>/."""
    for i in range(mulai, mulai + n):
        assert client.get(reverse("klien:klien-detail", args=[900_000 + i])).status_code == 404


def test_lima_puluh_penolakan_satu_pola_satu_menit_satu_entri(client, pk, jam):
    client.force_login(pk)
    _tolak_klien(client, 0, 50)
    (e,) = _ditolak()
    assert e.jumlah == 50
    # the entry is the first refusal's, as it was written; the count sits beside it
    assert e.additional_data == {
        "path": reverse("klien:klien-detail", args=[900_000]),
        "metode": "GET",
        "status": 404,
    }
    assert e.ulangan.pola == "GET 404 /klien/<int:pk>/"
    assert e.ulangan.menit == MENIT.replace(second=0)


def test_menit_baru_pola_lain_atau_pengguna_lain_entri_baru(client, pk, pk_lain, jam):
    client.force_login(pk)
    _tolak_klien(client, 0, 3)
    jam.shift(timedelta(seconds=50))  # 04:05:57, the same minute
    _tolak_klien(client, 3, 2)
    jam.shift(timedelta(seconds=5))  # 04:06:02, a new minute
    _tolak_klien(client, 5, 4)
    assert [e.jumlah for e in _ditolak()] == [5, 4]

    # another pattern (a 403 on the trail page), another status or method, in this minute
    for _ in range(3):
        assert client.get(reverse("jejak:cari")).status_code == 403
    assert client.post(reverse("jejak:cari")).status_code == 403
    # an address that matched no pattern: its ids replaced, so these are one
    for i in range(4):
        assert client.get(f"/tidak-ada/{i}/berkas-{i}.php").status_code == 404
    # another user
    client.force_login(pk_lain)
    _tolak_klien(client, 0, 2)

    hasil = {(e.actor_id, e.ulangan.pola): e.jumlah for e in _ditolak()[2:]}
    assert hasil == {
        (pk.pk, "GET 403 /jejak/"): 3,
        (pk.pk, "POST 403 /jejak/"): 1,
        (pk.pk, "GET 404 /tidak-ada/<id>/<id>"): 4,
        (pk_lain.pk, "GET 404 /klien/<int:pk>/"): 2,
    }


def test_halaman_dan_ekspor_jejak_menunjukkan_jumlah(client, pk, kabapas, jam):
    client.force_login(pk)
    _tolak_klien(client, 0, 50)
    catat_peristiwa(Peristiwa.EKSPOR, pelaku=pk, data={"berkas": "x.csv"})

    client.force_login(kabapas)
    html = client.get(reverse("jejak:cari")).content.decode()
    assert html.count("50 kali") == 1
    assert " 1 kali" not in html  # an event that happened once carries no count

    resp = client.get(reverse("jejak:ekspor"))
    isi = b"".join(resp.streaming_content)
    assert isi.startswith(codecs.BOM_UTF8)
    baris = list(csv.DictReader(io.StringIO(isi.decode("utf-8-sig"), newline="")))
    jumlah = {(b["peristiwa"], b["jumlah"]) for b in baris}
    assert ("ditolak", "50") in jumlah and ("ekspor", "1") in jumlah
    assert {n for p, n in jumlah if p != "ditolak"} == {"1"}


def test_ulangan_tidak_menulis_ke_jejak(client, pk, jam):
    client.force_login(pk)
    _tolak_klien(client, 0, 1)
    sebelum = JejakAudit.objects.count()
    _tolak_klien(client, 1, 20)
    assert JejakAudit.objects.count() == sebelum  # append-only: nothing new, nothing changed
    (u,) = UlanganPenolakan.objects.all()
    assert u.jumlah == 21


def test_penolakan_serentak_dihitung_pada_entri_yang_pertama_tersimpan(
    client, pk, jam, monkeypatch
):
    """Two identical refusals at the same moment: both see no entry for the minute, the
    other one stores its entry first. Ours gives way (its entry goes back with the
    savepoint) and counts as a repeat of that one."""
    asli = QuerySet.update
    balapan = []

    def update(self, **kwargs):
        n = asli(self, **kwargs)
        if self.model is UlanganPenolakan and not balapan:
            lain = catat_peristiwa(Peristiwa.DITOLAK, pelaku=pk, data={"path": "lain"})
            balapan.append(
                UlanganPenolakan.objects.create(
                    entri=lain,
                    pelaku_id=pk.pk,
                    pola="GET 404 /klien/<int:pk>/",
                    menit=MENIT.replace(second=0),
                )
            )
        return n

    monkeypatch.setattr(QuerySet, "update", update)
    client.force_login(pk)
    _tolak_klien(client, 0, 1)
    (e,) = _ditolak()
    assert e.additional_data == {"path": "lain"} and e.jumlah == 2
