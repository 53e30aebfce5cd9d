"""Every write of programmes, enrolments, sessions and attendance: keyword-only, one
transaction each, recorded in the audit trail."""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from akun.izin import Izin, boleh
from akun.models import User
from inti.kendala import TakTerbaca, periksa_di_python
from inti.layanan import tolak_kunci_asing
from jejak.massal import catat_massal
from klien.models import Klien
from klien.services import klien_setel_kepatuhan_lapor, klien_setel_kepatuhan_lapor_banyak
from pokmas.models import Mitra

from .jadwal import jatuh_tempo_berikutnya, tanggal_dari_teks
from .kalender import hari_libur
from .kepatuhan import klien_sesi, mangkir_berturut
from .models import JadwalLapor, Kehadiran, Peserta, Program, Sesi, SumberDaya
from .pilihan import (
    HARI_KERJA_KETERANGAN,
    HASIL_HADIR,
    AlasanAbsen,
    HasilHadir,
    JenisSesi,
    ModaSesi,
    PolaLapor,
    StatusPeserta,
)
from .rekap import rekap_terapkan

FIELD_DATA_PROGRAM = frozenset(
    {
        "nama",
        "jenis",
        "topik",
        "mitra",
        "tempat",
        "tanggal_mulai",
        "tanggal_selesai",
        "kapasitas",
        "anggaran",
    }
)
MINGGU_BERULANG_MAKS = 52


# --- Programmes and enrolment ------------------------------------------------------------


@transaction.atomic
def program_buat(*, oleh: User, data: dict, sumber_daya: list[dict] | None = None) -> Program:
    """A programme of the office of `oleh`, run by the office (no `mitra`) or by an active
    partner of that office whose agreement is in force today. `sumber_daya`: its kits and
    materials, each {"nama", "jumlah", "satuan"}."""
    tolak_kunci_asing(data, FIELD_DATA_PROGRAM)
    mitra = data.get("mitra")
    if (
        mitra is not None
        and not Mitra.objects.filter(pk=mitra.pk, unit=oleh.unit_id)
        .tersedia_untuk_program_baru()
        .exists()
    ):
        raise ValidationError(
            {"mitra": _("Pilih mitra aktif kantor ini yang perjanjian kerja samanya berlaku.")}
        )
    program = Program(**data, unit_id=oleh.unit_id, dibuat_oleh=oleh)
    program.full_clean()
    program.save()
    for sd in sumber_daya or []:  # a handful: saved one by one, so the trail sees each
        baris = SumberDaya(program=program, **sd)
        baris.full_clean()
        baris.save()
    return program


@transaction.atomic
def peserta_daftar(
    *, program: Program, klien: Klien, oleh: User, tanggal_masuk: datetime.date | None = None
) -> Peserta:
    """Enrol a running client of the programme's office. The programme row is locked first,
    so two enrolments at once are counted one after the other: the capacity (a rule across
    rows, which no CHECK constraint can hold) is never exceeded. A second active enrolment
    of the same client is refused here and, in a race, by the database's unique index."""
    program = Program.objects.for_user(oleh).select_for_update(of=("self",)).get(pk=program.pk)
    tanggal_masuk = tanggal_masuk or timezone.localdate()
    if klien.unit_id != program.unit_id:
        raise ValidationError({"klien": _("Klien bukan klien kantor penyelenggara program.")})
    if not klien.berjalan:
        raise ValidationError({"klien": _("Bimbingan klien ini sudah berakhir.")})
    if program.tanggal_selesai and tanggal_masuk > program.tanggal_selesai:
        raise ValidationError({"tanggal_masuk": _("Program sudah selesai pada tanggal itu.")})
    aktif = Peserta.objects.filter(program=program, status=StatusPeserta.AKTIF)
    if aktif.filter(klien=klien).exists():
        raise ValidationError({"klien": _("Klien ini sudah menjadi peserta aktif program ini.")})
    if program.kapasitas is not None and aktif.count() >= program.kapasitas:
        raise ValidationError(
            {
                "program": _("Kapasitas program (%(n)d peserta) sudah penuh.")
                % {"n": program.kapasitas}
            }
        )
    peserta = Peserta(
        program=program,
        klien=klien,
        unit_id=klien.unit_id,
        tanggal_masuk=tanggal_masuk,
        dibuat_oleh=oleh,
    )
    peserta.full_clean()
    peserta.save()
    return peserta


