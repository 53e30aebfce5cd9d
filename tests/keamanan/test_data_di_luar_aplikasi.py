"""Issue 10, finding 7: personal data in places outside the application.

- Page titles end up in browser history, tab bars and bookmarks: a client's page is titled
  with the register number, never the name.
- URLs end up in browser history and in a proxy's access log: a typed search term (a name
  or NIK) is posted and travels as an opaque session token (inti.pencarian), never in a
  URL the application sends.
- gunicorn's own access and error logs mask NIK-like numbers, as the application log does.
"""

import re
import runpy
from datetime import timedelta
from html import unescape
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.urls import get_resolver, reverse

from inti.pencarian import PARAM
from inti.samaran import SAMARAN
from tests.klien.factories import KlienFactory

NAMA = "Ni Komang Rahasiawati"
NIK = "5107014507900003"

_TITLE = re.compile(r"<title>(.*?)</title>", re.S)
_URL = re.compile(r'(?:href|action|src)="([^"]*)"')


def _judul(isi: str) -> str:
    return unescape(_TITLE.search(isi)[1])


# klien URLs with a `pk` that is not a page about one client: an institution of the
# reference list, and a confirmation that is only posted.
BUKAN_HALAMAN_KLIEN = {"klien:lembaga-update", "klien:klien-akhiri-ekspirasi"}
# A revocation proposal's pages take the proposal's `pk`, each at the stage its step follows.
TAHAP_USULAN = {
    "klien:usulan-detail": "DIUSULKAN",
    "klien:usulan-tpp": "DIUSULKAN",
    "klien:usulan-tarik": "DIUSULKAN",
    "klien:usulan-putuskan": "DIREKOMENDASIKAN",
    "klien:usulan-sk": "SEMENTARA",
    "klien:usulan-pulihkan": "SEMENTARA",
}
URUTAN_TAHAP = ("DIUSULKAN", "DIREKOMENDASIKAN", "SEMENTARA")


def _url_klien() -> list[str]:
    """Every URL name of the client register that shows one client (takes its `pk`, or the
    `pk` of a proposal about the client), a proposal's pages in the order of its stages."""
    resolver = get_resolver().namespace_dict["klien"][1]
    nama = {f"klien:{p.name}" for p in resolver.url_patterns if "pk" in p.pattern.converters}
    tahap = {n: URUTAN_TAHAP.index(TAHAP_USULAN[n]) if n in TAHAP_USULAN else -1 for n in nama}
    return sorted(nama - BUKAN_HALAMAN_KLIEN, key=lambda n: (tahap[n], n))


def _majukan(usulan, ke: str, kasi, kabapas):
    """Move a proposal on to stage `ke` through the workflow's services."""
    from django.utils import timezone

    from klien import pencabutan

    hari_ini = timezone.localdate()
    if usulan.tahap == "DIUSULKAN" and ke != "DIUSULKAN":
        usulan = pencabutan.usulan_catat_tpp(
            usulan=usulan, oleh=kasi, nomor="TPP-1", tanggal=hari_ini, merekomendasikan=True
        )
    if usulan.tahap == "DIREKOMENDASIKAN" and ke == "SEMENTARA":
        usulan = pencabutan.usulan_putuskan(
            usulan=usulan,
            oleh=kabapas,
            setuju=True,
            nomor="K-1",
            tanggal=hari_ini,
            laporan_nomor="L-1",
            laporan_tanggal=hari_ini,
        )
    return usulan


def test_judul_setiap_halaman_klien_memuat_no_register_bukan_nama(
    client, pk, kasi, kabapas, admin_unit, desa
):
    from klien import pencabutan

    klien = KlienFactory(pk_pembimbing=pk, desa=desa, nama=NAMA, alias="Komang R")
    urls = _url_klien()
    assert {"klien:klien-detail", "klien:klien-update", "klien:data-subjek"} <= set(urls)
    assert set(TAHAP_USULAN) <= set(urls)
    usulan = None
    dilihat = set()
    for nama_url in urls:
        pk_url = klien.pk
        if nama_url in TAHAP_USULAN:
            usulan = usulan or pencabutan.usulan_ajukan(
                klien=klien,
                oleh=pk,
                alasan="ALAMAT",
                tanggal_kejadian=klien.tanggal_mulai,
                uraian="Pindah tanpa lapor.",
                bukti="Kunjungan rumah.",
            )
            usulan = _majukan(usulan, TAHAP_USULAN[nama_url], kasi, kabapas)
            pk_url = usulan.pk
        url = reverse(nama_url, kwargs={"pk": pk_url})
        for orang in (pk, kabapas, admin_unit):  # the first role that may open the page
            client.force_login(orang)
            resp = client.get(url)
            if resp.status_code == 200:
                break
        assert resp.status_code == 200, nama_url
        isi = resp.content.decode()
        assert NAMA in isi  # the name is on the page itself ...
        judul = _judul(isi)
        for bocor in (NAMA, "Komang", "Rahasiawati"):  # ... but not in its title
            assert bocor not in judul, (nama_url, judul)
        assert klien.no_register in judul, (nama_url, judul)
        dilihat.add(nama_url)
    assert dilihat == set(urls)


