"""A partner's PKS document chosen on a form that comes back with an error elsewhere: the
browser does not send the file again, so the page names it, next to the field and in the
error summary, as to be attached again; attached again, it is saved."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pokmas.models import Mitra, PerjanjianKerjaSama
from tests.pokmas.conftest import PDF
from tests.pokmas.factories import data_form_mitra
from tests.pokmas.test_registrasi import data_pks

URL = reverse("pokmas:mitra-create")
PESAN = "Berkas “naskah-pks.pdf” belum tersimpan"


def _pdf():
    return SimpleUploadedFile("naskah-pks.pdf", PDF, "application/pdf")


def test_berkas_harus_dilampirkan_lagi_setelah_galat_lain(client, admin_unit, desa):
    client.force_login(admin_unit)
    data = data_form_mitra(desa, telepon="telp kantor") | data_pks(dokumen=_pdf())
    resp = client.post(URL, data)
    assert resp.status_code == 200
    isi = resp.content.decode()
    kotak = isi.split("data-ringkasan-galat")[1].split("</ul>")[0]
    assert 'href="#id_telepon"' in kotak
    assert f'href="#id_pks-dokumen">Dokumen PKS (PDF): {PESAN}' in kotak
    # next to the field (its help text, which the input is described by)
    bantuan = isi.split('id="id_pks-dokumen_helptext"')[1].split("</div>")[0]
    assert PESAN in bantuan
    assert 'value="W20/PKS/01/2026"' in isi  # what was typed stays
    assert not Mitra.objects.exists() and not PerjanjianKerjaSama.objects.exists()

    data = data_form_mitra(desa) | data_pks(dokumen=_pdf())  # fixed, and attached again
    assert client.post(URL, data).status_code == 302
    assert PerjanjianKerjaSama.objects.get().dokumen.read() == PDF


def test_tanpa_berkas_tidak_ada_pesan_lampirkan_lagi(client, admin_unit, desa):
    client.force_login(admin_unit)
    data = data_form_mitra(desa, telepon="telp kantor") | {"pks-nomor": "W20/PKS/02/2026"}
    isi = client.post(URL, data).content.decode()
    assert "Ada masalah" in isi and "belum tersimpan" not in isi


def test_halaman_tambah_pks_juga(client, admin_unit, unit):
    from tests.pokmas.factories import MitraFactory

    mitra = MitraFactory(unit=unit)
    client.force_login(admin_unit)
    url = reverse("pokmas:pks-create", kwargs={"mitra_pk": mitra.pk})
    data = {k.removeprefix("pks-"): v for k, v in data_pks(dokumen=_pdf()).items()}
    resp = client.post(url, data | {"tanggal_selesai": "2025-01-01"})
    assert resp.status_code == 200
    assert PESAN in resp.content.decode()
    assert not PerjanjianKerjaSama.objects.exists()
