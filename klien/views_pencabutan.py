"""Pages of the revocation workflow and of the end at expiry (klien.pencabutan acts)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from akun.izin import Izin, boleh, perlu_izin
from inti.kendala import PENOLAKAN, galat_ke_form, pesan_penolakan
from inti.paginasi import halaman_dari

from . import pencabutan, services
from .forms_pencabutan import PutuskanForm, SuratForm, TarikForm, TPPForm, UsulanForm
from .models import UsulanPencabutan
from .pilihan import TAHAP_TERBUKA, TahapUsulan
from .views import klien_atau_404


def usulan_atau_404(request, pk) -> UsulanPencabutan:
    qs = UsulanPencabutan.objects.for_user(request.user).select_related(
        "klien__pk_pembimbing",
        "diusulkan_oleh",
        "tpp_oleh",
        "keputusan_oleh",
        "sk_oleh",
        "ditutup_oleh",
    )
    return get_object_or_404(qs, pk=pk)


@perlu_izin(Izin.LIHAT_USULAN_PENCABUTAN)
def usulan_list(request):
    """The proposals waiting for a step (oldest first), then the closed ones, newest first.
    A PK sees those about their own clients."""
    semua = UsulanPencabutan.objects.for_user(request.user).select_related(
        "klien", "diusulkan_oleh"
    )
    selesai = semua.exclude(tahap__in=TAHAP_TERBUKA).order_by("-diubah_pada", "-pk")
    return render(
        request,
        "klien/usulan_list.html",
        {
            "terbuka": pencabutan.usulan_terbuka(request.user),
            **halaman_dari(request, selesai, 20),
            "boleh_usulkan": boleh(request.user, Izin.USULKAN_PENCABUTAN),
        },
    )


@perlu_izin(Izin.USULKAN_PENCABUTAN)
def usulan_create(request, pk):
    klien = klien_atau_404(request, pk)
    if not pencabutan.dapat_diusulkan(klien):
        messages.error(
            request,
            _(
                "Pencabutan hanya dapat diusulkan untuk klien PB, CB, CMB atau asimilasi yang "
                "masih dalam bimbingan."
            ),
        )
        return redirect(klien)
    terbuka = klien.usulan_pencabutan.filter(tahap__in=TAHAP_TERBUKA).first()
    if terbuka is not None:
        messages.info(request, _("Klien ini sudah memiliki usulan pencabutan yang diproses."))
        return redirect("klien:usulan-detail", pk=terbuka.pk)
    dasar = pencabutan.dasar_dari_catatan(klien) if request.method == "GET" else None
    form = UsulanForm(request.POST or None, dasar=dasar)
    if request.method == "POST" and form.is_valid():
        try:
            usulan = pencabutan.usulan_ajukan(klien=klien, oleh=request.user, **form.cleaned_data)
        except PENOLAKAN as exc:
            galat_ke_form(form, exc)
        else:
            messages.success(request, _("Usulan pencabutan diajukan; menunggu sidang TPP."))
            return redirect(usulan.get_absolute_url())
    return render(
        request,
        "klien/klien_aksi.html",
        {
            "form": form,
            "klien": klien,
            "judul": _("Usulkan pencabutan"),
            "keterangan": _(
                "Usulan diperiksa dalam sidang TPP, lalu diputuskan Kepala Bapas. Klien baru "
                "berstatus dicabut setelah SK pencabutan dicatat."
            ),
            "dasar": dasar,
        },
    )


@perlu_izin(Izin.LIHAT_USULAN_PENCABUTAN)
def usulan_detail(request, pk):
    usulan = usulan_atau_404(request, pk)
    langkah = pencabutan.langkah_boleh(request.user, usulan)
    return render(
        request,
        "klien/usulan_detail.html",
        {
            "usulan": usulan,
            "klien": usulan.klien,
            "langkah": [
                (nama, LANGKAH[nama].judul, reverse(f"klien:usulan-{nama}", args=[usulan.pk]))
                for nama in LANGKAH
                if nama in langkah
            ],
            "T": TahapUsulan,
        },
    )


# --- the steps ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Langkah:
    """A step's page: its form, title and button, the service it calls and which of the
    service's arguments each form field gives (who may take it: pencabutan.ATURAN)."""

    form: type
    judul: str  # (lazy: translated when shown)
    tombol: str
    layanan: Callable
    argumen: dict[str, str]  # the service's argument -> the form's field

    def simpan(self, usulan, user, data: dict):
        return self.layanan(
            usulan=usulan, oleh=user, **{a: data[f] for a, f in self.argumen.items()}
        )


