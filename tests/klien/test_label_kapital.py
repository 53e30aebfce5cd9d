"""Labels start with a capital in both languages, wherever a field's verbose name (lower
case by Django's convention; its English translation too) is printed as a label: the terms
of a detail page, and the client list's indicator filter."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from tests.pembimbingan.factories import ProgramFactory, SesiFactory


def _label(html: str) -> list[str]:
    """The text of every <dt> and <option>, tags dropped."""
    return [
        " ".join(re.sub(r"<[^>]+>", " ", isi).split())
        for isi in re.findall(r"<(?:dt|option)\b[^>]*>(.*?)</(?:dt|option)>", html, re.S)
    ]


def _halaman(client, user, url: str, bahasa: str) -> list[str]:
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = bahasa
    resp = client.get(url)
    assert resp.status_code == 200
    label = _label(resp.content.decode())
    kecil = [t for t in label if t[:1].islower()]
    assert not kecil, kecil
    return label


@pytest.mark.parametrize(
    ("bahasa", "harapan"),
    [
        ("id", {"Lapas/Rutan asal", "PK pembimbing"}),
        ("en", {"Originating prison/detention centre", "Supervising PK"}),
    ],
)
def test_halaman_klien(client, pk, klien, bahasa, harapan):
    assert harapan <= set(_halaman(client, pk, klien.get_absolute_url(), bahasa))


@pytest.mark.parametrize(("bahasa", "harapan"), [("id", "PK pencatat"), ("en", "Recording PK")])
def test_halaman_sesi(client, pk, unit, bahasa, harapan):
    sesi = SesiFactory(program=ProgramFactory(unit=unit), pk_pencatat=pk)
    url = reverse("pembimbingan:sesi-detail", kwargs={"pk": sesi.pk})
    assert harapan in _halaman(client, pk, url, bahasa)


@pytest.mark.parametrize(
    ("bahasa", "harapan"),
    [
        ("id", "Bekerja atau berwirausaha – Awal bimbingan"),
        ("en", "Employed or self-employed – Start of guidance"),
    ],
)
def test_saringan_indikator_daftar_klien(client, kasi, bahasa, harapan):
    assert harapan in _halaman(client, kasi, reverse("klien:klien-list"), bahasa)
