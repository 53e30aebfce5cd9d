"""Hostile input at the main forms (Hypothesis): never a 500, never a half write, never raw markup.

For the client forms (new, edit), the Pokmas partner registration, the login form, and the
client list search with its CSV export, the properties are:

- the answer is a page or a redirect (200, 302, or 400), never a server error;
- a refused form wrote nothing (row counts unchanged, the edited row unchanged) and says
  why; a NUL character is refused with Django's message, not passed to the database;
- an accepted form wrote exactly the expected rows, holding what was typed (only the
  outer whitespace trimmed, nothing truncated);
- markup sent in comes back escaped, on the form and on every page showing the record;
- no exported CSV cell starts with = + - @ (or tab, CR) unless prefixed with '.

Each example runs in its own savepoint (`satu_contoh`), rolled back afterwards. The number
of examples and the seed come from the Hypothesis profile (tests/keamanan/conftest.py).
"""

import csv
import io
import re
from urllib.parse import quote_from_bytes, urlsplit

from django import forms
from django.db import models
from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from inti.nama import bersihkan_nama
from klien.forms import KlienForm
from klien.models import Klien, PengalihanPK, RiwayatStatus
from klien.pilihan import (
    Agama,
    JenisKelamin,
    Kategori,
    Pendidikan,
    ProgramIntegrasi,
    StatusKlien,
    StatusPerkawinan,
    Tahap,
)
from pokmas.forms import MitraForm
from pokmas.models import LayananMitra, Mitra, PerjanjianKerjaSama, RiwayatStatusMitra
from pokmas.pilihan import BidangLayanan, JenisMitra, KelompokMitra, StatusMitra
from tests.keamanan.strategi import (
    JAHAT,
    MARKUP,
    RUMUS,
    ada_nul,
    angka_jahat,
    kunci_jahat,
    markup_mentah,
    nik_jahat,
    perubahan,
    pilihan_jahat,
    satu_contoh,
    tanggal_jahat,
    teks_jahat,
    terapkan,
)
from tests.klien.factories import KlienFactory, data_form_klien
from tests.pokmas.factories import data_form_mitra

BOLEH = (200, 302, 400)
PESAN_NUL = "Karakter null tidak diizinkan."
KATA_SANDI = "kata-sandi-uji-panjang"  # tests.factories.UserFactory
RUMUS_AWAL = ("=", "+", "-", "@", "\t", "\r")
dengan_fixture = settings(suppress_health_check=[HealthCheck.function_scoped_fixture])


def contoh(ubah: list[dict]):
    """Hypothesis @example for each of `ubah`: cases that run every time."""

    def hias(test):
        for u in reversed(ubah):
            test = example(ubah=u)(test)
        return test

    return hias


def jumlah(*model) -> dict:
    return {m.__name__: m.objects.count() for m in model}


def _field_teks(form_class, model) -> list[str]:
    """The free-text fields of a ModelForm (CharField/TextField without choices)."""
    return [
        f
        for f in form_class._meta.fields
        if isinstance(model._meta.get_field(f), models.CharField | models.TextField)
        and not model._meta.get_field(f).choices
    ]


def _periksa_tolak(form, data) -> None:
    """A refused form says why; text with NUL or past max_length is refused on its field."""
    assert form.errors
    for nama, field in form.fields.items():
        nilai = data.get(nama)
        if not isinstance(field, forms.CharField) or not isinstance(nilai, str):
            continue
        if "\x00" in nilai:
            assert PESAN_NUL in form.errors.get(nama, []), nama
        elif field.max_length and len(nilai.strip()) > field.max_length:
            assert nama in form.errors, nama


# --- Klien: new and edit ------------------------------------------------------------------

