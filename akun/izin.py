"""Permissions named after what people do in the office, and which roles may do it.

Views declare the action they perform with `@perlu_izin(Izin.X)`; a user whose role is not
listed gets a 403 (written to the audit trail with the permission's name). Which *records*
they reach is a separate question, answered by each model's `for_user(user)` (someone
else's record is a 404).

`Izin` is a StrEnum of names and `PERAN_IZIN` the one mapping permission → roles. (The
roles used to be the enum's values, so two permissions with the same roles silently became
one member under the first one's name.) Every member is its own name, whatever its roles.
"""

from collections.abc import Callable
from enum import StrEnum, unique
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ImproperlyConfigured, PermissionDenied

from .models import Peran

P = Peran


@unique
class Izin(StrEnum):
    LIHAT_BEBAN_KASUS = "LIHAT_BEBAN_KASUS"
    LIHAT_KLIEN_KANTOR = "LIHAT_KLIEN_KANTOR"
    LIHAT_DASBOR_KANTOR = "LIHAT_DASBOR_KANTOR"
    LIHAT_RINGKASAN_WILAYAH = "LIHAT_RINGKASAN_WILAYAH"
    # background jobs (pekerjaan): one's own imports and exports
    LIHAT_PEKERJAAN = "LIHAT_PEKERJAAN"
    # klien
    LIHAT_KLIEN = "LIHAT_KLIEN"
    KELOLA_KLIEN = "KELOLA_KLIEN"
    UBAH_STATUS_KLIEN = "UBAH_STATUS_KLIEN"
    ALIHKAN_PK = "ALIHKAN_PK"
    IMPOR_KLIEN = "IMPOR_KLIEN"
    LIHAT_NIK_LENGKAP = "LIHAT_NIK_LENGKAP"
    # revocation, as a proposal (klien.pencabutan)
    LIHAT_USULAN_PENCABUTAN = "LIHAT_USULAN_PENCABUTAN"
    USULKAN_PENCABUTAN = "USULKAN_PENCABUTAN"
    SIDANG_TPP = "SIDANG_TPP"
    PUTUSKAN_PENCABUTAN = "PUTUSKAN_PENCABUTAN"
    CATAT_SK_PENCABUTAN = "CATAT_SK_PENCABUTAN"
    # pembimbingan
    LIHAT_KALENDER = "LIHAT_KALENDER"
    LIHAT_PROGRAM = "LIHAT_PROGRAM"
    CATAT_KEHADIRAN = "CATAT_KEHADIRAN"
    KOREKSI_KEHADIRAN = "KOREKSI_KEHADIRAN"
    KELOLA_PROGRAM = "KELOLA_PROGRAM"
    DAFTARKAN_PESERTA = "DAFTARKAN_PESERTA"
    KELOLA_POS = "KELOLA_POS"
    LANGGANAN_KALENDER = "LANGGANAN_KALENDER"
    # pidana pengawasan (pengawasan)
    CATAT_PENGAWASAN = "CATAT_PENGAWASAN"
    PANTAU_PENGAWASAN = "PANTAU_PENGAWASAN"
    # pidana kerja sosial (kerjasosial)
    CATAT_KERJA_SOSIAL = "CATAT_KERJA_SOSIAL"
    KELOLA_LOKASI_KERJA_SOSIAL = "KELOLA_LOKASI_KERJA_SOSIAL"
    # pokmas
    LIHAT_MITRA = "LIHAT_MITRA"
    KELOLA_MITRA = "KELOLA_MITRA"
    AKTIFKAN_MITRA = "AKTIFKAN_MITRA"
    # privacy, audit and accounts
    LIHAT_JEJAK = "LIHAT_JEJAK"
    EKSPOR_DATA_SUBJEK = "EKSPOR_DATA_SUBJEK"
    TAHAN_HUKUM = "TAHAN_HUKUM"
    ATUR_OTP_KANTOR = "ATUR_OTP_KANTOR"
    KELOLA_PENGGUNA = "KELOLA_PENGGUNA"
    KELOLA_REFERENSI = "KELOLA_REFERENSI"
    SETUJUI_PERUBAHAN_AKUN = "SETUJUI_PERUBAHAN_AKUN"

    @property
    def peran(self) -> frozenset[str]:
        return PERAN_IZIN[self]


