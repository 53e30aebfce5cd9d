"""No form of the project takes every model field, or lets a user pick the office."""

import importlib
import inspect
import pkgutil

from django import forms

APPS = ("akun", "wilayah", "klien", "pokmas", "pembimbingan", "laporan", "jejak")
# Fields that the server sets from the logged-in user, never from what the browser posts.
DILARANG = {"unit", "dibuat_oleh", "diubah_oleh", "oleh"}


def _semua_model_form():
    for app in APPS:
        paket = importlib.import_module(app)
        for info in pkgutil.walk_packages(paket.__path__, prefix=f"{app}."):
            if ".migrations" in info.name or ".management" in info.name:
                continue
            modul = importlib.import_module(info.name)
            for _, obj in inspect.getmembers(modul, inspect.isclass):
                if (
                    issubclass(obj, forms.ModelForm)
                    and obj.__module__ == modul.__name__
                    and hasattr(obj, "_meta")
                    and obj._meta.model is not None
                ):
                    yield obj


def periksa(daftar_form) -> list[str]:
    salah = []
    for form in daftar_form:
        meta = getattr(form, "Meta", None)
        if getattr(meta, "fields", None) == "__all__" or getattr(meta, "exclude", None):
            salah.append(f"{form.__module__}.{form.__name__}: list its fields explicitly")
        terlarang = DILARANG & set(form.base_fields)
        if terlarang:
            salah.append(f"{form.__module__}.{form.__name__}: accepts {sorted(terlarang)}")
    return salah


def test_tidak_ada_fields_all_dan_tidak_ada_field_kantor():
    salah = periksa(_semua_model_form())
    assert not salah, "\n".join(salah)


def test_pemeriksa_menangkap_form_yang_salah():
    from akun.models import User

    class SemuaField(forms.ModelForm):
        class Meta:
            model = User
            fields = "__all__"  # noqa: DJ007 (the mistake this test must catch)

    class PilihUnit(forms.ModelForm):
        class Meta:
            model = User
            fields = ["first_name", "unit"]

    class Benar(forms.ModelForm):
        class Meta:
            model = User
            fields = ["first_name"]

    hasil = periksa([SemuaField, PilihUnit, Benar])
    assert len([h for h in hasil if "SemuaField" in h]) == 2  # __all__ and so also unit
    assert any("PilihUnit" in h and "unit" in h for h in hasil)
    assert not any("Benar" in h for h in hasil)


def test_pk_yang_mengirim_unit_atau_pk_lain_tidak_mengubah_apa_pun(client, pk, pk_lain, unit_lain):
    """A PK who forges the office or another PK into the posted form still registers the
    client in their own office and caseload; editing cannot move it either."""
    from django.urls import reverse

    from klien.models import Klien
    from tests.factories import DesaFactory
    from tests.klien.factories import data_form_klien as _data

    desa = DesaFactory()
    pk.unit.wilayah_kerja.add(desa.kecamatan.kabupaten)
    client.force_login(pk)
    palsu = {"unit": unit_lain.pk, "pk_pembimbing": pk_lain.pk}
    assert client.post(reverse("klien:klien-create"), _data(desa, **palsu)).status_code == 302
    klien = Klien.objects.get()
    assert (klien.unit, klien.pk_pembimbing) == (pk.unit, pk)
    url = reverse("klien:klien-update", args=[klien.pk])
    client.post(url, _data(desa, nama="Nama Baru", **palsu))
    klien.refresh_from_db()
    assert (klien.nama, klien.unit, klien.pk_pembimbing) == ("Nama Baru", pk.unit, pk)