URL_KLIEN_BARU = reverse("klien:klien-create")
MODEL_KLIEN = (Klien, RiwayatStatus, PengalihanPK)
TEKS_KLIEN = [f for f in _field_teks(KlienForm, Klien) if f != "nik"]
TANGGAL_KLIEN = [
    f for f in KlienForm._meta.fields if isinstance(Klien._meta.get_field(f), models.DateField)
]
STRATEGI_KLIEN = {
    **dict.fromkeys(TEKS_KLIEN, teks_jahat),
    **dict.fromkeys(TANGGAL_KLIEN, tanggal_jahat),
    "nik": nik_jahat,
    "kategori": pilihan_jahat(Kategori.values),
    "jenis_kelamin": pilihan_jahat(JenisKelamin.values),
    "agama": pilihan_jahat(Agama.values),
    "pendidikan": pilihan_jahat(Pendidikan.values),
    "status_perkawinan": pilihan_jahat(StatusPerkawinan.values),
    "program": pilihan_jahat(ProgramIntegrasi.values),
    "lama_pidana_bulan": angka_jahat,
    "desa": kunci_jahat,
    "lembaga_asal": kunci_jahat,
    "pk_litmas": kunci_jahat,
}
# Not fields of the form (pk_pembimbing is not, for a PK): whatever is sent, the server decides.
STRATEGI_KLIEN_LAIN = {
    "unit": kunci_jahat,
    "pk_pembimbing": kunci_jahat,
    "status": pilihan_jahat(StatusKlien.values),
    "mangkir_berturut": angka_jahat,
    "batas_tahap_akhir": tanggal_jahat,
}


def _periksa_tersimpan(klien: Klien, data: dict) -> None:
    """The stored client holds what was typed, trimmed, not truncated (a name as
    `inti.nama.bersihkan_nama` spells it: NFKC, whitespace collapsed, invisibles dropped)."""
    for f in [*TEKS_KLIEN, "nik"]:
        diketik = str(data.get(f, "")).strip()
        harapan = bersihkan_nama(diketik) if f in Klien.FIELD_NAMA and diketik else diketik
        assert getattr(klien, f) == harapan, f
    assert not ada_nul(*(data.get(f) for f in [*TEKS_KLIEN, "nik"]))


def _halaman_klien_aman(client, klien: Klien, data: dict) -> None:
    """The record's pages render and escape what was stored."""
    for url in (klien.get_absolute_url(), reverse("klien:caseload")):
        resp = client.get(url)
        assert resp.status_code == 200, url
        assert not markup_mentah(resp.content.decode(), *data.values()), url


# Cases that run on every run, whatever Hypothesis draws besides.
CONTOH_KLIEN = [
    {"nama": "<script>alert(1)</script>"},  # accepted: escaped on every page showing it
    {"nama": '"><img src=x onerror=alert(1)>', "nik": "123"},  # refused, echoed in the form
    {"alamat": "Jl. Uji\x00", "pekerjaan": "a\x00b"},  # NUL: Django's message
    {"nama": "x" * 151},
    {"nama": "\u202eevil\u202c 😀 e\u0301\u0301", "alias": "a\u200bb"},
    {"tanggal_lahir": "0001-01-01"},
    {"tanggal_mulai": "2025-02-31"},
    {"tanggal_ekspirasi": "9999-12-31", "tanggal_lapor_berikutnya": "9999-12-31"},
    {"tanggal_putusan": "0001-01-01", "lama_pidana_bulan": "-1"},
    {"desa": "99999999999999999999", "unit": "1", "status": "AKTIF"},
]


@dengan_fixture
@given(ubah=perubahan(STRATEGI_KLIEN | STRATEGI_KLIEN_LAIN))
@contoh(ubah=CONTOH_KLIEN)
def test_form_klien_baru(client, pk, desa, ubah):
    data = terapkan(data_form_klien(desa), ubah)
    with satu_contoh():
        client.force_login(pk)
        sebelum = jumlah(*MODEL_KLIEN)

        resp = client.post(URL_KLIEN_BARU, data)

        assert resp.status_code in BOLEH
        event(f"status {resp.status_code}")
        assert not markup_mentah(resp.content.decode(), *data.values())
        if resp.status_code == 302:
            klien = Klien.objects.get()
            assert resp["Location"] == klien.get_absolute_url()
            assert jumlah(*MODEL_KLIEN) == {**sebelum, "Klien": 1, "RiwayatStatus": 1}
            assert (klien.unit, klien.pk_pembimbing) == (pk.unit, pk)
            assert (klien.status, klien.mangkir_berturut) == (StatusKlien.PENERIMAAN, 0)
            _periksa_tersimpan(klien, data)
            _halaman_klien_aman(client, klien, data)  # the success message included
        else:
            assert jumlah(*MODEL_KLIEN) == sebelum
            _periksa_tolak(resp.context["form"], data)


