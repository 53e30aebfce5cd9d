"""`manage.py data_sintetis` at a small scale: the counts it promises, the data model's rules
(every CHECK while loading, every unique and foreign-key constraint rebuilt over the rows,
the indexes as they were), the rollup equal to a recount, the clients' misses in a row as
pembimbingan counts them, and its refusals."""

import io
import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.models import Count, F, Q, Sum
from django.utils import timezone

from akun.models import Kanwil, Peran, Unit, User
from jejak.models import JejakAudit, Peristiwa
from klien.models import IndikatorReintegrasi, Klien, PeristiwaResidivisme, RiwayatStatus
from klien.nik import periksa_nik
from klien.rekap import perbedaan as perbedaan_klien
from laporan.management.commands.data_sintetis import DIISI
from pembimbingan.kepatuhan import mangkir_berturut, peserta_pada
from pembimbingan.models import Kehadiran, Peserta, Program, RekapKehadiran, Sesi
from pembimbingan.pilihan import HASIL_HADIR, HasilHadir
from pembimbingan.rekap import perbedaan
from tests.jejak.test_pemicu_postgresql import pasang_sql_jejak
from tests.klien.factories import KlienFactory

hanya_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="data_sintetis loads with PostgreSQL's COPY and DDL; it refuses SQLite (tested below)",
)
SKALA = 0.01  # 2 offices, 30 PKs, 2,000 clients, 30 programmes, 3,000 sessions, ~100,000 rows


def _tanpa_cast(definisi: str) -> str:
    return re.sub(r"::[a-z ]+(\[\])?|[()]", "", definisi)


def _indeks_dan_kendala() -> set[tuple]:
    """Every index and constraint (name, definition) of the tables the command fills."""
    tabel = [m._meta.db_table for m in DIISI]
    with connection.cursor() as c:
        c.execute(
            "SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index "
            "WHERE indrelid::regclass::text = ANY(%s)",
            [tabel],
        )
        # (a partial index's predicate comes back from its own definition with the casts
        # placed otherwise: `ARRAY[('A'::varchar)::text]` as `(ARRAY['A'::varchar])::text[]`;
        # the same index, compared without the casts and brackets)
        hasil = {(nama, _tanpa_cast(d)) for nama, d in c.fetchall()}
        c.execute(
            "SELECT conname, pg_get_constraintdef(oid), convalidated FROM pg_constraint "
            "WHERE conrelid::regclass::text = ANY(%s)",
            [tabel],
        )
        return hasil | set(c.fetchall())


@hanya_postgresql
def test_data_sintetis_skala_kecil(wilayah_bali):
    """One load (a few seconds), then everything it promises."""
    pasang_sql_jejak()  # the trail's append-only trigger, as the migrations install it
    sebelum = _indeks_dan_kendala()
    out = io.StringIO()
    call_command("data_sintetis", skala=SKALA, seed=7, stdout=out)

    # every step printed with its time
    assert "kehadiran …" in out.getvalue() and "detik" in out.getvalue()
    _jumlah_sesuai_rencana()
    # the indexes and constraints set aside while loading are back, each validated
    assert _indeks_dan_kendala() == sebelum
    # the rollup is a recount of the rows
    assert perbedaan() == []
    assert perbedaan_klien() == []  # the clients' flows per office and month too
    assert RekapKehadiran.objects.aggregate(n=Sum("jumlah"))["n"] == Kehadiran.objects.count()
    _kehadiran_masuk_akal()
    _residivisme_lebih_banyak_pada_yang_jarang_hadir()
    _nik_mungkin_dan_sesuai()
    _nama_dan_penjamin_sesuai()
    # new rows after the load get ids past the loaded ones (the sequences were moved)
    unit = Unit.objects.order_by("pk").first()
    pk = User.objects.filter(unit=unit, peran=Peran.PK).first()
    baru = KlienFactory(unit=unit, pk_pembimbing=pk)
    assert baru.pk > Klien.objects.exclude(pk=baru.pk).order_by("-pk").first().pk


def _jumlah_sesuai_rencana():
    assert Kanwil.objects.count() == 1  # only Bali is loaded: its offices share its Kanwil
    assert Unit.objects.count() == 2
    assert set(Unit.objects.values_list("zona_waktu", flat=True)) == {"Asia/Makassar"}
    peran = dict(User.objects.values_list("peran").annotate(n=Count("pk")))
    assert peran == {Peran.PK: 30, Peran.KASI: 2, Peran.KANWIL: 1, Peran.PUSAT: 1}
    assert Klien.objects.count() == 2000
    assert Program.objects.count() == 30
    assert 2900 <= Sesi.objects.count() <= 3100
    assert 80_000 <= Kehadiran.objects.count() <= 120_000
    assert 18_000 <= JejakAudit.objects.count() <= 22_000
    assert Peserta.objects.exists() and IndikatorReintegrasi.objects.exists()
    assert set(Sesi.objects.values_list("jenis", flat=True)) == {
        "kelompok", "layanan_pos", "wajib_lapor", "kunjungan_rumah"
    }  # fmt: skip
    assert {Peristiwa.LIHAT, Peristiwa.BUAT, Peristiwa.UBAH, Peristiwa.MASUK} <= set(
        JejakAudit.objects.values_list("jenis", flat=True)
    )
    # one intake row per client; an ended client's last row is its end
    assert RiwayatStatus.objects.filter(status_lama="").count() == Klien.objects.count()
    berakhir = Klien.objects.exclude(status__in=["PENERIMAAN", "AKTIF"])
    assert berakhir.count() == RiwayatStatus.objects.filter(status_lama="AKTIF").count()


