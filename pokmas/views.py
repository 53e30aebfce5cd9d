from django.contrib import messages
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from akun.izin import Izin, boleh, perlu_izin
from inti.bagian import bagian_halaman
from inti.kendala import PENOLAKAN, galat_ke_form
from inti.penyimpanan import respons_unduhan
from jejak.services import catat_akses

from . import services
from .filters import MitraFilter
from .forms import MitraForm, PerjanjianForm, StatusMitraForm
from .models import LayananMitra, Mitra, PerjanjianKerjaSama, RiwayatStatusMitra
from .pilihan import HARI_PERINGATAN_PKS, StatusMitra
from .selectors import kekurangan_aktivasi, komposisi_kelompok, langkah_status


@perlu_izin(Izin.LIHAT_MITRA)
def mitra_list(request):
    hari_ini = timezone.localdate()
    qs = (
        Mitra.objects.for_user(request.user)
        .dengan_masa_pks(hari_ini)
        .prefetch_related(Prefetch("layanan", queryset=LayananMitra.objects.order_by("bidang")))
        .order_by("nama")
    )
    filter_ = MitraFilter(request.GET or None, queryset=qs)
    mitra = list(filter_.qs)
    return render(
        request,
        "pokmas/mitra_list.html",
        {
            "filter": filter_,
            "mitra_list": mitra,
            "hari_peringatan": HARI_PERINGATAN_PKS,
            "komposisi": komposisi_kelompok(request.user),
            "boleh_kelola": boleh(request.user, Izin.KELOLA_MITRA),
        },
    )


def _mitra_atau_404(request, pk):
    return get_object_or_404(Mitra.objects.for_user(request.user), pk=pk)


@perlu_izin(Izin.LIHAT_MITRA)
def mitra_detail(request, pk):
    hari_ini = timezone.localdate()
    mitra = get_object_or_404(
        Mitra.objects.for_user(request.user)
        .dengan_masa_pks(hari_ini)
        .select_related("desa__kecamatan__kabupaten", "dibuat_oleh")
        .prefetch_related(
            "layanan",
            Prefetch(
                "perjanjian",
                queryset=PerjanjianKerjaSama.objects.order_by("-tanggal_mulai", "-pk"),
            ),
            Prefetch("riwayat_status", queryset=RiwayatStatusMitra.objects.select_related("oleh")),
        ),
        pk=pk,
    )
    perjanjian = list(mitra.perjanjian.all())
    for p in perjanjian:
        p.masa_kini = p.masa(hari_ini)
        p.sisa = p.sisa_hari(hari_ini)
    return render(
        request,
        "pokmas/mitra_detail.html",
        {
            "mitra": mitra,
            "perjanjian": perjanjian,
            # a candidate's page says what it still lacks for activation
            "kurang": kekurangan_aktivasi(mitra) if mitra.status == StatusMitra.KANDIDAT else [],
            "boleh_kelola": boleh(request.user, Izin.KELOLA_MITRA),
            "boleh_ubah_status": boleh(request.user, Izin.AKTIFKAN_MITRA),
            # what the apps above pokmas add (the guidance module's programmes, attendance)
            "bagian": bagian_halaman("pokmas:mitra-detail", request, mitra),
        },
    )


@perlu_izin(Izin.KELOLA_MITRA)
def mitra_create(request):
    unit = request.user.unit
    data = request.POST if request.method == "POST" else None
    form = MitraForm(data, unit=unit)
    pks_form = PerjanjianForm(
        data,
        request.FILES or None,
        unit=unit,
        prefix="pks",
        empty_permitted=True,
        use_required_attribute=False,
    )
    if request.method == "POST" and form.is_valid() and pks_form.is_valid():
        try:
            mitra = services.mitra_daftar(
                oleh=request.user,
                data=form.data_mitra(),
                bidang=form.cleaned_data["bidang"],
                pks=pks_form.data_pks() if pks_form.has_changed() else None,
            )
        except PENOLAKAN as exc:
            # The agreement is checked after the partner: a refusal names one form's fields.
            pks_ditolak = set(getattr(exc, "error_dict", ())) & set(pks_form.fields)
            galat_ke_form(pks_form if pks_ditolak else form, exc)
        else:
            messages.success(
                request, _("Mitra %(nama)s terdaftar sebagai kandidat.") % {"nama": mitra.nama}
            )
            return redirect(mitra)
    return render(
        request,
        "pokmas/mitra_form.html",
        {"form": form, "pks_form": pks_form, "judul": _("Daftarkan mitra baru")},
    )


