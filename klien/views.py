from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from akun.izin import Izin, boleh, perlu_izin
from inti.bagian import bagian_halaman
from inti.kendala import PENOLAKAN, galat_ke_form
from inti.paginasi import halaman_dari
from inti.pencarian import alamat_tersaring, query_tautan
from jejak.models import Peristiwa
from jejak.services import catat_akses, catat_peristiwa

from . import latar, pencabutan, services
from .ekspor import RELASI_DAFTAR, daftar_tersaring
from .filters import KlienFilter
from .forms import (
    AlihkanPKForm,
    ImporForm,
    IndikatorForm,
    KlienForm,
    ResidivismeForm,
    UbahStatusForm,
)
from .impor import BerkasTidakValid, periksa_unggahan
from .kolom import KOLOM_KLIEN
from .models import Klien
from .pencarian import catat_pencarian
from .pilihan import PROGRAM_DAPAT_DICABUT, TAHAP_TERBUKA
from .querysets import BATAS_MANGKIR
from .selectors import beban_kasus
from .timeline import prefetch_timeline, timeline


def klien_atau_404(request, pk, *, prefetch=()) -> Klien:
    """One client the user may see (someone else's is a 404), with what its pages show."""
    qs = Klien.objects.for_user(request.user).select_related(
        "unit", "lembaga_asal", "pk_litmas", *RELASI_DAFTAR
    )
    return get_object_or_404(qs.prefetch_related(*prefetch), pk=pk)


@perlu_izin(Izin.LIHAT_BEBAN_KASUS)
def caseload(request):
    """A PK's running clients, 20 to a page, searchable by name, register number or NIK (the
    term posted and kept out of the URL, as on the office's list), with those who missed
    reports first."""
    if request.method == "POST":
        alamat = reverse("klien:caseload")
        return redirect(
            alamat_tersaring(request, alamat=alamat, teks="q", saringan=KlienFilter.base_filters)
        )
    filter_ = daftar_tersaring(request)
    qs = filter_.qs.berjalan().select_related("desa__kecamatan")
    halaman = halaman_dari(request, qs, 20) | {"query": query_tautan(request, teks="q")}
    hasil = halaman["halaman"]
    tunggal = hasil[0].pk if hasil.paginator.count == 1 else None
    catat_pencarian(request, filter_, baris=hasil.paginator.count, klien_id=tunggal)
    return render(
        request,
        "klien/caseload.html",
        {
            **halaman,
            "filter": filter_,
            "beban": beban_kasus(request.user, hasil),
            "batas_mangkir": BATAS_MANGKIR,
        },
    )


@perlu_izin(Izin.LIHAT_KLIEN_KANTOR)
def klien_list(request):
    """The office's clients, filtered. The search form is posted: its term goes into the
    session and the list is shown at a GET address that carries a token instead, so that
    no name or NIK reaches a URL (inti.pencarian). A shown search is written to the trail."""
    if request.method == "POST":
        alamat = reverse("klien:klien-list")
        return redirect(
            alamat_tersaring(request, alamat=alamat, teks="q", saringan=KlienFilter.base_filters)
        )
    filter_ = daftar_tersaring(request)
    # an old `?q=` link still filters, but this page's own links carry a token instead
    halaman = halaman_dari(request, filter_.qs, 25) | {"query": query_tautan(request, teks="q")}
    hasil = halaman["halaman"]
    tunggal = hasil[0].pk if hasil.paginator.count == 1 else None
    catat_pencarian(request, filter_, baris=hasil.paginator.count, klien_id=tunggal)
    return render(
        request,
        "klien/klien_list.html",
        {
            "filter": filter_,
            **halaman,
            "nik_lengkap": filter_.nik_lengkap,
            "boleh_impor": boleh(request.user, Izin.IMPOR_KLIEN),
            "batas_mangkir": BATAS_MANGKIR,
        },
    )


