"""`manage.py data_sintetis`: fill an empty PostgreSQL database with national-scale synthetic
data (about 90 offices, 3,000 PKs, 200,000 clients, 3,000 programmes, 300,000 sessions,
10,000,000 attendance rows, 2,000,000 audit entries, at `--skala 1`) and its rollup, for the
reports' benchmark (bench/laporan.py). What is made and how: laporan/management/sintetis.

Refused, changing nothing, on SQLite and on a database that already holds office data. The
regions are loaded first when there are none (`muat_wilayah --semua`); with only some
provinces loaded, the offices spread over those. Everything after the regions is one
transaction: a failure leaves the database as it was. It drops and rebuilds indexes and
constraints of the tables it fills, so it runs as the tables' owner (as `migrate` does),
never as the application's database role."""

import io
import random
import time

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from akun.models import Kanwil, Unit, User
from jejak.models import JejakAudit
from klien.models import IndikatorReintegrasi, Klien, PeristiwaResidivisme, RiwayatStatus
from laporan.management.sintetis import Konteks, Rencana, jejak, kantor, kehadiran, program, rekap
from laporan.management.sintetis import klien as klien_sintetis
from laporan.management.sintetis.salin import lepas_indeks, pasang_indeks, setel_urutan
from pembimbingan.models import (
    JadwalLapor,
    Kehadiran,
    PendaftaranPos,
    Peserta,
    PosLayanan,
    Program,
    RekapKehadiran,
    Sesi,
    SumberDaya,
)
from pokmas.models import LayananMitra, Mitra, PerjanjianKerjaSama, RiwayatStatusMitra
from wilayah.models import Desa

# Tables that must be empty: any of these means the database holds office data.
DATA_KANTOR = (Kanwil, Unit, Klien, Mitra, Program, Sesi, Kehadiran, RekapKehadiran)
# Tables filled without their secondary indexes and foreign keys (rebuilt after the load).
TABEL_BESAR = (Klien, RiwayatStatus, IndikatorReintegrasi, Sesi, Peserta, PendaftaranPos, Kehadiran)
TABEL_AKHIR = (JejakAudit, RekapKehadiran)
TABEL_LEPAS = TABEL_BESAR + TABEL_AKHIR
# Every table written with explicit ids, whose sequences move past them.
DENGAN_ID = (Kanwil, Unit, User, Mitra, PosLayanan, Klien, Program, Sesi)
DIISI = (
    Kanwil, Unit, User, PosLayanan, Mitra, LayananMitra, RiwayatStatusMitra,
    PerjanjianKerjaSama, Klien, RiwayatStatus, IndikatorReintegrasi, PeristiwaResidivisme,
    Program, SumberDaya, Peserta, Sesi, PendaftaranPos, JadwalLapor, Kehadiran,
    JejakAudit, RekapKehadiran,
)  # fmt: skip
USERNAME_PUSAT = "pusat.sintetis"