PERAN_IZIN: dict[Izin, frozenset[str]] = {
    Izin.LIHAT_BEBAN_KASUS: frozenset({P.PK}),
    Izin.LIHAT_KLIEN_KANTOR: frozenset({P.KASI, P.KABAPAS, P.ADMIN}),
    Izin.LIHAT_DASBOR_KANTOR: frozenset({P.KASI, P.KABAPAS}),
    Izin.LIHAT_RINGKASAN_WILAYAH: frozenset({P.KANWIL, P.PUSAT}),
    # every role: a job is seen by who started it (Pekerjaan.for_user)
    Izin.LIHAT_PEKERJAAN: frozenset(P),
    Izin.LIHAT_KLIEN: frozenset({P.PK, P.KASI, P.KABAPAS, P.ADMIN}),  # records via for_user
    Izin.KELOLA_KLIEN: frozenset({P.PK, P.KASI, P.KABAPAS, P.ADMIN}),  # PK: own caseload only
    Izin.UBAH_STATUS_KLIEN: frozenset({P.PK, P.KASI, P.KABAPAS}),
    Izin.ALIHKAN_PK: frozenset({P.KASI, P.KABAPAS}),
    Izin.IMPOR_KLIEN: frozenset({P.KASI, P.ADMIN}),
    Izin.LIHAT_NIK_LENGKAP: frozenset({P.PK, P.ADMIN}),  # others see it masked
    # A PK proposes (own clients), never decides; a Kasi may propose too (a report from the
    # police or the public). The TPP's session is recorded by its secretary (Kasi) or chair
    # (Kabapas); only the Kepala Bapas revokes for now or restores; the SK is recorded when
    # it arrives.
    Izin.LIHAT_USULAN_PENCABUTAN: frozenset({P.PK, P.KASI, P.KABAPAS}),
    Izin.USULKAN_PENCABUTAN: frozenset({P.PK, P.KASI}),
    Izin.SIDANG_TPP: frozenset({P.KASI, P.KABAPAS}),
    Izin.PUTUSKAN_PENCABUTAN: frozenset({P.KABAPAS}),
    Izin.CATAT_SK_PENCABUTAN: frozenset({P.KASI, P.KABAPAS}),
    Izin.LIHAT_KALENDER: frozenset({P.PK, P.KASI, P.KABAPAS, P.ADMIN}),  # holidays, ceremonies
    Izin.LIHAT_PROGRAM: frozenset({P.PK, P.KASI, P.KABAPAS, P.ADMIN}),  # programmes, sessions
    Izin.CATAT_KEHADIRAN: frozenset({P.PK, P.KASI, P.KABAPAS}),  # sessions: Sesi.for_user
    # change what someone else recorded, with the reason in the trail
    Izin.KOREKSI_KEHADIRAN: frozenset({P.KASI, P.KABAPAS}),
    Izin.KELOLA_PROGRAM: frozenset({P.KASI, P.KABAPAS}),  # open and change programmes
    Izin.DAFTARKAN_PESERTA: frozenset({P.PK, P.KASI, P.KABAPAS}),  # enrol, end enrolments
    Izin.KELOLA_POS: frozenset({P.KASI, P.KABAPAS, P.ADMIN}),  # outreach posts
    Izin.LANGGANAN_KALENDER: frozenset({P.PK, P.KASI, P.KABAPAS}),  # own iCalendar feed
    # pidana pengawasan: the PK (own clients) records the order, the conditions' status and
    # the considerations to the prosecutor, and so may the Kasi and the Kabapas; those two
    # follow the office's breaches and pending considerations
    Izin.CATAT_PENGAWASAN: frozenset({P.PK, P.KASI, P.KABAPAS}),
    Izin.PANTAU_PENGAWASAN: frozenset({P.KASI, P.KABAPAS}),
    # pidana kerja sosial: the PK (own clients), the Kasi and the Kabapas record a client's
    # order and the hours, and follow the pace; the placement sites are the Kasi's, the
    # Kabapas's and the Admin's
    Izin.CATAT_KERJA_SOSIAL: frozenset({P.PK, P.KASI, P.KABAPAS}),
    Izin.KELOLA_LOKASI_KERJA_SOSIAL: frozenset({P.KASI, P.KABAPAS, P.ADMIN}),
    Izin.LIHAT_MITRA: frozenset({P.PK, P.KASI, P.KABAPAS, P.ADMIN}),
    Izin.KELOLA_MITRA: frozenset({P.ADMIN}),
    Izin.AKTIFKAN_MITRA: frozenset({P.KASI, P.KABAPAS}),
    Izin.LIHAT_JEJAK: frozenset({P.KABAPAS, P.ADMIN}),
    Izin.EKSPOR_DATA_SUBJEK: frozenset({P.KABAPAS, P.ADMIN}),
    Izin.TAHAN_HUKUM: frozenset({P.KABAPAS, P.ADMIN}),
    Izin.ATUR_OTP_KANTOR: frozenset({P.KABAPAS}),
    Izin.KELOLA_PENGGUNA: frozenset({P.ADMIN}),
    # reference lists the offices share (the Lapas/Rutan/LPKA clients come from)
    Izin.KELOLA_REFERENSI: frozenset({P.ADMIN}),
    # the second person for Admin (Kabapas) and Kabapas (Kanwil) accounts: akun.persetujuan
    Izin.SETUJUI_PERUBAHAN_AKUN: frozenset({P.KABAPAS, P.KANWIL}),
}

if set(PERAN_IZIN) != set(Izin):  # a permission without roles would refuse everyone silently
    raise ImproperlyConfigured(f"PERAN_IZIN tidak lengkap: {set(Izin) ^ set(PERAN_IZIN)}")

# The request attribute naming the permission a 403 refused (read by the audit trail).
ATRIBUT_IZIN_DITOLAK = "izin_ditolak"


def boleh(user, izin: Izin) -> bool:
    return bool(user.is_authenticated and user.is_active and user.peran in izin.peran)


def perlu_izin(izin: Izin) -> Callable:
    """Login required (anonymous → login page), then the role must hold `izin` (else 403,
    with the permission's name left on the request for the audit trail)."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not boleh(request.user, izin):
                setattr(request, ATRIBUT_IZIN_DITOLAK, izin.name)
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapper.izin = izin
        return wrapper

    return decorator