@perlu_izin(Izin.LIHAT_KLIEN)
def klien_detail(request, pk):
    klien = klien_atau_404(request, pk, prefetch=prefetch_timeline())
    catat_akses(klien)
    user = request.user
    return render(
        request,
        "klien/klien_detail.html",
        {
            "klien": klien,
            "timeline": timeline(klien),
            "peringatan_nik": klien.peringatan_nik(),
            "nik_lengkap": boleh(user, Izin.LIHAT_NIK_LENGKAP),
            "boleh_ubah": boleh(user, Izin.KELOLA_KLIEN),
            "boleh_status": boleh(user, Izin.UBAH_STATUS_KLIEN) and klien.berjalan,
            **_pencabutan_dan_ekspirasi(user, klien),
            "boleh_alihkan": boleh(user, Izin.ALIHKAN_PK) and klien.berjalan,
            "indikator": klien.indikator.all(),  # prefetched, ordered by date
            "boleh_jejak": boleh(user, Izin.LIHAT_JEJAK),
            "boleh_data_subjek": boleh(user, Izin.EKSPOR_DATA_SUBJEK),
            "boleh_tahan_hukum": boleh(user, Izin.TAHAN_HUKUM),
            # what the apps above klien add (the guidance module's programmes, attendance)
            "bagian": bagian_halaman("klien:klien-detail", request, klien),
        },
    )


def _pencabutan_dan_ekspirasi(user, klien: Klien) -> dict:
    """What the client's page says about revocation and the end at expiry: the open
    proposal, whether this user may propose (with the ground the records give, if any),
    and whether the expiry date has come for the PK to confirm the end."""
    usulan = (
        klien.usulan_pencabutan.filter(tahap__in=TAHAP_TERBUKA).first()
        if boleh(user, Izin.LIHAT_USULAN_PENCABUTAN)
        else None
    )
    boleh_usulkan = usulan is None and pencabutan.boleh_mengusulkan(user, klien)
    return {
        "usulan_terbuka": usulan,
        "boleh_usulkan": boleh_usulkan,
        "dasar_pencabutan": pencabutan.dasar_dari_catatan(klien) if boleh_usulkan else None,
        "ekspirasi_tiba": boleh(user, Izin.UBAH_STATUS_KLIEN) and klien.ekspirasi_tiba(),
    }