class Command(BaseCommand):
    help = _(
        "Mengisi basis data PostgreSQL yang kosong dengan data sintetis berskala nasional "
        "(kantor, PK, klien, program, sesi, kehadiran, jejak audit) beserta rekapnya."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--skala",
            type=float,
            default=1.0,
            help=_("Skala jumlah data (1 = skala nasional; 0.01 untuk uji cepat)."),
        )
        parser.add_argument(
            "--seed", type=int, default=12, help=_("Benih acak (data yang sama untuk benih sama).")
        )
        parser.add_argument(
            "--kantor", type=int, help=_("Jumlah kantor (bawaan: 90 dikali skala, minimal 2).")
        )

    def handle(self, *args, skala, seed, kantor, **options):
        self._periksa(skala, kantor)
        self.mulai_semua = time.perf_counter()
        if not Desa.objects.exists():
            self._langkah(_("wilayah (seluruh Indonesia)"), self._muat_wilayah)
        rencana = Rencana.dari_skala(skala, kantor)
        self.stdout.write(
            _(
                "Rencana: %(kantor)d kantor, %(pk)d PK, %(klien)d klien, %(program)d program, "
                "%(sesi)d sesi, sekitar %(hadir)d kehadiran, %(jejak)d jejak audit."
            )
            % {
                "kantor": rencana.kantor,
                "pk": rencana.pk,
                "klien": rencana.klien,
                "program": rencana.program,
                "sesi": sum(rencana.sesi.values()),
                "hadir": rencana.kehadiran,
                "jejak": rencana.jejak,
            }
        )
        ctx = Konteks(
            rencana=rencana,
            rng=random.Random(seed),  # noqa: S311 (synthetic data)
            seed=seed,
            hari_ini=timezone.localdate(),
            sekarang=timezone.now(),
            sandi_hash=make_password(settings.DEMO_PASSWORD),  # once, for every account
        )
        with transaction.atomic():
            self._muat(ctx)
        if not connection.in_atomic_block:
            self._langkah(_("VACUUM ANALYZE"), self._vacuum)
        self.stdout.write(
            self.style.SUCCESS(
                _("Selesai dalam %(detik).1f detik.")
                % {"detik": time.perf_counter() - self.mulai_semua}
            )
        )
        self.stdout.write(
            _(
                "Akun: kasi.001 dst. (Kasi tiap kantor), pk.001.01 dst., kanwil.001 dst., "
                "%(pusat)s; kata sandi semua akun: %(pw)s (atur DEMO_PASSWORD untuk kata "
                "sandi lain)."
            )
            % {"pusat": USERNAME_PUSAT, "pw": settings.DEMO_PASSWORD}
        )

    def _periksa(self, skala: float, kantor: int | None) -> None:
        if connection.vendor != "postgresql":
            raise CommandError(
                _(
                    "Data sintetis hanya untuk PostgreSQL (basis data ini: %(vendor)s). "
                    "Tidak ada yang diubah."
                )
                % {"vendor": connection.vendor}
            )
        if not 0 < skala <= 5:
            raise CommandError(_("Skala harus lebih dari 0 dan paling besar 5."))
        if kantor is not None and kantor < 1:
            raise CommandError(_("Jumlah kantor sedikitnya 1."))
        for model in DATA_KANTOR:
            if model.objects.exists():
                raise CommandError(
                    _(
                        "Basis data ini sudah berisi data kantor (%(tabel)s). Data sintetis "
                        "hanya diisi ke basis data yang kosong; tidak ada yang diubah."
                    )
                    % {"tabel": model._meta.verbose_name_plural}
                )
        if User.objects.filter(username__iexact=USERNAME_PUSAT).exists():
            raise CommandError(
                _("Akun %(nama)s sudah ada; data sintetis hanya diisi ke basis data yang kosong.")
                % {"nama": USERNAME_PUSAT}
            )

    def _langkah(self, nama: str, fungsi, *args):
        self.stdout.write(_("%(nama)s …") % {"nama": nama}, ending="")
        self.stdout.flush()
        mulai = time.perf_counter()
        hasil = fungsi(*args)
        self.stdout.write(
            _(" %(detik).1f detik%(hasil)s")
            % {
                "detik": time.perf_counter() - mulai,
                "hasil": f" ({hasil})" if hasil not in (None, "") else "",
            }
        )
        return hasil

    def _muat_wilayah(self):
        call_command("muat_wilayah", semua=True, stdout=io.StringIO())
        return _("%(n)d desa/kelurahan") % {"n": Desa.objects.count()}

    def _catatan(self, ctx: Konteks, fungsi):
        def jalan():
            ada = len(ctx.catatan)
            fungsi(ctx)
            return "; ".join(ctx.catatan[ada:])

        return jalan

    def _muat(self, ctx: Konteks) -> None:
        with connection.cursor() as c:
            c.execute("SET LOCAL synchronous_commit = off")
            c.execute("SET LOCAL work_mem = '256MB'")
            c.execute("SET LOCAL maintenance_work_mem = '1GB'")
            # A table whose rows wait for a deferred foreign-key check cannot be altered (the
            # caller's rows, e.g. regions loaded in the same transaction): check them now,
            # and the foreign keys kept in place check each row as it comes.
            c.execute("SET CONSTRAINTS ALL IMMEDIATE")
        indeks = {}
        self._langkah(
            _("indeks dan kendala tabel besar dilepas"),
            lambda: indeks.update({m: lepas_indeks(m._meta.db_table) for m in TABEL_LEPAS}),
        )
        self._langkah(
            _("kantor, wilayah kerja, pos layanan"), self._catatan(ctx, kantor.buat_kantor)
        )
        self._langkah(_("akun"), self._catatan(ctx, kantor.buat_pengguna))
        self._langkah(_("mitra dan PKS"), self._catatan(ctx, kantor.buat_mitra))
        self._langkah(_("klien dan riwayat status"), self._catatan(ctx, klien_sintetis.buat_klien))
        self._langkah(
            _("program, peserta, sesi, pendaftaran pos, jadwal lapor"),
            self._catatan(ctx, program.buat_program_dan_sesi),
        )
        self._langkah(
            _("kehadiran"), lambda: _("%(n)d baris") % {"n": kehadiran.tulis_kehadiran(ctx)}
        )
        self._langkah(
            _("indeks dan kendala dibangun ulang"), lambda: self._pasang(indeks, TABEL_BESAR)
        )
        self._langkah(
            _("mangkir berturut-turut"),
            lambda: _("%(n)d klien") % {"n": kehadiran.setel_kepatuhan(ctx)},
        )
        self._langkah(
            _("residivisme"), lambda: _("%(n)d peristiwa") % {"n": kehadiran.tulis_residivisme(ctx)}
        )
        self._langkah(_("jejak audit"), lambda: _("%(n)d entri") % {"n": jejak.tulis_jejak(ctx)})
        self._langkah(_("rekap kehadiran"), lambda: _("%(n)d sel") % {"n": rekap.tulis_rekap()})
        self._langkah(_("indeks jejak dan rekap"), lambda: self._pasang(indeks, TABEL_AKHIR))
        self._langkah(_("urutan id"), lambda: setel_urutan(DENGAN_ID))
        with connection.cursor() as c:
            c.execute("SET CONSTRAINTS ALL DEFERRED")  # back to the foreign keys' own mode

    def _pasang(self, indeks: dict, models) -> None:
        """Rebuild what was set aside on `models` (each constraint checks every row), then
        give the planner their statistics for the steps that read them."""
        with connection.cursor() as c:
            for m in models:
                pasang_indeks(indeks.pop(m))
                c.execute(f"ANALYZE {connection.ops.quote_name(m._meta.db_table)}")

    def _vacuum(self) -> None:
        with connection.cursor() as c:
            for m in DIISI:
                c.execute(f"VACUUM (ANALYZE) {connection.ops.quote_name(m._meta.db_table)}")