@transaction.atomic
def peserta_keluar(
    *,
    peserta: Peserta,
    oleh: User,
    status: str,
    tanggal: datetime.date,
    alasan: str = "",
    hasil: str = "",
) -> Peserta:
    """End an active enrolment: completed (selesai, with its result) or dropped out (keluar,
    with the reason)."""
    peserta = Peserta.objects.for_user(oleh).select_for_update(of=("self",)).get(pk=peserta.pk)
    if peserta.status != StatusPeserta.AKTIF:
        raise ValidationError({"status": _("Keikutsertaan ini sudah berakhir.")})
    if status not in (StatusPeserta.SELESAI, StatusPeserta.KELUAR):
        raise ValidationError({"status": _("Pilih selesai atau keluar.")})
    if tanggal > timezone.localdate():
        raise ValidationError({"tanggal": _("Tanggal tidak boleh di masa depan.")})
    peserta.status = status
    peserta.tanggal_keluar = tanggal
    peserta.alasan_keluar = alasan.strip()
    peserta.hasil = hasil.strip()
    peserta.full_clean()
    peserta.save()
    return peserta


# --- Sessions ------------------------------------------------------------------------------


def _sesi_baru(*, oleh: User, jenis: str, mulai: datetime.datetime, program, klien, **lain) -> Sesi:
    if program is not None and not Program.objects.for_user(oleh).filter(pk=program.pk).exists():
        raise ValidationError({"program": _("Program tidak ditemukan di kantor Anda.")})
    if klien is not None and not Klien.objects.for_user(oleh).filter(pk=klien.pk).exists():
        raise ValidationError({"klien": _("Klien tidak ditemukan dalam beban kasus Anda.")})
    induk = program if program is not None else klien
    sesi = Sesi(
        unit_id=getattr(induk, "unit_id", None) or oleh.unit_id,
        jenis=jenis,
        mulai=mulai,
        program=program,
        klien=klien,
        pk_pencatat=oleh,
        **lain,
    )
    sesi.full_clean()
    return sesi


def _tolak_jadwal_ganda(*, oleh: User, program, klien, waktu: list[datetime.datetime]) -> None:
    """Refuse a start at which the programme or the client already has a session: a double
    tap or a retry on a bad connection plans nothing twice. The programme's or client's row
    is locked first, so two such submits at once are checked one after the other."""
    if program is not None:
        Program.objects.for_user(oleh).select_for_update(of=("self",)).filter(pk=program.pk).first()
    if klien is not None:
        list(Klien.objects.for_user(oleh).select_for_update(no_key=True).filter(pk=klien.pk))
    ada = (
        Sesi.objects.for_user(oleh)
        .filter(program=program, klien=klien, mulai__in=waktu)
        .order_by("mulai")
        .values_list("mulai", flat=True)
    )
    if ada:
        raise ValidationError(
            {
                "mulai": _("Sudah ada sesi pada %(waktu)s; jadwal yang sama tidak dibuat dua kali.")
                % {"waktu": ", ".join(date_format(timezone.localtime(m), "j F Y H:i") for m in ada)}
            }
        )


@transaction.atomic
def sesi_buat(
    *,
    oleh: User,
    jenis: str,
    mulai: datetime.datetime,
    program: Program | None = None,
    klien: Klien | None = None,
    minggu: int = 1,
    tempat: str = "",
    moda: str = ModaSesi.KANTOR,
    fasilitator: str = "",
    catatan: str = "",
) -> list[Sesi]:
    """Plan a group session of a programme of the office, or an individual session (a home
    visit) of a client `oleh` may see (a PK: their own): once, or the same weekly for
    `minggu` weeks (at most a year) from `mulai` on, all or none. A start the programme or
    client already has is refused (_tolak_jadwal_ganda). Each is saved on its own, so the
    trail sees each."""
    if not 1 <= minggu <= MINGGU_BERULANG_MAKS:
        raise ValidationError(
            {"minggu": _("Pilih 1 sampai %(n)d minggu.") % {"n": MINGGU_BERULANG_MAKS}}
        )
    waktu = [mulai + datetime.timedelta(weeks=i) for i in range(minggu)]
    _tolak_jadwal_ganda(oleh=oleh, program=program, klien=klien, waktu=waktu)
    hasil = []
    for m in waktu:
        sesi = _sesi_baru(
            oleh=oleh,
            jenis=jenis,
            mulai=m,
            program=program,
            klien=klien,
            tempat=tempat,
            moda=moda,
            fasilitator=fasilitator,
            catatan=catatan,
        )
        sesi.save()
        hasil.append(sesi)
    return hasil