def _baris(klien: Klien) -> dict:
    return Klien.objects.filter(pk=klien.pk).values().get()


@dengan_fixture
@given(ubah=perubahan(STRATEGI_KLIEN | STRATEGI_KLIEN_LAIN))
@contoh(ubah=[*CONTOH_KLIEN, {"no_register": None}])
def test_form_ubah_klien(client, pk, klien, ubah):
    url = reverse("klien:klien-update", kwargs={"pk": klien.pk})
    awal = {
        **data_form_klien(klien.desa),
        "no_register": klien.no_register,
        "nik": klien.nik,
        "tanggal_mulai": klien.tanggal_mulai.isoformat(),
        "tanggal_ekspirasi": klien.tanggal_ekspirasi.isoformat(),
    }
    data = terapkan(awal, ubah)
    with satu_contoh():
        client.force_login(pk)
        sebelum, baris_sebelum = jumlah(*MODEL_KLIEN), _baris(klien)

        resp = client.post(url, data)

        assert resp.status_code in BOLEH
        event(f"status {resp.status_code}")
        assert not markup_mentah(resp.content.decode(), *data.values())
        assert jumlah(*MODEL_KLIEN) == sebelum  # an edit adds no row
        baris = _baris(klien)
        if resp.status_code == 302:
            tersimpan = Klien.objects.get(pk=klien.pk)
            _periksa_tersimpan(tersimpan, data)
            # what the form does not show stays as it was
            for f in ("unit_id", "pk_pembimbing_id", "status", "mangkir_berturut"):
                assert baris[f] == baris_sebelum[f], f
            _halaman_klien_aman(client, tersimpan, data)
        else:
            assert baris == baris_sebelum
            _periksa_tolak(resp.context["form"], data)


# --- Pokmas: registering a partner ----------------------------------------------------------

URL_MITRA_BARU = reverse("pokmas:mitra-create")
MODEL_MITRA = (Mitra, LayananMitra, RiwayatStatusMitra, PerjanjianKerjaSama)
CENTANG = st.one_of(st.sampled_from(["on", "", "off", "0", "false", "False", "1"]), teks_jahat)
TEKS_MITRA = ["nama", "narahubung", "alamat", "uraian_layanan", "catatan_kriteria"]
STRATEGI_MITRA = {
    **dict.fromkeys(TEKS_MITRA, teks_jahat),
    "telepon": st.one_of(st.from_regex(r"\A\+?[0-9][0-9 ()-]{5,18}\Z"), teks_jahat),
    "email": st.one_of(st.emails().map(str), teks_jahat),
    "jenis": pilihan_jahat(JenisMitra.values),
    "kelompok": pilihan_jahat(KelompokMitra.values),
    "bidang": st.lists(pilihan_jahat(BidangLayanan.values), max_size=4),
    "desa": kunci_jahat,
    **dict.fromkeys(
        [
            "program_kepribadian",
            "program_kemandirian",
            "kriteria_peduli",
            "kriteria_komitmen",
            "kriteria_bersedia",
            "kriteria_sumber_daya",
            "tetap_simpan",
        ],
        CENTANG,
    ),
    "pks-nomor": teks_jahat,
    "pks-tanggal_tanda_tangan": tanggal_jahat,
    "pks-tanggal_mulai": tanggal_jahat,
    "pks-tanggal_selesai": tanggal_jahat,
}
STRATEGI_MITRA_LAIN = {  # not fields of the form
    "unit": kunci_jahat,
    "status": pilihan_jahat(StatusMitra.values),
    "dibuat_oleh": kunci_jahat,
}


