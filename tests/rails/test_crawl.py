"""The page crawl: every matrix row, as every role, against the demo data.

Checks (a) the status each role gets is the one the matrix expects, and (b) every HTML page
rendered on the way (error pages included) is valid HTML according to the Nu HTML Checker.
This is the one place HTML is validated: the pages a GET as a demo role cannot reach (the
two-step verification states, the 500 and 503 pages) are rendered by `halaman_tambahan` and
checked in the same single run of the checker, so unit tests never start the JVM themselves.
"""

import re
from datetime import timedelta

import pytest
import time_machine
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp

from akun.otp.models import PerangkatKodeCadangan, PerangkatTOTP
from akun.otp.rahasia import sidik
from tests.matrix import AKUN_DEMO, MATRIX, PERAN_UJI, Baris, Dunia, hanya
from tests.rails.vnu import pastikan_vnu, validasi

pytestmark = pytest.mark.slow


def _dunia(ctx) -> Dunia:
    return Dunia(pengguna={peran: ctx.pengguna[username] for peran, username in AKUN_DEMO.items()})


@pytest.fixture
def dunia(demo):
    """The demo as the `demo` fixture loads it (30 clients): the snapshot the browser tests
    and the other demo users restore too, so a test process runs the demo once for all."""
    return _dunia(demo)


@pytest.fixture
def dunia_kecil(dunia):
    """For a row that needs the demo's people only: the same world."""
    return dunia


def _klien_untuk(dunia: Dunia, peran: str) -> Client:
    client = Client()
    if peran != "anon":
        client.force_login(dunia[peran])
    return client


def jelajahi(dunia: Dunia, matrix=MATRIX) -> tuple[list[str], dict[str, str]]:
    salah: list[str] = []
    halaman: dict[str, str] = {}
    klien = {peran: _klien_untuk(dunia, peran) for peran in PERAN_UJI}
    for baris in matrix:
        url = reverse(baris.url_name, kwargs=baris.kwargs(dunia)) + baris.query
        for peran in PERAN_UJI:
            resp = klien[peran].get(url)
            harap = baris.status[peran]
            if resp.status_code != harap:
                salah.append(
                    f"{peran:>9} GET {url} ({baris.url_name}): {resp.status_code}, expected {harap}"
                )
            html = resp.get("Content-Type", "").startswith("text/html") and resp.content
            if html and (baris.halaman or resp.status_code in (403, 404)):
                halaman[f"{peran} {url} [{resp.status_code}]"] = resp.content.decode()
    return salah, halaman


def _halaman_otp(dunia: Dunia) -> dict[str, object]:
    """The two-step verification states a plain GET never shows (they need an authenticator,
    a wrong code, or a POST). Run after the crawl: it gives the demo PKs devices."""
    token, daftar, keamanan = (
        reverse("akun:otp-verifikasi"),
        reverse("akun:otp-daftar"),
        reverse("akun:keamanan"),
    )
    pk = dunia["pk"]
    perangkat = PerangkatTOTP.objects.create(user=pk, name="uji", confirmed=True)
    cadangan = PerangkatKodeCadangan(user=pk, name="Kode cadangan", confirmed=True)
    cadangan.isi_kode(["abcd2345"])
    cadangan.save()
    pk.otp_aktif = True
    pk.save(update_fields=["otp_aktif"])

    awal = timezone.now().replace(microsecond=0)
    awal -= timedelta(seconds=awal.second % 30)  # the start of a 30-second TOTP step
    halaman = {}
    with time_machine.travel(awal, tick=False) as jam:
        c = _klien_untuk(dunia, "pk")
        halaman["otp: kode"] = c.get(token + "?next=" + reverse("klien:caseload"))
        halaman["otp: kode salah"] = c.post(token, {"kode": "12"})
        jam.shift(2)  # past the throttle of one wrong code
        assert c.post(token, {"kode": f"{totp(perangkat.bin_key):06d}"}).status_code == 302
        halaman["otp: keamanan, aktif"] = c.get(keamanan)
        halaman["otp: kode cadangan baru"] = c.post(reverse("akun:otp-kode-cadangan"))
        # enrolment with a wrong code (the enrolment page itself is in the crawl)
        c = _klien_untuk(dunia, "pk_lain")
        c.get(daftar)
        halaman["otp: daftar, kode salah"] = c.post(daftar, {"kode": "1"})
    # the states were really reached, not a redirect or an empty form
    isi = {n: r.content.decode() for n, r in halaman.items()}
    assert {n: r.status_code for n, r in halaman.items()} == dict.fromkeys(halaman, 200)
    assert 'name="kode"' in isi["otp: kode"]
    assert "Kode tidak cocok" in isi["otp: kode salah"]
    # the ten codes shown are the ones stored (as keyed hashes)
    kode = re.findall(r'<code class="fs-5">([a-z0-9]+)</code>', isi["otp: kode cadangan baru"])
    tersimpan = PerangkatKodeCadangan.objects.get(user=pk).sidik
    assert len(kode) == 10 and sorted(sidik(k) for k in kode) == sorted(tersimpan)
    assert "Kode tidak cocok" in isi["otp: daftar, kode salah"]
    return isi