# --- Attendance ----------------------------------------------------------------------------


@dataclass(frozen=True)
class HasilKehadiran:
    """One client's outcome as submitted. `dapat_diterima` is not given: it follows from
    `hasil`. `batas_keterangan` only for menunggu keterangan (default: the stored deadline,
    else HARI_KERJA_KETERANGAN working days after the later of the session and today)."""

    hasil: str
    alasan: str = ""
    keterangan: str = ""
    batas_keterangan: datetime.date | None = None


DAPAT_DITERIMA = {HasilHadir.IZIN: True, HasilHadir.TIDAK_HADIR: False}
FIELD_KEHADIRAN = ("hasil", "alasan", "dapat_diterima", "keterangan", "batas_keterangan")


def tambah_hari_kerja(tanggal: datetime.date, n: int) -> datetime.date:
    """`n` working days after `tanggal`: Monday to Friday, national holidays not counted
    (the office is closed: evidence cannot be handed in)."""
    while n:
        tanggal += datetime.timedelta(days=1)
        if tanggal.weekday() < 5 and not hari_libur(tanggal):
            n -= 1
    return tanggal


def _nilai(k: Kehadiran) -> tuple:
    return tuple(getattr(k, f) for f in FIELD_KEHADIRAN)


def _uraian(k: Kehadiran | None) -> str:
    if k is None:
        return _("belum dicatat")
    teks = k.get_hasil_display()
    if k.alasan:
        teks += f" ({k.get_alasan_display()})"
    if k.keterangan:
        teks += f": {k.keterangan}"
    return teks


def _baris_kehadiran(
    *, sesi: Sesi, klien: Klien, isian: HasilKehadiran, ada: Kehadiran | None, oleh, sekarang
) -> Kehadiran:
    """The row `isian` asks for, checked against the table's constraints in Python (no query)."""
    if isian.hasil not in HasilHadir.values:
        raise ValidationError(_("Hasil kehadiran tidak dikenal."))
    if isian.alasan and isian.alasan not in AlasanAbsen.values:
        raise ValidationError(_("Alasan tidak dikenal."))
    batas = None
    if isian.hasil == HasilHadir.MENUNGGU_KETERANGAN:
        batas = isian.batas_keterangan
        if batas is None and ada is not None and ada.hasil == HasilHadir.MENUNGGU_KETERANGAN:
            batas = ada.batas_keterangan
        if batas is None:
            dari = max(timezone.localdate(sesi.mulai), timezone.localdate(sekarang))
            batas = tambah_hari_kerja(dari, HARI_KERJA_KETERANGAN)
    baris = Kehadiran(
        sesi=sesi,
        klien=klien,
        unit=sesi.unit,  # the client's: they are the session's participants
        hasil=isian.hasil,
        alasan=isian.alasan,
        dapat_diterima=DAPAT_DITERIMA.get(isian.hasil),
        keterangan=isian.keterangan.strip(),
        batas_keterangan=batas,
        oleh=oleh,
        dicatat_pada=sekarang,
    )
    pesan = []
    for constraint in Kehadiran._meta.constraints:
        try:
            periksa_di_python(constraint, baris)
        except TakTerbaca:  # the unique (sesi, klien) one: the upsert keys on it
            continue
        except ValidationError as e:
            pesan.extend(e.messages)
    if pesan:
        raise ValidationError(pesan)
    return baris