@dengan_fixture
@given(ubah=perubahan(STRATEGI_MITRA | STRATEGI_MITRA_LAIN))
@contoh(
    ubah=[
        {"nama": "<script>alert(1)</script>", "narahubung": "'><svg/onload=alert(1)>"},
        {"telepon": "=1+1", "email": '"><img src=x onerror=alert(1)>@x.test'},
        {"catatan_kriteria": "a\x00b"},
        {"bidang": ["pendidikan", "pendidikan", "partai"]},
        {"pks-nomor": "PKS/1", "pks-tanggal_mulai": "2025-02-31"},
        {"unit": "99999999999999999999", "status": "aktif"},
    ]
)
def test_form_pendaftaran_mitra(client, admin_unit, desa, ubah):
    data = terapkan(data_form_mitra(desa), ubah)
    with satu_contoh():
        client.force_login(admin_unit)
        sebelum = jumlah(*MODEL_MITRA)

        resp = client.post(URL_MITRA_BARU, data)

        assert resp.status_code in BOLEH
        event(f"status {resp.status_code}")
        isi = resp.content.decode()
        assert not markup_mentah(isi, *data.values())
        sesudah = jumlah(*MODEL_MITRA)
        if resp.status_code == 302:
            mitra = Mitra.objects.get()
            bidang = set(data["bidang"])
            pks = sesudah["PerjanjianKerjaSama"] - sebelum["PerjanjianKerjaSama"]
            assert sesudah == {
                "Mitra": sebelum["Mitra"] + 1,
                "LayananMitra": sebelum["LayananMitra"] + len(bidang),
                "RiwayatStatusMitra": sebelum["RiwayatStatusMitra"] + 1,
                "PerjanjianKerjaSama": sebelum["PerjanjianKerjaSama"] + pks,
            }
            assert pks in (0, 1)
            if pks:
                assert mitra.perjanjian.get().nomor == data["pks-nomor"].strip()
            assert (mitra.unit, mitra.status, mitra.dibuat_oleh) == (
                admin_unit.unit,
                StatusMitra.KANDIDAT,
                admin_unit,
            )
            assert mitra.nama == bersihkan_nama(data["nama"])
            narahubung = data.get("narahubung", "").strip()
            assert mitra.narahubung == (bersihkan_nama(narahubung) if narahubung else "")
            for f in ("alamat", "uraian_layanan", "catatan_kriteria"):
                assert getattr(mitra, f) == data.get(f, "").strip(), f
            assert set(mitra.layanan.values_list("bidang", flat=True)) == bidang
            assert not ada_nul(
                *(data.get(f) for f in [*TEKS_MITRA, "telepon", "email", "pks-nomor"])
            )
            for url in (mitra.get_absolute_url(), reverse("pokmas:mitra-list")):
                halaman = client.get(url)
                assert halaman.status_code == 200, url
                assert not markup_mentah(halaman.content.decode(), *data.values()), url
        else:
            assert sesudah == sebelum
            form, pks_form = resp.context["form"], resp.context["pks_form"]
            assert form.errors or pks_form.errors
            if form.errors:
                _periksa_tolak(form, data)


# --- Login ------------------------------------------------------------------------------------

URL_MASUK = reverse("akun:login")
NEXT_JAHAT = [
    "//evil.test/",
    "https://evil.test/",
    "javascript:alert(1)",
    "/\\evil.test",
    "\\\\evil.test",
    "http:/evil.test",
    "/klien/",
    "http://testserver/pokmas/mitra/",
]


def _di_situs_ini(lokasi: str) -> bool:
    """A redirect that stays on this site. (Not url_has_allowed_host_and_scheme: it refuses
    any URL over 2048 characters, and a long `next` is escaped into a longer Location.)"""
    bagian = urlsplit(lokasi)
    return (
        bagian.scheme in ("", "http", "https")
        and bagian.netloc in ("", "testserver")
        and not lokasi.startswith(("/\\", "\\"))  # browsers read \ as /
    )