@perlu_izin(Izin.KELOLA_MITRA)
def mitra_update(request, pk):
    mitra = _mitra_atau_404(request, pk)
    form = MitraForm(request.POST or None, instance=mitra, unit=request.user.unit)
    if request.method == "POST" and form.is_valid():
        try:
            services.mitra_ubah(
                mitra=mitra, data=form.data_mitra(), bidang=form.cleaned_data["bidang"]
            )
        except PENOLAKAN as exc:
            galat_ke_form(form, exc)
        else:
            messages.success(request, _("Data mitra tersimpan."))
            return redirect(mitra)
    return render(
        request,
        "pokmas/mitra_form.html",
        {"form": form, "mitra": mitra, "judul": _("Ubah data mitra")},
    )


@perlu_izin(Izin.AKTIFKAN_MITRA)
def mitra_status(request, pk):
    """Offers only the status changes possible now (from the current status, by the user's
    role) and names what each of the others lacks."""
    mitra = get_object_or_404(
        Mitra.objects.for_user(request.user).dengan_masa_pks(timezone.localdate()), pk=pk
    )
    langkah = langkah_status(mitra, request.user)
    form = StatusMitraForm(request.POST or None, langkah=langkah)
    if request.method == "POST" and form.is_valid():
        try:
            services.mitra_ubah_status(
                mitra=mitra,
                status_baru=form.cleaned_data["status_baru"],
                oleh=request.user,
                alasan=form.cleaned_data["alasan"],
            )
        except PENOLAKAN as exc:
            galat_ke_form(form, exc)
        else:
            messages.success(
                request,
                _("Status mitra diubah menjadi %(status)s.")
                % {"status": StatusMitra(form.cleaned_data["status_baru"]).label},
            )
            return redirect(mitra)
    return render(
        request,
        "pokmas/mitra_status.html",
        {
            "mitra": mitra,
            "form": form,
            "dapat_diaktifkan": any(
                lg.status == StatusMitra.AKTIF and lg.mungkin for lg in langkah
            ),
        },
    )


@perlu_izin(Izin.KELOLA_MITRA)
def pks_create(request, mitra_pk):
    mitra = _mitra_atau_404(request, mitra_pk)
    form = PerjanjianForm(request.POST or None, request.FILES or None, unit=request.user.unit)
    if request.method == "POST" and form.is_valid():
        try:
            services.pks_tambah(mitra=mitra, oleh=request.user, data=form.data_pks())
        except PENOLAKAN as exc:
            galat_ke_form(form, exc)
        else:
            messages.success(request, _("Perjanjian kerja sama tersimpan."))
            return redirect(mitra)
    return render(request, "pokmas/pks_form.html", {"mitra": mitra, "form": form})


@require_GET
@perlu_izin(Izin.LIHAT_MITRA)
def pks_dokumen(request, pk):
    """The PKS document, only to users of the partner's office (another office: 404)."""
    pks = get_object_or_404(PerjanjianKerjaSama.objects.for_user(request.user), pk=pk)
    resp = respons_unduhan(pks.dokumen, nama=f"PKS-{pks.pk}.pdf", tipe="application/pdf")
    catat_akses(pks)
    return resp


@perlu_izin(Izin.LIHAT_MITRA)
def komposisi(request):
    return render(
        request,
        "pokmas/komposisi.html",
        {"komposisi": komposisi_kelompok(request.user)},
    )