@transaction.atomic
def sesi_catat_kehadiran(
    *,
    sesi: Sesi,
    oleh: User,
    hasil: dict[int, HasilKehadiran],
    versi: int,
    berikutnya: Mapping[int, datetime.date | None] | None = None,
    alasan_koreksi: str = "",
) -> Sesi:
    """Record the attendance of a session: `hasil` maps client ids to their outcome (a
    partial list leaves the others as they are); `versi` is the session's version the form
    was built from; `berikutnya`: new next due dates to store with the standing (lapor_catat
    gives the reporting client's; on an outreach day the present clients' due reports roll
    forward here; everyone else keeps theirs). Changing a row someone else recorded on an
    earlier day is a correction (`koreksi`): only for a role with KOREKSI_KEHADIRAN (Kasi,
    Kabapas), and only with `alasan_koreksi`, which the audit entries of the changed rows
    carry.

    One transaction and a fixed number of queries whatever the group size (listed in
    tests/pembimbingan/test_layanan_kehadiran.py): the session row is locked (so saves of the
    same session queue up), the clients and the stored rows are read once each, the new and
    changed rows are written in one upsert, their audit entries in one insert (bulk writes
    send no signals, so auditlog would not see them; jejak.massal writes the same entries),
    the version is bumped, and the consecutive misses are counted for all the clients in one
    query. Only a client whose count changed costs more: klien_setel_kepatuhan_lapor, the
    one writer of the client's reporting standing, saves them one by one.

    Safe to repeat: rows that already hold what is submitted are not written, and a
    submission identical to what is stored changes nothing, whatever its `versi` (a double
    tap, a retry on a bad connection). A submission built from an older version that differs
    from what is stored is refused (ValidationError on "versi" naming each difference), never
    written over what someone else saved in between.
    """
    terkunci = (
        Sesi.objects.for_user(oleh)
        .select_related("unit")  # the rows' office, read once (the audit entries name it)
        .select_for_update(of=("self",))  # the session's row only, never the office's
        .filter(pk=sesi.pk)
        .first()
    )
    if terkunci is None:
        raise Sesi.DoesNotExist
    sesi = terkunci
    sekarang = timezone.now()
    if timezone.localdate(sesi.mulai) > timezone.localdate(sekarang):
        raise ValidationError(_("Kehadiran belum dapat dicatat sebelum hari sesi."))
    if not hasil:
        raise ValidationError(_("Tidak ada kehadiran yang dicatat."))
    klien = {k.pk: k for k in klien_sesi(sesi)}
    bukan_peserta = sorted(set(hasil) - set(klien))
    if bukan_peserta:
        raise ValidationError(
            {
                "hasil": _("Bukan peserta sesi ini (id klien): %(ids)s.")
                % {"ids": ", ".join(map(str, bukan_peserta))}
            }
        )
    ada = {k.klien_id: k for k in Kehadiran.objects.filter(sesi=sesi).select_related("oleh")}
    for k in ada.values():  # what the audit diff reads by name, without a query per row
        k.sesi, k.unit = sesi, sesi.unit
        if k.klien_id in klien:  # (only participants' rows are written, and so diffed)
            k.klien = klien[k.klien_id]

    baru, galat = {}, {}
    for klien_id, isian in hasil.items():
        try:
            baru[klien_id] = _baris_kehadiran(
                sesi=sesi,
                klien=klien[klien_id],
                isian=isian,
                ada=ada.get(klien_id),
                oleh=oleh,
                sekarang=sekarang,
            )
        except ValidationError as e:
            galat[f"hasil_{klien_id}"] = e.messages
    if galat:
        raise ValidationError(galat)

    berubah = {i: b for i, b in baru.items() if i not in ada or _nilai(ada[i]) != _nilai(b)}
    if not berubah:
        return sesi  # what is stored already: nothing to write, nothing to record
    if versi != sesi.versi:
        beda = [
            _("%(nama)s: tersimpan %(lama)s, isian Anda %(baru)s")
            % {"nama": klien[i].nama, "lama": _uraian(ada.get(i)), "baru": _uraian(b)}
            for i, b in sorted(berubah.items(), key=lambda p: klien[p[0]].nama)
        ]
        raise ValidationError(
            {
                "versi": [
                    _(
                        "Kehadiran sesi ini sudah diubah orang lain sejak formulir dibuka; "
                        "periksa perbedaannya lalu simpan lagi."
                    ),
                    *beda,
                ]
            }
        )

    dikoreksi = [i for i in berubah if i in ada and koreksi(ada[i], oleh, sekarang)]
    alasan_koreksi = alasan_koreksi.strip()
    if dikoreksi and not boleh(oleh, Izin.KOREKSI_KEHADIRAN):
        raise ValidationError(
            {
                "hasil": _(
                    "Kehadiran yang dicatat orang lain hanya dapat dikoreksi oleh Kasi atau "
                    "Kabapas: %(nama)s."
                )
                % {"nama": ", ".join(sorted(klien[i].nama for i in dikoreksi))}
            }
        )
    if dikoreksi and not alasan_koreksi:
        raise ValidationError(
            {"alasan_koreksi": _("Sebutkan alasan koreksi kehadiran yang dicatat orang lain.")}
        )

    baris = list(berubah.values())
    Kehadiran.objects.bulk_create(
        baris,
        update_conflicts=True,
        unique_fields=["sesi", "klien"],
        update_fields=[*FIELD_KEHADIRAN, "oleh", "dicatat_pada"],
    )
    for b in baris:  # the upsert returns the ids of inserted rows; updated ones keep theirs
        if b.klien_id in ada:
            b.pk = ada[b.klien_id].pk
    catat_massal(
        [(ada.get(b.klien_id), b) for b in baris],
        pelaku=oleh,
        tambahan={"koreksi": alasan_koreksi} if dikoreksi else None,
    )
    rekap_terapkan([(ada.get(b.klien_id), b) for b in baris])  # the rollup, same transaction
    Sesi.objects.filter(pk=sesi.pk).update(versi=F("versi") + 1)
    sesi.versi += 1

    berikutnya = dict(berikutnya or {})
    if sesi.layanan_pos:
        hadir = [klien[i] for i, b in baru.items() if b.hasil in HASIL_HADIR]
        berikutnya |= _lapor_di_pos(hadir, timezone.localdate(sesi.mulai))
    _perbarui_kepatuhan([klien[i] for i in hasil], berikutnya)
    return sesi