@dengan_fixture
@given(
    username=st.one_of(st.just("pk-uji"), teks_jahat),
    password=st.one_of(st.just(KATA_SANDI), teks_jahat),
    next_=st.one_of(st.none(), st.sampled_from(NEXT_JAHAT), teks_jahat),
)
@example(username="pk-uji", password=KATA_SANDI, next_="https://evil.test/")
@example(username="pk-uji", password=KATA_SANDI, next_="/\\evil.test")
@example(username="pk-uji", password=KATA_SANDI, next_="/klien/?" + "<b>" * 600)
@example(username='"><img src=x onerror=alert(1)>', password="x", next_="//evil.test")
@example(username="pk-uji\x00", password=KATA_SANDI, next_=None)
def test_form_masuk(pk, username, password, next_):
    data = {"username": username, "password": password}
    if next_ is not None:
        data["next"] = next_
    with satu_contoh():
        client = Client()  # a fresh browser: no session left from another example

        resp = client.post(URL_MASUK, data)

        assert resp.status_code in BOLEH
        event(f"status {resp.status_code}")
        benar = (username, password) == ("pk-uji", KATA_SANDI)
        if resp.status_code == 302:
            assert benar
            assert _di_situs_ini(resp["Location"]), resp["Location"]  # whatever `next` said
        else:
            assert not benar  # a right login goes on, wherever `next` points
            isi = resp.content.decode()
            assert not markup_mentah(isi, username, password, next_)
            [kotak_sandi] = re.findall(r'<input type="password"[^>]*>', isi)
            assert "value=" not in kotak_sandi  # the password is never sent back
            assert resp.context["form"].errors
            if "\x00" in username:
                assert PESAN_NUL in resp.context["form"].errors["username"]


def test_nama_pengguna_terlalu_panjang_ditolak_di_form(client, pk):
    """Django's AuthenticationForm never checks the username's length; an over-long one
    reached django-axes' 255-character column and was a 500 on PostgreSQL."""
    client.raise_request_exception = False
    resp = client.post(URL_MASUK, {"username": "x" * 256, "password": KATA_SANDI})

    assert resp.status_code == 200
    assert "username" in resp.context["form"].errors


# --- Client list: search and CSV export -----------------------------------------------------

URL_DAFTAR = reverse("klien:klien-list")
URL_EKSPOR = reverse("klien:klien-ekspor")
PARAM_DAFTAR = {
    "q": teks_jahat,
    "status": pilihan_jahat(StatusKlien.values),
    "program": pilihan_jahat(ProgramIntegrasi.values),
    "tahap": pilihan_jahat(Tahap.values),
    "kategori": pilihan_jahat(Kategori.values),
    "pk_pembimbing": kunci_jahat,
    "kabupaten": kunci_jahat,
    "kecamatan": kunci_jahat,
    "halaman": angka_jahat,
}
# Stored as an import or an older version might have stored them: anything but NUL
# (PostgreSQL cannot hold it), within the column's length.
tersimpan = st.one_of(st.sampled_from(RUMUS + MARKUP + JAHAT), teks_jahat).map(
    lambda s: s.replace("\x00", "")
)
byte_mentah = st.binary(max_size=40).map(lambda b: quote_from_bytes(b, safe=""))


def _sel(asli: str) -> str:
    """The CSV cell of a stored value (issue 10): an apostrophe at each place a spreadsheet
    could start a cell (the value's start, and after every `,`, `;`, tab or line break in
    it) when a formula character follows there, after any spaces or quotes."""
    keluar = []
    for i, c in enumerate(asli):
        if (i == 0 or asli[i - 1] in ",;\t\r\n") and asli[i:].lstrip(' "')[:1] in RUMUS_AWAL:
            keluar.append("'")
        keluar.append(c)
    return "".join(keluar)


def _baca_csv(resp) -> list[list[str]]:
    assert resp.status_code == 200
    assert resp["Content-Type"].startswith("text/csv")
    isi = b"".join(resp.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(isi, newline="")))