@perlu_izin(Izin.KELOLA_KLIEN)
def klien_create(request):
    user = request.user
    form = KlienForm(request.POST or None, unit=user.unit, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            klien = services.klien_buat(unit=user.unit, oleh=user, data=form.data_klien())
        except PENOLAKAN as exc:
            galat_ke_form(form, exc)
        else:
            messages.success(request, _("Klien %(nama)s terdaftar.") % {"nama": klien.nama})
            for p in klien.peringatan_nik():
                messages.warning(request, p)
            return redirect(klien)
    return render(request, "klien/klien_form.html", {"form": form, "judul": _("Daftarkan klien")})


@perlu_izin(Izin.KELOLA_KLIEN)
def klien_update(request, pk):
    klien = klien_atau_404(request, pk)
    if request.method == "GET":
        catat_akses(klien)  # the form shows the whole record, as the client's page does
    form = KlienForm(request.POST or None, instance=klien, unit=klien.unit, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.klien_ubah(klien=klien, oleh=request.user, data=form.data_klien())
        except PENOLAKAN as exc:
            galat_ke_form(form, exc)
        else:
            messages.success(request, _("Data klien tersimpan."))
            for p in klien.peringatan_nik():
                messages.warning(request, p)
            return redirect(klien)
    return render(
        request,
        "klien/klien_form.html",
        {"form": form, "klien": klien, "judul": _("Ubah data klien")},
    )


def _aksi(request, klien, form, judul, simpan, pesan, *, keterangan=None):
    if request.method == "POST" and form.is_valid():
        try:
            simpan(form.cleaned_data)
        except PENOLAKAN as exc:
            galat_ke_form(form, exc)
        else:
            messages.success(request, pesan)
            return redirect(klien)
    return render(
        request,
        "klien/klien_aksi.html",
        {"form": form, "klien": klien, "judul": judul, "keterangan": keterangan},
    )


@perlu_izin(Izin.UBAH_STATUS_KLIEN)
def klien_status(request, pk):
    klien = klien_atau_404(request, pk)
    form = UbahStatusForm(request.POST or None, klien=klien)

    def simpan(d):
        services.klien_ubah_status(
            klien=klien,
            oleh=request.user,
            status_baru=d["status_baru"],
            tanggal=d["tanggal"],
            alasan=d["alasan"],
            dokumen=form.dokumen(),
        )

    keterangan = (
        _(
            "Pencabutan program tidak dilakukan di sini: ajukan usulan pencabutan dari halaman "
            "klien (sidang TPP, keputusan Kepala Bapas, SK pencabutan)."
        )
        if klien.program in PROGRAM_DAPAT_DICABUT
        else None
    )
    return _aksi(
        request,
        klien,
        form,
        _("Ubah status klien"),
        simpan,
        _("Status klien diubah."),
        keterangan=keterangan,
    )


@perlu_izin(Izin.ALIHKAN_PK)
def klien_alihkan(request, pk):
    klien = klien_atau_404(request, pk)
    form = AlihkanPKForm(request.POST or None, klien=klien)

    def simpan(d):
        services.klien_alihkan_pk(
            klien=klien,
            oleh=request.user,
            ke_pk=d["ke_pk"],
            tanggal=d["tanggal"],
            alasan=d["alasan"],
        )

    return _aksi(request, klien, form, _("Alihkan ke PK lain"), simpan, _("Klien dialihkan."))


@perlu_izin(Izin.KELOLA_KLIEN)
def residivisme_create(request, pk):
    klien = klien_atau_404(request, pk)
    form = ResidivismeForm(request.POST or None)

    def simpan(d):
        services.residivisme_catat(klien=klien, oleh=request.user, **d)

    return _aksi(
        request, klien, form, _("Catat peristiwa residivisme"), simpan, _("Peristiwa dicatat.")
    )


@perlu_izin(Izin.KELOLA_KLIEN)
def indikator_create(request, pk):
    klien = klien_atau_404(request, pk)
    form = IndikatorForm(request.POST or None)

    def simpan(d):
        services.indikator_catat(
            klien=klien, oleh=request.user, tonggak=d["tonggak"], data=form.data_indikator()
        )

    return _aksi(
        request, klien, form, _("Catat indikator reintegrasi"), simpan, _("Indikator dicatat.")
    )


@perlu_izin(Izin.IMPOR_KLIEN)
def klien_impor_view(request):
    """The upload starts a background job (`klien.latar.impor`): the user follows it
    on the job's page, which shows the result or every refused row when it ends. Only what
    can be told at once (an empty or oversized file, a type the import does not read) is
    refused here."""
    form = ImporForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        berkas = form.cleaned_data["berkas"]
        try:
            periksa_unggahan(berkas)
        except BerkasTidakValid as exc:
            form.add_error("berkas", str(exc))
            catat_peristiwa(
                Peristiwa.IMPOR,
                request=request,
                data={"berkas": berkas.name[:200], "hasil": "berkas tidak terbaca"},
            )
        else:
            p = latar.mulai_impor(request, berkas)
            messages.info(request, _("Impor dimulai. Halaman ini menunjukkan kemajuannya."))
            return redirect(p)
    kolom = [
        {
            "kunci": k.kunci,
            "judul": k.judul,
            "wajib": k.wajib,
            "format": k.format,
            "nilai": [str(label) for label in k.pilihan.labels] if k.pilihan else [],
        }
        for k in KOLOM_KLIEN
    ]
    return render(
        request,
        "klien/klien_impor.html",
        {"form": form, "kolom": kolom, "url_pekerjaan": reverse("pekerjaan:daftar")},
    )