def koreksi(tersimpan: Kehadiran, oleh: User, sekarang: datetime.datetime) -> bool:
    """Whether changing `tersimpan` corrects someone else's record: it was recorded by
    another person before today. (Two people recording the same session on its day are
    working together, and a PK may change their own records.)"""
    return tersimpan.oleh_id != oleh.pk and timezone.localdate(
        tersimpan.dicatat_pada
    ) < timezone.localdate(sekarang)


def _lapor_di_pos(hadir: list[Klien], hari: datetime.date) -> dict[int, datetime.date | None]:
    """Coming to an outreach day is reporting: the present clients whose report was due by
    that day have their next due date rolled forward by their schedule (one query)."""
    jatuh = {k.pk: k.tanggal_lapor_berikutnya for k in hadir if k.wajib_lapor_jatuh_tempo(hari)}
    if not jatuh:
        return {}
    jadwal = {j.klien_id: j for j in JadwalLapor.objects.filter(klien_id__in=jatuh)}
    return {
        i: _berikutnya(jadwal.get(i), jatuh_tempo=tempo, setelah=hari) for i, tempo in jatuh.items()
    }


def _perbarui_kepatuhan(
    klien: list[Klien], berikutnya: Mapping[int, datetime.date | None] | None = None
) -> None:
    """Push each client's consecutive misses, and the next due date where `berikutnya` gives
    one, to the register when either changed: a fixed number of queries for any number of
    clients (klien_setel_kepatuhan_lapor_banyak). The clients are locked first (NO KEY
    UPDATE, in id order), so two saves that share a client count one after the other and
    neither stores a count that misses the other's absence."""
    berikutnya = berikutnya or {}
    terkunci = Klien.objects.select_for_update(no_key=True).filter(pk__in=[k.pk for k in klien])
    list(terkunci.order_by("pk").values_list("pk", flat=True))
    hitung = mangkir_berturut([k.pk for k in klien])
    kepatuhan = {}
    for k in klien:
        tempo = berikutnya.get(k.pk, k.tanggal_lapor_berikutnya)
        if (hitung[k.pk], tempo) != (k.mangkir_berturut, k.tanggal_lapor_berikutnya):
            kepatuhan[k.pk] = (hitung[k.pk], tempo)
    klien_setel_kepatuhan_lapor_banyak(kepatuhan=kepatuhan)
    for k in klien:
        if k.pk in kepatuhan:
            k.mangkir_berturut, k.tanggal_lapor_berikutnya = kepatuhan[k.pk]