_SURAT = {"nomor": "sk_nomor", "tanggal": "sk_tanggal", "penerbit": "sk_penerbit"}
LANGKAH = {
    "tpp": Langkah(
        TPPForm,
        gettext_lazy("Catat sidang TPP"),
        gettext_lazy("Simpan hasil sidang"),
        pencabutan.usulan_catat_tpp,
        {
            "nomor": "tpp_nomor",
            "tanggal": "tpp_tanggal",
            "merekomendasikan": "tpp_merekomendasikan",
            "catatan": "tpp_catatan",
        },
    ),
    "putuskan": Langkah(
        PutuskanForm,
        gettext_lazy("Keputusan Kepala Bapas"),
        gettext_lazy("Simpan keputusan"),
        pencabutan.usulan_putuskan,
        {
            "setuju": "setuju",
            "nomor": "keputusan_nomor",
            "tanggal": "keputusan_tanggal",
            "laporan_nomor": "laporan_kanwil_nomor",
            "laporan_tanggal": "laporan_kanwil_tanggal",
            "catatan": "keputusan_catatan",
        },
    ),
    "sk": Langkah(
        SuratForm,
        gettext_lazy("Catat SK pencabutan"),
        gettext_lazy("Catat SK dan cabut program"),
        pencabutan.usulan_catat_sk,
        _SURAT,
    ),
    "pulihkan": Langkah(
        SuratForm,
        gettext_lazy("Pencabutan tidak ditetapkan"),
        gettext_lazy("Catat surat dan lanjutkan program"),
        pencabutan.usulan_pulihkan,
        _SURAT,
    ),
    "tarik": Langkah(
        TarikForm,
        gettext_lazy("Tarik usulan"),
        gettext_lazy("Tarik usulan"),
        pencabutan.usulan_tarik,
        {"alasan": "ditutup_alasan"},
    ),
}


def _langkah(nama: str):
    langkah = LANGKAH[nama]

    @perlu_izin(pencabutan.ATURAN[nama].izin)
    def view(request, pk):
        usulan = usulan_atau_404(request, pk)
        if nama not in pencabutan.langkah_boleh(request.user, usulan):
            messages.warning(
                request,
                _("Langkah “%(langkah)s” tidak tersedia: usulan sedang pada tahap “%(tahap)s”.")
                % {"langkah": langkah.judul, "tahap": usulan.get_tahap_display()},
            )
            return redirect(usulan.get_absolute_url())
        form = langkah.form(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                usulan = langkah.simpan(usulan, request.user, form.cleaned_data)
            except PENOLAKAN as exc:
                galat_ke_form(form, exc)
            else:
                messages.success(
                    request,
                    _("Tersimpan. Usulan kini: %(tahap)s.") % {"tahap": usulan.get_tahap_display()},
                )
                return redirect(usulan.get_absolute_url())
        return render(
            request,
            "klien/usulan_langkah.html",
            {
                "form": form,
                "usulan": usulan,
                "klien": usulan.klien,
                "judul": langkah.judul,
                "tombol": langkah.tombol,
            },
        )

    view.__name__ = f"usulan_{nama}"
    return view


usulan_tpp = _langkah("tpp")
usulan_putuskan = _langkah("putuskan")
usulan_sk = _langkah("sk")
usulan_pulihkan = _langkah("pulihkan")
usulan_tarik = _langkah("tarik")


# --- the end at expiry --------------------------------------------------------------------


@perlu_izin(Izin.UBAH_STATUS_KLIEN)
@require_POST
def klien_akhiri_ekspirasi(request, pk):
    """Confirm the end the system proposes on the expiry date (a button on the client's
    page and on the caseload)."""
    klien = klien_atau_404(request, pk)
    try:
        services.klien_akhiri_ekspirasi(klien=klien, oleh=request.user)
    except PENOLAKAN as exc:
        messages.error(request, pesan_penolakan(exc))
    else:
        messages.success(
            request,
            _("Bimbingan %(nama)s selesai pada ekspirasi %(tanggal)s.")
            % {"nama": klien.nama, "tanggal": date_format(klien.tanggal_ekspirasi, "j F Y")},
        )
    return redirect(klien)
