"""Changing a programme and a session, enrolling several clients and planning sessions in
one step (the pages of views_program.py and views_sesi.py). Keyword-only, one transaction
each; every row is saved or deleted on its own, so the audit trail sees each change."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from akun.models import User
from inti.layanan import tolak_kunci_asing
from klien.models import Klien
from pokmas.models import Mitra

from .models import Kehadiran, Peserta, Program, Sesi, SumberDaya
from .pilihan import StatusPeserta
from .services import (
    FIELD_DATA_PROGRAM,
    peserta_daftar,
)

FIELD_SUMBER_DAYA = ("nama", "jumlah", "satuan")
FIELD_DATA_SESI = frozenset({"mulai", "tempat", "moda", "fasilitator", "catatan"})


def _mitra_boleh(*, mitra: Mitra, oleh: User) -> bool:
    return (
        Mitra.objects.filter(pk=mitra.pk, unit=oleh.unit_id).tersedia_untuk_program_baru().exists()
    )


@transaction.atomic
def program_ubah(*, program: Program, oleh: User, data: dict, sumber_daya: list[dict]) -> Program:
    """Change a programme of the office of `oleh` and its resources.

    The programme's row is locked first, so a capacity is never lowered while an enrolment
    is being counted (services.peserta_daftar takes the same lock): the new capacity may not
    be below the active participants. Another partner must be available for new programmes
    (active, agreement in force), as when a programme is opened; the partner it already has
    stays even when its agreement has since expired.

    `sumber_daya` is the whole list of resources wanted: each {"nama", "jumlah", "satuan"},
    with "id" for one the programme already has. A stored one that is not listed is deleted;
    a listed one that differs is changed; one without "id" is added."""
    tolak_kunci_asing(data, FIELD_DATA_PROGRAM)
    program = Program.objects.for_user(oleh).select_for_update(of=("self",)).get(pk=program.pk)
    mitra = data.get("mitra", program.mitra)
    if (
        mitra is not None
        and mitra.pk != program.mitra_id
        and not _mitra_boleh(mitra=mitra, oleh=oleh)
    ):
        raise ValidationError(
            {"mitra": _("Pilih mitra aktif kantor ini yang perjanjian kerja samanya berlaku.")}
        )
    kapasitas = data.get("kapasitas", program.kapasitas)
    if kapasitas is not None:
        aktif = Peserta.objects.filter(program=program, status=StatusPeserta.AKTIF).count()
        if kapasitas < aktif:
            raise ValidationError(
                {
                    "kapasitas": _(
                        "Program ini memiliki %(n)d peserta aktif; kapasitas tidak boleh kurang "
                        "dari itu."
                    )
                    % {"n": aktif}
                }
            )
    for field, nilai in data.items():
        setattr(program, field, nilai)
    program.full_clean()
    program.save()
    _sumber_daya_ganti(program, sumber_daya)
    return program


def _sumber_daya_ganti(program: Program, sumber_daya: list[dict]) -> None:
    ada = {sd.pk: sd for sd in SumberDaya.objects.filter(program=program)}
    ids = [sd["id"] for sd in sumber_daya if sd.get("id") is not None]
    dipakai = set(ids)
    if dipakai - set(ada) or len(dipakai) != len(ids):
        raise ValidationError({"sumber_daya": _("Sumber daya tidak ditemukan pada program ini.")})
    for pk, baris in ada.items():
        if pk not in dipakai:
            baris.delete()
    for sd in sumber_daya:
        isi = {f: sd.get(f, "") for f in FIELD_SUMBER_DAYA}
        baris = ada.get(sd.get("id")) or SumberDaya(program=program)
        if baris.pk is not None and all(getattr(baris, f) == v for f, v in isi.items()):
            continue  # unchanged: no write, nothing for the trail
        for f, v in isi.items():
            setattr(baris, f, v)
        baris.full_clean()
        baris.save()


@transaction.atomic
def peserta_daftar_banyak(
    *,
    program: Program,
    klien: list[Klien],
    oleh: User,
    tanggal_masuk: datetime.date | None = None,
) -> list[Peserta]:
    """Enrol several clients at once: all or none. Each through services.peserta_daftar
    (which locks the programme and checks the rules); a refusal names the client it is
    about, and a capacity too small for all of them says how many places are left."""
    program = Program.objects.for_user(oleh).select_for_update(of=("self",)).get(pk=program.pk)
    if not klien:
        raise ValidationError({"klien": _("Pilih sedikitnya satu klien.")})
    if program.kapasitas is not None:
        aktif = Peserta.objects.filter(program=program, status=StatusPeserta.AKTIF).count()
        sisa = max(program.kapasitas - aktif, 0)
        if len(klien) > sisa:
            raise ValidationError(
                {
                    "klien": _(
                        "Kapasitas program %(kapasitas)d peserta dan sudah terisi %(aktif)d: "
                        "sisa %(sisa)d tempat, Anda memilih %(dipilih)d klien."
                    )
                    % {
                        "kapasitas": program.kapasitas,
                        "aktif": aktif,
                        "sisa": sisa,
                        "dipilih": len(klien),
                    }
                }
            )
    hasil = []
    for k in klien:
        try:
            hasil.append(
                peserta_daftar(program=program, klien=k, oleh=oleh, tanggal_masuk=tanggal_masuk)
            )
        except ValidationError as e:
            pesan = {
                field: [f"{k.nama}: {m}" for m in daftar]
                for field, daftar in getattr(e, "message_dict", {"klien": e.messages}).items()
            }
            raise ValidationError(pesan) from e
    return hasil


@transaction.atomic
def sesi_ubah(*, sesi: Sesi, oleh: User, data: dict) -> Sesi:
    """Change when, where and how a session is held, its facilitator and notes. The row is
    locked through the user's scope (a PK: the office's group sessions and their own
    clients' individual ones). A session whose attendance is already recorded keeps its
    day (the time may change): its outcomes were recorded for that day."""
    tolak_kunci_asing(data, FIELD_DATA_SESI)
    sesi = Sesi.objects.for_user(oleh).select_for_update(of=("self",)).get(pk=sesi.pk)
    mulai = data.get("mulai", sesi.mulai)
    if (
        timezone.localdate(mulai) != timezone.localdate(sesi.mulai)
        and Kehadiran.objects.filter(sesi=sesi).exists()
    ):
        raise ValidationError(
            {
                "tanggal": _(
                    "Kehadiran sesi ini sudah dicatat untuk %(tanggal)s, jadi sesi tidak dapat "
                    "dipindah ke hari lain (jamnya masih dapat diubah). Bila sesi diadakan lagi "
                    "pada hari lain, buat sesi baru."
                )
                % {"tanggal": date_format(timezone.localdate(sesi.mulai), "j F Y")}
            }
        )
    for field, nilai in data.items():
        setattr(sesi, field, nilai)
    sesi.full_clean()
    sesi.save()
    return sesi