@transaction.atomic
def kepatuhan_hitung_ulang(*, klien_ids: list[int]) -> None:
    """Count the clients' misses again and store the changed ones: for a daily job, since an
    awaiting-evidence absence becomes a miss when its deadline passes without any write."""
    _perbarui_kepatuhan(list(Klien.objects.filter(pk__in=klien_ids)))


# --- Wajib lapor ---------------------------------------------------------------------------

# A missed report is placed at the start of office hours on its due date, so that it sorts
# before whatever the client attended later that day or after (the consecutive count).
JAM_LAPOR = datetime.time(8)


def _berikutnya(
    jadwal: JadwalLapor | None, *, jatuh_tempo: datetime.date, setelah: datetime.date
) -> datetime.date | None:
    """The first due date of the client's schedule after `setelah`, counted from
    `jatuh_tempo`. None without a schedule (it is never invented: the PK sets one)."""
    if jadwal is None:
        return None
    return jatuh_tempo_berikutnya(
        jadwal.pola,
        jangkar=jatuh_tempo,
        setelah=setelah,
        tanggal_tertentu=tanggal_dari_teks(jadwal.tanggal_tertentu),
    )


def _klien_terkunci(klien: Klien, oleh: User) -> Klien:
    """The client, if `oleh` may see them, locked (NO KEY UPDATE, as the standing's writer
    does) so that two reports of the same client queue up."""
    terkunci = (
        Klien.objects.for_user(oleh).select_for_update(no_key=True).filter(pk=klien.pk).first()
    )
    if terkunci is None:
        raise Klien.DoesNotExist
    return terkunci


@transaction.atomic
def jadwal_lapor_setel(
    *,
    klien: Klien,
    oleh: User,
    pola: str,
    berikutnya: datetime.date | None = None,
    tanggal_tertentu: list[datetime.date] | None = None,
) -> JadwalLapor:
    """Set a client's reporting schedule and their next due date: `berikutnya` for a weekly,
    fortnightly or monthly schedule (its anchor); for set dates, the first of
    `tanggal_tertentu` from today on. Every due date lies within the guidance period."""
    k = _klien_terkunci(klien, oleh)
    if not k.berjalan:
        raise ValidationError({"pola": _("Bimbingan klien ini sudah berakhir.")})
    if pola not in PolaLapor.values:
        raise ValidationError({"pola": _("Pilih pola lapor.")})
    hari_ini = timezone.localdate()
    tanggal = sorted(set(tanggal_tertentu or ()))
    if pola == PolaLapor.TANGGAL_TERTENTU:
        if not tanggal:
            raise ValidationError({"tanggal_tertentu": _("Isi sedikitnya satu tanggal lapor.")})
        berikutnya = next((t for t in tanggal if t >= hari_ini), None)
        if berikutnya is None:
            raise ValidationError(
                {"tanggal_tertentu": _("Semua tanggal sudah lewat: isi tanggal mendatang.")}
            )
        diperiksa, field = tanggal, "tanggal_tertentu"
    else:
        if berikutnya is None:
            raise ValidationError({"berikutnya": _("Isi tanggal wajib lapor berikutnya.")})
        tanggal = []
        diperiksa, field = [berikutnya], "berikutnya"
    for t in diperiksa:
        if t < k.tanggal_mulai:
            raise ValidationError(
                {
                    field: _("Tanggal %(t)s sebelum bimbingan dimulai (%(mulai)s).")
                    % {"t": _tgl(t), "mulai": _tgl(k.tanggal_mulai)}
                }
            )
        if t > k.tanggal_ekspirasi:
            raise ValidationError(
                {
                    field: _("Tanggal %(t)s setelah masa bimbingan berakhir (%(akhir)s).")
                    % {"t": _tgl(t), "akhir": _tgl(k.tanggal_ekspirasi)}
                }
            )
    jadwal = JadwalLapor.objects.filter(klien=k).first() or JadwalLapor(klien=k, unit_id=k.unit_id)
    jadwal.pola = pola
    jadwal.tanggal_tertentu = [t.isoformat() for t in tanggal]
    jadwal.full_clean()
    jadwal.save()
    klien_setel_kepatuhan_lapor(klien=k, mangkir_berturut=k.mangkir_berturut, berikutnya=berikutnya)
    klien.tanggal_lapor_berikutnya = berikutnya
    return jadwal