def _nik_mungkin_dan_sesuai():
    """Every NIK could exist and agrees with its client: Bali's province, a regency and
    kecamatan of the code list, the birth date and sex (no warning on any client's page)."""
    klien = list(Klien.objects.exclude(nik="").values_list("nik", "tanggal_lahir", "jenis_kelamin"))
    assert len(klien) > 1500
    assert [k for k in klien if periksa_nik(*k)] == []
    assert {nik[:2] for nik, _l, _j in klien} == {"51"}


def _nama_dan_penjamin_sesuai():
    """Balinese names (only Bali is loaded) follow the person's sex: "I" for a man, "Ni" for a
    woman; a guarantor's relation fits the client (a man's spouse is "Istri", a woman's
    "Suami", and only a married client's) and the guarantor's name fits the relation."""
    laki = {"Ayah": True, "Paman": True, "Suami": True, "Ibu": False, "Bibi": False, "Istri": False}
    baris = Klien.objects.values_list(
        "jenis_kelamin", "nama", "nama_penjamin", "hubungan_penjamin", "status_perkawinan"
    )
    salah = []
    for jk, nama, penjamin, hubungan, kawin in baris:
        pasangan = {"Istri": ("L", "KAWIN"), "Suami": ("P", "KAWIN")}.get(hubungan, (jk, kawin))
        if (
            nama.split()[0] != ("I" if jk == "L" else "Ni")
            or penjamin.split()[0] not in ("I", "Ni")
            or (hubungan in laki and (penjamin.split()[0] == "I") != laki[hubungan])
            or pasangan != (jk, kawin)
        ):
            salah.append((jk, nama, penjamin, hubungan, kawin))
    assert salah == []
    assert {"Istri", "Suami"} <= {h for _j, _n, _p, h, _k in baris}


def _kehadiran_masuk_akal():
    hadir = Kehadiran.objects.filter(hasil__in=HASIL_HADIR).count() / Kehadiran.objects.count()
    assert 0.70 <= hadir <= 0.80
    alasan = dict(
        Kehadiran.objects.filter(hasil=HasilHadir.IZIN)
        .values_list("alasan")
        .annotate(n=Count("pk"))
    )
    assert max(alasan, key=alasan.get) == "pekerjaan"  # work clashes lead (DOMAIN.md)
    assert Kehadiran.objects.filter(hasil=HasilHadir.MENUNGGU_KETERANGAN).exists()
    # a row belongs to its session's office and its client's
    assert not Kehadiran.objects.exclude(unit_id=F("sesi__unit_id")).exists()
    assert not Kehadiran.objects.exclude(unit_id=F("klien__unit_id")).exists()
    # a group session's rows are its programme's participants on the day
    sesi = Sesi.objects.filter(jenis="kelompok", versi=1).order_by("pk")[10]
    tanggal = timezone.localdate(sesi.mulai)
    assert set(sesi.kehadiran.values_list("klien_id", flat=True)) == set(
        peserta_pada(sesi.program_id, tanggal).values_list("klien_id", flat=True)
    )
    # the stored misses in a row are what pembimbingan counts from the rows
    berjalan = dict(Klien.objects.berjalan().values_list("pk", "mangkir_berturut"))
    assert berjalan == mangkir_berturut(berjalan)
    assert Klien.objects.berjalan().filter(mangkir_berturut__gte=3).exists()


def _residivisme_lebih_banyak_pada_yang_jarang_hadir():
    """Among clients whose guidance ended, a new offence is likelier below 75 % attendance of
    group sessions than at 75 % and above."""
    klien = Klien.objects.filter(status__in=["SELESAI", "DICABUT"]).annotate(
        n=Count("kehadiran", filter=Q(kehadiran__sesi__jenis="kelompok")),
        hadir=Count(
            "kehadiran",
            filter=Q(kehadiran__sesi__jenis="kelompok", kehadiran__hasil__in=HASIL_HADIR),
        ),
        residivis=Count("residivisme", distinct=True),
    )
    rendah = [k.residivis > 0 for k in klien if k.n and k.hadir < 0.75 * k.n]
    tinggi = [k.residivis > 0 for k in klien if k.n and k.hadir >= 0.75 * k.n]
    assert len(rendah) >= 30 and len(tinggi) >= 30
    assert sum(rendah) / len(rendah) > sum(tinggi) / len(tinggi)
    assert not PeristiwaResidivisme.objects.exclude(unit_id=F("klien__unit_id")).exists()


@hanya_postgresql
def test_menolak_basis_data_berisi_data_kantor(unit):
    with pytest.raises(CommandError, match="sudah berisi data kantor"):
        call_command("data_sintetis", skala=SKALA, stdout=io.StringIO())
    assert Unit.objects.count() == 1 and not Klien.objects.exists()


@pytest.mark.skipif(connection.vendor == "postgresql", reason="the refusal on SQLite")
def test_menolak_sqlite(db):
    with pytest.raises(CommandError, match="hanya untuk PostgreSQL"):
        call_command("data_sintetis", skala=SKALA, stdout=io.StringIO())
    assert not Unit.objects.exists()