@dengan_fixture
@given(
    params=st.fixed_dictionaries({}, optional=PARAM_DAFTAR),
    kueri_mentah=st.one_of(st.none(), byte_mentah),
    isian=st.lists(st.tuples(tersimpan, tersimpan), max_size=3, unique_by=lambda t: t[1][:50]),
)
@example(params={}, kueri_mentah=None, isian=[("=1+1", "@SUM(A1)"), ("-2+3", "+62")])
@example(params={"q": "<script>alert(1)</script>", "halaman": "-1"}, kueri_mentah=None, isian=[])
@example(params={}, kueri_mentah="%FF%FE%00", isian=[("<script>alert(1)</script>", "\t=1")])
def test_cari_dan_ekspor_klien(client, kasi, admin_unit, pk, desa, params, kueri_mentah, isian):
    with satu_contoh():
        dibuat = [
            KlienFactory(pk_pembimbing=pk, desa=desa, nama=nama[:150], no_register=noreg[:50])
            for nama, noreg in isian
        ]
        nilai = [*params.values(), *(k.nama for k in dibuat), *(k.no_register for k in dibuat)]
        for orang in (kasi, admin_unit):  # NIK masked for the Kasi, in full for the admin
            client.force_login(orang)
            for url in (URL_DAFTAR, URL_EKSPOR):
                if kueri_mentah is None:
                    resp = client.get(url, params)
                else:  # bytes that may not be UTF-8 at all
                    resp = client.get(f"{url}?q={kueri_mentah}&status={kueri_mentah}")
                assert resp.status_code in BOLEH, url
                if url == URL_DAFTAR:
                    assert resp.status_code == 200
                    assert not markup_mentah(resp.content.decode(), *nilai)
                    continue
                baris = _baca_csv(resp)
                assert {"no_register", "nama", "nik"} <= set(baris[0])  # the columns' keys
                reg, nm = baris[0].index("no_register"), baris[0].index("nama")
                for sel in (s for b in baris[1:] for s in b):
                    assert not sel.startswith(RUMUS_AWAL), sel
                # what is exported is what is stored, behind a ' exactly when it is needed
                disimpan = [(_sel(k.no_register), _sel(k.nama)) for k in dibuat]
                for b in baris[1:]:
                    assert (b[reg], b[nm]) in disimpan, b
                if not params and kueri_mentah is None:
                    assert len(baris) - 1 == len(dibuat)


def test_pemeriksaan_tidak_hampa(client, pk, kasi, desa):
    """The checks above can fail: markup is echoed (escaped) where they look, and a raw
    echo or a formula cell would be caught."""
    skrip = MARKUP[0]
    assert markup_mentah(f"<p>{skrip}</p>", f"x{skrip}") == [skrip]
    assert markup_mentah(f"<p>{escape(skrip)}</p>", f"x{skrip}") == []
    for luar in ("//evil.test/", "https://evil.test/", "/\\evil.test", "javascript:alert(1)"):
        assert not _di_situs_ini(luar), luar
    assert _di_situs_ini("/klien/") and _di_situs_ini("http://testserver/klien/")
    client.force_login(pk)
    resp = client.post(URL_KLIEN_BARU, data_form_klien(desa, nama=skrip), follow=True)
    isi = resp.content.decode()
    assert escape(skrip) in isi and skrip not in isi
    KlienFactory(pk_pembimbing=pk, desa=desa, nama="=1+1", no_register="@A1")
    client.force_login(kasi)
    baris = _baca_csv(client.get(URL_EKSPOR, {"q": "=1+1"}))
    reg, nm = baris[0].index("no_register"), baris[0].index("nama")
    assert [[b[reg], b[nm]] for b in baris[1:]] == [["'@A1", "'=1+1"]]


def test_properti_mencakup_semua_pilihan_dan_field():
    """The strategies cover every field of the forms they attack (a new field joins them)."""
    assert set(KlienForm._meta.fields) - {"pk_pembimbing"} <= set(STRATEGI_KLIEN)
    assert set(MitraForm._meta.fields) | {"bidang", "tetap_simpan"} <= set(STRATEGI_MITRA)
