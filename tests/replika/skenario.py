"""The replica scenario, run by tests/replika/test_integrasi.py in a process of its own.

Django is set up with `default` on a private primary and `replika` on its hot standby
(tests/replika/pengaturan.py; the standby's data directory and port in REPLIKA_SIAGA_DATA and
REPLIKA_SIAGA_PORT, to stop it). The tables are made on the primary and reach the standby by
streaming; then two Kasis of one office use the reports through Django's test client while
the standby's replay is paused, lagging, resumed and stopped. What each request read, from
which alias, is printed as one JSON object; the test asserts on it.
"""

import json
import logging
import os
import re
import sys
import time
from pathlib import Path

NAMA_BARU = "Ni Luh Tulisan Sendiri"
TULIS = re.compile(r"\s*(INSERT|UPDATE|DELETE)")


class _Catatan(logging.Handler):
    def __init__(self):
        super().__init__(logging.INFO)
        self.pesan: list[str] = []

    def emit(self, record):
        self.pesan.append(f"{record.levelname} {record.getMessage()}")


def _tabel(kueri) -> list[str]:
    return sorted({t for q in kueri for t in re.findall(r'FROM "(\w+)"', q["sql"])})


def main() -> dict:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.replika.pengaturan")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from akun.models import Peran
    from inti import replika
    from klien.models import Klien
    from tests.factories import DesaFactory, UnitFactory, UserFactory
    from tests.klien.factories import KlienFactory, data_form_klien
    from tests.replika.kluster import Kluster

    catatan = _Catatan()
    logging.getLogger("bapas.replika").addHandler(catatan)
    logging.getLogger("bapas.replika").setLevel(logging.INFO)
    hasil: dict = {}

    def sql(alias: str, kueri: str, param=()):
        with connections[alias].cursor() as c:
            c.execute(kueri, param)
            return c.fetchone()[0]

    def tunggu_replay(batas: float = 15.0) -> None:
        lsn = sql("default", "SELECT pg_current_wal_lsn()::text")
        akhir = time.monotonic() + batas
        while not sql(
            "replika", "SELECT pg_wal_lsn_diff(pg_last_wal_replay_lsn(), %s) >= 0", [lsn]
        ):
            if time.monotonic() > akhir:
                raise TimeoutError("the standby did not replay the primary's WAL")
            time.sleep(0.05)

    def minta(klien: Client, nama: str, *, tangkap_replika: bool = True) -> dict:
        """GET a report; its status, body (an export streamed to the end) and queries."""
        with CaptureQueriesContext(connections["default"]) as primer:
            if tangkap_replika:
                with CaptureQueriesContext(connections["replika"]) as siaga:
                    r = klien.get(reverse(nama))
                    isi = b"".join(r.streaming_content) if r.streaming else r.content
            else:
                siaga = []
                r = klien.get(reverse(nama))
                isi = b"".join(r.streaming_content) if r.streaming else r.content
        teks = isi.decode("utf-8", "replace")
        return {
            "status": r.status_code,
            "kueri_primer": len(primer),
            "kueri_replika": len(siaga),
            "tabel_primer": _tabel(primer),
            "tabel_replika": _tabel(siaga),
            "tulis_replika": [q["sql"][:80] for q in siaga if TULIS.match(q["sql"])],
            "tulis_jejak_primer": sum('INSERT INTO "jejak_jejakaudit"' in q["sql"] for q in primer),
            "nama_baru": NAMA_BARU in teks,
            "klien_lama": len(re.findall(r"I Wayan Klien \d+", teks)),
        }  # fmt: skip

    mulai = time.monotonic()
    call_command("migrate", run_syncdb=True, verbosity=0, database="default")
    unit = UnitFactory()
    desa = DesaFactory()
    unit.wilayah_kerja.add(desa.kecamatan.kabupaten)
    pk = UserFactory(peran=Peran.PK, unit=unit)
    kasi = UserFactory(peran=Peran.KASI, unit=unit)
    kasi_penulis = UserFactory(peran=Peran.KASI, unit=unit)
    KlienFactory.create_batch(3, pk_pembimbing=pk, desa=desa)
    pembaca, penulis = Client(), Client()
    pembaca.force_login(kasi)
    penulis.force_login(kasi_penulis)
    tunggu_replay()
    hasil["skema_dan_data_detik"] = round(time.monotonic() - mulai, 1)

    # 1. the standby in step: the dashboard and the client export read it
    hasil["dasbor"] = minta(pembaca, "laporan:dashboard")
    hasil["ekspor"] = minta(pembaca, "klien:klien-ekspor")
    hasil["daftar"] = minta(pembaca, "klien:klien-list")  # not a report: the primary

    # 2. replay paused on the standby; the other Kasi adds a client through the form
    sql("replika", "SELECT pg_wal_replay_pause()::text")
    while sql("replika", "SELECT pg_get_wal_replay_pause_state()") != "paused":
        time.sleep(0.05)
    r = penulis.post(
        reverse("klien:klien-create"),
        data_form_klien(desa, pk_pembimbing=pk.pk, nama=NAMA_BARU, no_register="BARU-1"),
    )
    hasil["tulis"] = {
        "status": r.status_code,
        "kuki_lengket": replika.KUKI_LENGKET in r.cookies,
        "di_primer": Klien.objects.filter(nama=NAMA_BARU).exists(),
        "di_siaga": sql("replika", "SELECT count(*) FROM klien_klien WHERE nama = %s", [NAMA_BARU]),
    }  # fmt: skip
    # the writer's own export: the primary (pinned); the reader's: the paused standby
    hasil["ekspor_penulis"] = minta(penulis, "klien:klien-ekspor")
    hasil["ekspor_pembaca_jeda"] = minta(pembaca, "klien:klien-ekspor")

    # 3. the standby further behind than REPLIKA_JEDA_MAKS_DETIK: the primary serves
    time.sleep(0.6)
    with override_settings(REPLIKA_JEDA_MAKS_DETIK=0.5):
        replika.lupakan_status()
        hasil["ekspor_pembaca_tertinggal"] = minta(pembaca, "klien:klien-ekspor")
    hasil["jeda_tercatat"] = replika._status.jeda

    # 4. replay resumed: the standby has the new client
    sql("replika", "SELECT pg_wal_replay_resume()::text")
    tunggu_replay()
    replika.lupakan_status()
    hasil["ekspor_pembaca_pulih"] = minta(pembaca, "klien:klien-ekspor")

    # 5. the standby stopped while the dashboard reads it (its first query of the clients
    #    stops it): that report runs again on the primary; the next one does not try it
    data, port = os.environ["REPLIKA_SIAGA_DATA"], int(os.environ["REPLIKA_SIAGA_PORT"])
    siaga = Kluster(Path(data).parent, port)
    dihentikan = []

    def henti_di_tengah(execute, sql, params, many, context):
        if not dihentikan and "klien_klien" in sql:
            dihentikan.append(sql[:60])
            siaga.henti()  # pg_ctl stop -m fast: this connection is terminated
        return execute(sql, params, many, context)

    with connections["replika"].execute_wrapper(henti_di_tengah):
        hasil["dasbor_siaga_mati"] = minta(pembaca, "laporan:dashboard", tangkap_replika=False)
    hasil["siaga_dihentikan_di_tengah"] = bool(dihentikan) and not siaga.menerima()
    hasil["ekspor_siaga_mati"] = minta(pembaca, "klien:klien-ekspor", tangkap_replika=False)
    hasil["log"] = catatan.pesan
    hasil["total_detik"] = round(time.monotonic() - mulai, 1)
    return hasil


if __name__ == "__main__":
    sys.stdout.write(json.dumps(main()) + "\n")
