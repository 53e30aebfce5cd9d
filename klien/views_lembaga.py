"""The reference list of the Lapas, Rutan and LPKA clients come from: Admin keeps it.

Shared by every office of the installation (an institution hands clients over to several
Bapas), so any office's Admin sees and changes the same rows; each change is in the audit
trail with its author. Not the Django admin: the application's own pages.
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from akun.izin import Izin, perlu_izin
from inti.kendala import PENOLAKAN, galat_ke_form
from inti.paginasi import halaman_dari

from .forms_lembaga import LembagaAsalForm
from .models import LembagaAsal
from .services_lembaga import lembaga_asal_simpan

PER_HALAMAN = 50


@perlu_izin(Izin.KELOLA_REFERENSI)
def lembaga_list(request):
    qs = LembagaAsal.objects.select_related("kabupaten").order_by("-aktif", "jenis", "nama")
    return render(request, "klien/lembaga_list.html", halaman_dari(request, qs, PER_HALAMAN))


def _simpan(request, lembaga: LembagaAsal | None):
    form = LembagaAsalForm(request.POST or None, instance=lembaga)
    if request.method == "POST" and form.is_valid():
        try:
            tersimpan = lembaga_asal_simpan(
                lembaga=lembaga, oleh=request.user, data=form.data_lembaga()
            )
        except PENOLAKAN as exc:
            galat_ke_form(form, exc)
        else:
            messages.success(request, _("%(nama)s tersimpan.") % {"nama": tersimpan.nama})
            return redirect("klien:lembaga-list")
    judul = _("Ubah lembaga") if lembaga else _("Tambah Lapas/Rutan/LPKA")
    return render(
        request, "klien/lembaga_form.html", {"form": form, "lembaga": lembaga, "judul": judul}
    )


@perlu_izin(Izin.KELOLA_REFERENSI)
def lembaga_create(request):
    return _simpan(request, None)


@perlu_izin(Izin.KELOLA_REFERENSI)
def lembaga_update(request, pk):
    return _simpan(request, get_object_or_404(LembagaAsal, pk=pk))
