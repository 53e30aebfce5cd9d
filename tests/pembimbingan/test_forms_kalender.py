"""PeringatanKalenderMixin: a date on a special day is refused once with the day's name, the
confirmation checkbox shown; ticked, the form is valid; an ordinary day needs nothing."""

import datetime

from django import forms
from django.template.loader import render_to_string

from pembimbingan.forms_kalender import PeringatanKalenderMixin

GALUNGAN = datetime.date(2025, 11, 19)
KEMERDEKAAN = datetime.date(2025, 8, 17)
BIASA = datetime.date(2025, 11, 12)  # a Wednesday with nothing on it


class TanggalForm(PeringatanKalenderMixin, forms.Form):
    tanggal = forms.DateField()

    def __init__(self, *args, bali: bool, hindu: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.bali, self.hindu = bali, hindu

    def clean(self):
        data = super().clean()
        self.periksa_kalender(data.get("tanggal"), bali=self.bali, hindu=self.hindu)
        return data


def test_hari_biasa_tanpa_peringatan():
    form = TanggalForm({"tanggal": BIASA}, bali=True)
    assert form.is_valid() and form.hari_khusus == []
    assert isinstance(form.fields["tetap_simpan"].widget, forms.HiddenInput)
    assert 'type="hidden" name="tetap_simpan"' in render_to_string(
        "pembimbingan/_peringatan_kalender.html", {"form": form}
    )


def test_galungan_di_kantor_bali_perlu_konfirmasi():
    form = TanggalForm({"tanggal": GALUNGAN}, bali=True)
    assert not form.is_valid()
    (pesan,) = form.errors["tetap_simpan"]
    assert "Galungan" in pesan and "centang" in pesan
    html = render_to_string("pembimbingan/_peringatan_kalender.html", {"form": form})
    assert 'type="checkbox" name="tetap_simpan"' in html and "hari raya Hindu" in html

    dikonfirmasi = TanggalForm({"tanggal": GALUNGAN, "tetap_simpan": "on"}, bali=True)
    assert dikonfirmasi.is_valid()
    assert [h.nama for h in dikonfirmasi.hari_khusus] == ["Galungan"]


def test_galungan_bukan_hari_khusus_di_luar_bali_kecuali_klien_hindu():
    assert TanggalForm({"tanggal": GALUNGAN}, bali=False).is_valid()
    assert not TanggalForm({"tanggal": GALUNGAN}, bali=False, hindu=True).is_valid()


def test_libur_nasional_di_mana_pun():
    form = TanggalForm({"tanggal": KEMERDEKAAN}, bali=False)
    assert not form.is_valid()
    assert "Kemerdekaan" in form.errors["tetap_simpan"][0]


def test_datetime_dibaca_sebagai_tanggal_setempat():
    # 19 Nov 2025 00:30 WITA is still 18 Nov in UTC: the local day counts
    from zoneinfo import ZoneInfo

    waktu = datetime.datetime(2025, 11, 19, 0, 30, tzinfo=ZoneInfo("Asia/Makassar"))
    nama = [h.nama for h in TanggalForm.peringatan_kalender(waktu, bali=True, hindu=False)]
    assert nama == ["Galungan"]
    assert TanggalForm.peringatan_kalender(None, bali=True, hindu=True) == []