def _halaman_ekspor_latar(dunia: Dunia) -> dict[str, object]:
    """A client export above the threshold (its page with the count and the button), and a
    monthly report made by a background job, done (its page with the download link)."""
    from django.test import override_settings

    from tests.pekerjaan.unduhan import jalankan_ekspor

    kasi = _klien_untuk(dunia, "kasi")
    with override_settings(EKSPOR_LATAR_AMBANG=1):
        besar = kasi.get(reverse("klien:klien-ekspor-xlsx") + "?status=AKTIF")
    assert besar.status_code == 200, besar.status_code
    p = jalankan_ekspor(kasi, reverse("laporan:bulanan-pdf"))
    selesai = kasi.get(p.get_absolute_url())
    assert selesai.status_code == 200 and "Pekerjaan selesai." in selesai.content.decode()
    return {
        "ekspor klien besar": besar.content.decode(),
        "pekerjaan laporan bulanan selesai": selesai.content.decode(),
    }


def halaman_tambahan(dunia: Dunia) -> dict[str, str]:
    """Documents the crawl validates besides the matrix pages: states no GET reaches."""
    from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent

    from bapas.basisdata import halaman_503
    from bapas.errors import server_error, terlalu_besar

    galat = server_error(RequestFactory().get("/"))
    besar = terlalu_besar(RequestDataTooBig())
    banyak = terlalu_besar(TooManyFieldsSent())
    assert (galat.status_code, besar.status_code, banyak.status_code) == (500, 413, 400)
    return {
        **_halaman_otp(dunia),
        **_halaman_ekspor_latar(dunia),
        "500": galat.content.decode(),
        "503 (basis data tak terjangkau)": halaman_503().content.decode(),
        "413 (kiriman terlalu besar)": besar.content.decode(),
        "400 (terlalu banyak isian)": banyak.content.decode(),
    }


# The crawl in parts, so that the test processes share it (each part restores the demo and
# runs the checker once; the extra pages go with the first part).
BAGIAN = 2


@pytest.mark.parametrize("bagian", range(BAGIAN))
def test_setiap_halaman_sesuai_matrix_dan_html_valid(dunia, bagian):
    pastikan_vnu()
    matrix = MATRIX[bagian::BAGIAN]
    salah, halaman = jelajahi(dunia, matrix)
    assert not salah, "Statuses differ from the permission matrix:\n" + "\n".join(salah)
    assert len(halaman) >= len([b for b in matrix if b.halaman])
    tambahan = halaman_tambahan(dunia) if bagian == 0 else {}
    errors = validasi({**halaman, **tambahan})  # one run of the checker for everything
    laporan = "\n".join(f"{nama}:\n  " + "\n  ".join(e) for nama, e in errors.items())
    assert not errors, "Invalid HTML:\n" + laporan


def test_penjelajah_melaporkan_peran_yang_mencapai_halaman_terlarang(dunia_kecil):
    # a matrix that wrongly says a PK may open the office dashboard must fail the crawl
    salah_harap = Baris("laporan:dashboard", {**hanya("kasi", "kasi_lain", "kabapas"), "pk": 200})
    salah, _ = jelajahi(dunia_kecil, [salah_harap])
    assert salah == [
        "       pk GET /laporan/dasbor/ (laporan:dashboard): 403, expected 200",
    ]