def test_kata_pencarian_tidak_pernah_masuk_url(client, kasi, pk, desa):
    """A search by name with enough results to page through: no address the application
    sends (redirect, form action, page links, export links) carries the name or a NIK."""
    for i in range(30):
        KlienFactory(pk_pembimbing=pk, desa=desa, nama=f"{NAMA} {i:02d}")
    client.force_login(kasi)
    daftar = reverse("klien:klien-list")

    isi = client.get(daftar).content.decode()
    (form,) = re.findall(r'<form method="(\w+)" action="/klien/"', isi)
    assert form == "post"  # the search form is not sent by GET

    for kata in (NAMA, NIK):
        resp = client.post(daftar, {"q": kata, "status": "AKTIF"})
        assert resp.status_code == 302
        alamat = resp["Location"]
        assert kata not in alamat and PARAM in alamat
        halaman = [client.get(alamat)]
        if kata == NAMA:
            assert halaman[0].context["halaman"].paginator.count == 30
            berikut = [u for u in _URL.findall(halaman[0].content.decode()) if "halaman=2" in u]
            assert berikut, "no link to the second page"
            halaman.append(client.get(daftar + unescape(berikut[0])))
            assert len(halaman[1].context["halaman"]) == 5  # the term still applies
        for resp in halaman:
            for url in _URL.findall(resp.content.decode()):
                url = unescape(url)
                assert "rahasiawati" not in url.lower(), url
                assert "5107" not in url, url


@pytest.fixture
def log_gunicorn(tmp_path):
    """gunicorn's logger as gunicorn.conf.py configures it, writing to files."""
    from gunicorn.config import Config

    conf = runpy.run_path(str(settings.BASE_DIR / "gunicorn.conf.py"))
    cfg = Config()
    for nama in ("access_log_format", "logger_class"):
        if nama in conf:
            cfg.set(nama, conf[nama])
    akses, galat = tmp_path / "akses.log", tmp_path / "galat.log"
    cfg.set("accesslog", str(akses))
    cfg.set("errorlog", str(galat))
    log = cfg.logger_class(cfg)
    yield log, akses, galat
    # gunicorn's loggers are global: leave them as found (other tests inspect every handler)
    for lg in (log.access_log, log.error_log):
        for h in list(lg.handlers):
            lg.removeHandler(h)
            h.close()


def _akses(log, path: str, *, status="404 Not Found", sent=11621) -> None:
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": path + f"?q={NIK}",
        "PATH_INFO": path,
        "QUERY_STRING": f"q={NIK}",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "10.0.0.7",
        "HTTP_REFERER": f"https://bapas.test/klien/?q={NIK}",
    }
    resp = SimpleNamespace(status=status, headers=[], sent=sent)
    req = SimpleNamespace(headers=[("HOST", "bapas.test")])
    log.access(resp, req, environ, timedelta(seconds=0, microseconds=12345))


def test_log_akses_gunicorn_menyamarkan_nik_di_path(log_gunicorn):
    log, akses, galat = log_gunicorn
    _akses(log, f"/klien/{NIK}/")
    _akses(log, "/klien/5107 0145 0790 0003/", status="302 Found", sent=0)
    _akses(log, "/klien/12/")  # an ordinary path stays readable
    baris = akses.read_text().splitlines()
    assert len(baris) == 3
    for b in baris:
        assert NIK not in b and "0790" not in b, b
    assert f'"GET /klien/{SAMARAN}/" 404 11621 0.012345s' in baris[0]
    assert f'"GET /klien/{SAMARAN}/" 302 0 ' in baris[1]  # status and size never masked
    assert '"GET /klien/12/" 404 11621 ' in baris[2]

    # should an operator log the request line, query string or referrer: masked too
    log.cfg.set("access_log_format", "%(r)s %(q)s %(f)s %(s)s %(b)s")
    _akses(log, f"/klien/{NIK}/")
    terakhir = akses.read_text().splitlines()[-1]
    assert NIK not in terakhir and terakhir.endswith(" 404 11621"), terakhir

    # the error log (e.g. a malformed request line quoted by gunicorn)
    log.error("Invalid request from ip=10.0.0.7: Invalid HTTP request line: 'GET /%s'", NIK)
    isi = galat.read_text()
    assert "Invalid HTTP request line" in isi and NIK not in isi and SAMARAN in isi