def _tgl(t: datetime.date) -> str:
    return f"{t:%d-%m-%Y}"


@transaction.atomic
def lapor_catat(
    *,
    klien: Klien,
    oleh: User,
    jatuh_tempo: datetime.date,
    hasil: HasilKehadiran,
    pada: datetime.datetime | None = None,
) -> Sesi:
    """Record a client's wajib lapor for the due date `jatuh_tempo`: reported (hadir) or
    not (izin with its reason, tidak hadir, or awaiting evidence). Creates the individual
    session and its attendance row, rolls the next due date forward by the schedule (a
    report: past the day it was made; a miss: past its own due date), and stores the
    standing, in one transaction. `pada`: when the client reported, if not now (a report
    written up later); never in the future.

    Safe to repeat: the same outcome for the same due date again returns the stored session
    and changes nothing (a double tap); another outcome for it is refused (it is changed on
    the session's attendance page, where a change is visible). A due date that is no longer
    the client's (the form was built before someone else recorded it) is refused."""
    k = _klien_terkunci(klien, oleh)
    ada = (
        Sesi.objects.filter(klien=k, jenis=JenisSesi.WAJIB_LAPOR, jatuh_tempo=jatuh_tempo)
        .prefetch_related("kehadiran")
        .first()
    )
    if ada is not None:
        tersimpan = next((h for h in ada.kehadiran.all() if h.klien_id == k.pk), None)
        if tersimpan is not None and (tersimpan.hasil, tersimpan.alasan) == (
            hasil.hasil,
            hasil.alasan,
        ):
            return ada
        raise ValidationError(
            {
                "jatuh_tempo": _(
                    "Wajib lapor jatuh tempo %(t)s sudah dicatat (%(hasil)s). Perubahan dibuat "
                    "di halaman sesinya."
                )
                % {"t": _tgl(jatuh_tempo), "hasil": _uraian(tersimpan)}
            }
        )
    if not k.berjalan:
        raise ValidationError({"jatuh_tempo": _("Bimbingan klien ini sudah berakhir.")})
    if k.tanggal_lapor_berikutnya != jatuh_tempo:
        sekarang = k.tanggal_lapor_berikutnya
        raise ValidationError(
            {
                "jatuh_tempo": _(
                    "Jadwal lapor klien ini sudah berubah (jatuh tempo sekarang: %(t)s). "
                    "Muat ulang halaman."
                )
                % {"t": _tgl(sekarang) if sekarang else _("belum dijadwalkan")}
            }
        )
    sekarang = timezone.now()
    pada = pada or sekarang
    if pada > sekarang:
        raise ValidationError({"pada": _("Waktu lapor tidak boleh di masa depan.")})
    hari_ini = timezone.localdate(pada)
    hadir = hasil.hasil in HASIL_HADIR
    if not hadir and jatuh_tempo > timezone.localdate(sekarang):
        raise ValidationError(
            {
                "hasil": _("Belum jatuh tempo: tidak lapor dapat dicatat mulai %(t)s.")
                % {"t": _tgl(jatuh_tempo)}
            }
        )
    mulai = (
        pada if hadir else timezone.make_aware(datetime.datetime.combine(jatuh_tempo, JAM_LAPOR))
    )
    sesi = _sesi_baru(
        oleh=oleh,
        jenis=JenisSesi.WAJIB_LAPOR,
        mulai=mulai,
        program=None,
        klien=k,
        jatuh_tempo=jatuh_tempo,
        moda=ModaSesi.KANTOR,
    )
    sesi.save()
    jadwal = JadwalLapor.objects.filter(klien=k).first()
    # A report answers every due date up to the day it was made. A miss answers its own due
    # date only: when it is recorded late, the next one may be due already, and is recorded
    # in turn, so that a run of misses is counted in full.
    setelah = max(jatuh_tempo, hari_ini) if hadir else jatuh_tempo
    return sesi_catat_kehadiran(
        sesi=sesi,
        oleh=oleh,
        hasil={k.pk: hasil},
        versi=sesi.versi,
        berikutnya={k.pk: _berikutnya(jadwal, jatuh_tempo=jatuh_tempo, setelah=setelah)},
    )
