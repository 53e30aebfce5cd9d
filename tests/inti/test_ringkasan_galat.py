"""The error summary of long forms (inti.galat, templates/_ringkasan_galat.html): one box at
the top, role=alert, a focusable heading, every error a link to its field's control on the
same page, the errors of the whole form too; what was typed stays in the fields."""

from html.parser import HTMLParser

from django import forms
from django.template import Context, Template
from django.urls import reverse

from inti.galat import galat_form
from tests.factories import DesaFactory
from tests.klien.factories import data_form_klien


class _Halaman(HTMLParser):
    """The ids of a page, and the summary's heading and links."""

    def __init__(self, html: str):
        super().__init__()
        self.id: set[str] = set()
        self.ringkasan: list[dict] = []  # the summary boxes' attributes
        self.judul: list[dict] = []
        self.tautan: list[str] = []
        self._dalam = 0
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.id.add(a["id"])
        if "data-ringkasan-galat" in a:
            self.ringkasan.append(a)
            self._dalam = 1
        elif self._dalam:
            self._dalam += tag not in ("br", "img", "input")
            if tag == "h2":
                self.judul.append(a)
            if tag == "a":
                self.tautan.append(a["href"])

    def handle_endtag(self, tag):
        if self._dalam:
            self._dalam -= 1


def _periksa(resp, *field_id: str) -> _Halaman:
    assert resp.status_code == 200
    h = _Halaman(resp.content.decode())
    assert len(h.ringkasan) == 1 and h.ringkasan[0]["role"] == "alert"
    assert h.judul == [{"class": "h5", "id": "ringkasan-galat", "tabindex": "-1"}]
    assert "Ada masalah" in resp.content.decode()
    for tautan in h.tautan:  # every link lands on the page
        assert tautan.startswith("#") and tautan[1:] in h.id, tautan
    for f in field_id:
        assert f"#{f}" in h.tautan, (f, h.tautan)
    return h


def test_form_klien_meringkas_galat_dan_menyimpan_isian(client, kasi, pk, unit):
    desa = DesaFactory()
    unit.wilayah_kerja.add(desa.kecamatan.kabupaten)
    client.force_login(kasi)
    data = data_form_klien(
        desa, pk_pembimbing=pk.pk, nama="", no_sk="", tanggal_lahir="2999-01-01", alamat="Br. X"
    )
    resp = client.post(reverse("klien:klien-create"), data)
    _periksa(resp, "id_nama", "id_no_sk", "id_tanggal_lahir")
    isi = resp.content.decode()
    assert 'value="Br. X"' in isi and 'value="Penipuan"' in isi  # what was typed stays


def test_tanpa_galat_tanpa_ringkasan(client, kasi):
    client.force_login(kasi)
    assert "data-ringkasan-galat" not in client.get(reverse("klien:klien-create")).content.decode()


def test_form_pengguna(client, admin_unit):
    client.force_login(admin_unit)
    resp = client.post(
        reverse("akun:pengguna-create"),
        {"username": "", "first_name": "Ni Kadek", "peran": "PK", "password1": "a"},
    )
    _periksa(resp, "id_username")


def test_form_program_dengan_formset(client, kasi):
    client.force_login(kasi)
    data = {
        "nama": "",
        "jenis": "kepribadian",
        "tanggal_mulai": "2026-01-05",
        "sd-TOTAL_FORMS": "1",
        "sd-INITIAL_FORMS": "0",
        "sd-MIN_NUM_FORMS": "0",
        "sd-MAX_NUM_FORMS": "30",
        "sd-0-nama": "Kit melukis",
        "sd-0-jumlah": "-1",
    }
    _periksa(client.post(reverse("pembimbingan:program-create"), data), "id_nama", "id_sd-0-jumlah")


class _FormUji(forms.Form):
    nama = forms.CharField(label="Nama")
    pilihan = forms.ChoiceField(
        label="Pilihan", choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect
    )
    rahasia = forms.CharField(widget=forms.HiddenInput)

    def clean(self):
        raise forms.ValidationError("Salah secara keseluruhan.")


def test_galat_form_dengan_galat_umum_radio_dan_tersembunyi():
    galat = galat_form(_FormUji({"nama": ""}), None, _FormUji())  # unbound: nothing
    assert [(g.label, g.pesan, g.tautan) for g in galat] == [
        ("", "Salah secara keseluruhan.", ""),
        ("Nama", "Bidang ini tidak boleh kosong.", "id_nama"),
        ("Pilihan", "Bidang ini tidak boleh kosong.", "id_pilihan_0"),  # the first option
        ("Rahasia", "Bidang ini tidak boleh kosong.", ""),  # hidden: no link
    ]


def test_ringkasan_menyebut_galat_umum_sebagai_teks():
    """A refusal that names no field is in the box as text; a field's as a link."""
    html = Template("{% load galat %}{% ringkasan_galat form %}").render(
        Context({"form": _FormUji({"nama": "", "pilihan": "a", "rahasia": "x"})})
    )
    assert "<li>Salah secara keseluruhan.</li>" in html
    assert '<a class="alert-link" href="#id_nama">Nama: Bidang ini tidak boleh kosong.</a>' in html
