"""Step 3: programmes with their resources, every session, who is enrolled or registered,
and the reporting schedules.

The attendance rows are not written here: PostgreSQL derives them from what is (kehadiran.py),
as the application does: a group session's rows are its programme's participants on the
day (`kepatuhan.peserta_pada`), an outreach day's its registered clients, an individual
session's its one client. So the numbers of rows are decided here: the individual sessions
and outreach days first, then the group sessions carry the rest of the target, each
programme keeping about its own number of participants enrolled (a participant leaves
after a stint, at the end of their guidance or of the programme, and another joins)."""

import datetime
import zoneinfo
from collections.abc import Iterator

from django.db import connection

from klien.models import Klien
from pembimbingan.models import JadwalLapor, PendaftaranPos, Peserta, Program, Sesi, SumberDaya

from . import BAGIAN_KEHADIRAN_POS, Konteks, bagi, pilih, tambah_bulan
from .kosakata import TOPIK_KEMANDIRIAN, TOPIK_KEPRIBADIAN
from .salin import id_berikutnya, salin

HARI = datetime.timedelta(days=1)
MODA_MITRA = (("lokasi_mitra", 70), ("kantor", 20), ("video", 10))
MODA_BAPAS = (("kantor", 80), ("video", 10), ("pos_layanan", 10))
MODA_LAPOR = (("kantor", 75), ("video", 15), ("pos_layanan", 10))
KOLOM_SESI = [
    "id", "unit_id", "program_id", "jenis", "klien_id", "pos_id", "mulai", "jatuh_tempo",
    "tempat", "moda", "fasilitator", "pk_pencatat_id", "catatan", "versi", "dibuat_pada",
]  # fmt: skip


class _Sesi:
    """The sessions being made, written at the end of the step in one COPY."""

    def __init__(self, ctx: Konteks):
        self.ctx = ctx
        self.id = id_berikutnya(Sesi._meta.db_table)
        self.baris: list[tuple] = []
        self.lalu = {"kelompok": 0, "layanan_pos": 0, "wajib_lapor": 0, "kunjungan_rumah": 0}

    def tambah(
        self, kantor, tanggal, jam, *, jenis, moda, pk_id, program_id=None, klien_id=None,
        pos_id=None, jatuh_tempo=None, tempat="", fasilitator="",
    ):  # fmt: skip
        """Add a session at `jam` o'clock of `tanggal` in the office's time zone; returns its
        id and whether it has begun (only those have attendance)."""
        mulai = datetime.datetime.combine(
            tanggal, datetime.time(jam), tzinfo=zoneinfo.ZoneInfo(kantor.zona)
        )
        lalu = mulai <= self.ctx.sekarang
        self.lalu[jenis] += lalu
        self.baris.append(
            (self.id, kantor.id, program_id, jenis, klien_id, pos_id, mulai, jatuh_tempo,
             tempat, moda, fasilitator, pk_id, "", 1 if lalu else 0,
             min(mulai, self.ctx.sekarang) - 2 * HARI if jenis != "wajib_lapor" else mulai)
        )  # fmt: skip
        self.id += 1
        return self.id - 1, lalu


def buat_program_dan_sesi(ctx: Konteks) -> None:
    sesi = _Sesi(ctx)
    _lapor(ctx, sesi)
    _kunjungan(ctx, sesi)
    baris_pos = _hari_pos(ctx, sesi)
    jumlah_pos = salin(
        PendaftaranPos._meta.db_table,
        ["unit_id", "sesi_id", "klien_id", "didaftarkan_oleh_id", "didaftarkan_pada"],
        baris_pos,
    )
    sisa = ctx.rencana.kehadiran - sesi.lalu["wajib_lapor"] - sesi.lalu["kunjungan_rumah"]
    _program(ctx, sesi, sisa_baris=max(sisa - jumlah_pos, 0))
    salin(Sesi._meta.db_table, KOLOM_SESI, sesi.baris)
    ctx.catatan.append(
        f"{len(sesi.baris)} sesi ({', '.join(f'{j} {n}' for j, n in _per_jenis(sesi).items())}),"
        f" {jumlah_pos} pendaftaran hari layanan"
    )


def _per_jenis(sesi: _Sesi) -> dict[str, int]:
    hasil: dict[str, int] = {}
    for b in sesi.baris:
        hasil[b[3]] = hasil.get(b[3], 0) + 1
    return hasil


def _lapor(ctx: Konteks, sesi: _Sesi) -> None:
    """Monthly reports of running clients whose programme has a reporting duty: the last few
    months' due dates, each a wajib lapor session; one in ten clients is overdue (the next
    due date has passed with nothing recorded). Their schedules and next due dates."""
    rng, hari_ini = ctx.rng, ctx.hari_ini
    wajib = [k for k in ctx.klien if k.status == "AKTIF" and k.lapor]
    bulan = [max(0, int((hari_ini - k.aktif).days / 30.44)) for k in wajib]
    anggaran = ctx.rencana.sesi["wajib_lapor"]
    batas = 1
    while batas < 60 and sum(min(b, batas) for b in bulan) < anggaran:
        batas += 1
    jumlah = [min(b, batas) for b in bulan]
    lebih = sum(jumlah) - anggaran
    for i in rng.sample(range(len(wajib)), len(wajib)):
        if lebih <= 0:
            break
        if jumlah[i] > 0:
            jumlah[i] -= 1
            lebih -= 1
    berikutnya, jadwal = [], []
    for k, n in zip(wajib, jumlah, strict=True):
        kantor = ctx.kantor[k.kantor]
        terlambat = rng.random() < 0.1
        terakhir = hari_ini - (rng.randint(31, 60) if terlambat else rng.randint(1, 29)) * HARI
        if terlambat and terakhir < k.aktif:
            terakhir = hari_ini - rng.randint(1, 29) * HARI
        ditulis = None
        for j in range(n):
            tempo = tambah_bulan(terakhir, -j)
            if tempo < k.aktif or tempo < ctx.awal_riwayat:
                break
            sesi.tambah(kantor, tempo, rng.randint(8, 14), jenis="wajib_lapor",
                        moda=pilih(rng, MODA_LAPOR), pk_id=k.pk_id, klien_id=k.id,
                        jatuh_tempo=tempo, tempat="Kantor Bapas")  # fmt: skip
            ditulis = ditulis or tempo
        jadwal.append((k.id, kantor.id, "bulanan", "[]"))
        # never before the start (klien_lapor_tidak_sebelum_mulai): aktif is on or after it
        berikutnya.append((k.id, max(tambah_bulan(ditulis or terakhir, 1), k.aktif)))
    salin(JadwalLapor._meta.db_table, ["klien_id", "unit_id", "pola", "tanggal_tertentu"], jadwal)
    with connection.cursor() as c:
        c.execute("CREATE TEMPORARY TABLE sintetis_lapor (klien_id bigint, tanggal date)")
    salin("sintetis_lapor", ["klien_id", "tanggal"], berikutnya)
    with connection.cursor() as c:
        c.execute(
            f"UPDATE {Klien._meta.db_table} k SET tanggal_lapor_berikutnya = l.tanggal "  # noqa: S608
            "FROM sintetis_lapor l WHERE k.id = l.klien_id"
        )
        c.execute("DROP TABLE sintetis_lapor")


def _kunjungan(ctx: Konteks, sesi: _Sesi) -> None:
    """Home visits to clients under guidance, on a day of their guidance."""
    rng = ctx.rng
    kemarin = ctx.hari_ini - HARI
    for _ in range(ctx.rencana.sesi["kunjungan_rumah"]):
        for _coba in range(50):
            k = rng.choice(ctx.klien)
            if k.aktif is None:
                continue
            awal, akhir = max(k.aktif, ctx.awal_riwayat), min(k.akhir or kemarin, kemarin)
            if awal <= akhir:
                break
        else:
            continue
        tanggal = awal + rng.randint(0, (akhir - awal).days) * HARI
        sesi.tambah(ctx.kantor[k.kantor], tanggal, rng.randint(9, 15), jenis="kunjungan_rumah",
                    moda="kantor", pk_id=k.pk_id, klien_id=k.id, tempat="Rumah klien")  # fmt: skip


def _hari_pos(ctx: Konteks, sesi: _Sesi) -> Iterator[tuple]:
    """Outreach days at each office's posts, spread over the history and the next fortnight;
    on a past day, clients of the post's kabupaten under guidance registered the day
    before. A generator of the registrations (the sessions go into `sesi`)."""
    rng = ctx.rng
    akhir = ctx.hari_ini + 14 * HARI
    rentang = (akhir - ctx.awal_riwayat).days
    jumlah = bagi(ctx.rencana.sesi["layanan_pos"], [k.bobot if k.pos else 0 for k in ctx.kantor])
    lalu_perkiraan = sum(jumlah) * (rentang - 14) / rentang or 1
    per_hari = BAGIAN_KEHADIRAN_POS * ctx.rencana.kehadiran / lalu_perkiraan
    for nomor, (kantor, n) in enumerate(zip(ctx.kantor, jumlah, strict=True)):
        warga: dict[int, list] = {}
        for i in ctx.klien_kantor[nomor]:
            k = ctx.klien[i]
            if k.aktif is not None:
                warga.setdefault(k.kab, []).append(k)
        for _ in range(n):
            pos_id, kab = rng.choice(kantor.pos)
            tanggal = ctx.awal_riwayat + rng.randint(0, rentang) * HARI
            pk_id = rng.choice(kantor.pk_ids)
            sesi_id, lalu = sesi.tambah(kantor, tanggal, 9, jenis="layanan_pos",
                                        moda="pos_layanan", pk_id=pk_id, pos_id=pos_id)  # fmt: skip
            if not lalu:
                continue
            berjalan = [k for k in warga.get(kab, ()) if k.berjalan_pada(tanggal)]
            daftar = datetime.datetime.combine(
                tanggal - HARI, datetime.time(3), tzinfo=datetime.UTC
            )
            n_daftar = min(len(berjalan), round(per_hari * rng.uniform(0.6, 1.4)))
            for k in rng.sample(berjalan, n_daftar):
                yield kantor.id, sesi_id, k.id, pk_id, daftar


def _program(ctx: Konteks, sesi: _Sesi, sisa_baris: int) -> None:
    rng, hari_ini = ctx.rng, ctx.hari_ini
    program_id = id_berikutnya(Program._meta.db_table)
    akhir_jadwal = hari_ini + 14 * HARI
    rencana = []
    for nomor, (kantor, n) in enumerate(
        zip(ctx.kantor, bagi(ctx.rencana.program, [k.bobot for k in ctx.kantor]), strict=True)
    ):
        angkatan: dict[str, int] = {}
        for _ in range(n):
            kemandirian = rng.random() < 0.45
            nama, topik, sd_nama, sd_satuan = rng.choice(
                TOPIK_KEMANDIRIAN if kemandirian else TOPIK_KEPRIBADIAN
            )
            mulai = (
                ctx.awal_riwayat + rng.randint(0, (hari_ini - ctx.awal_riwayat).days - 14) * HARI
            )
            selesai = None if rng.random() < 0.25 else mulai + rng.randint(90, 720) * HARI
            cocok = [
                m for m in kantor.mitra
                if m[4] != "kandidat" and m[5] <= mulai and (m[2] if kemandirian else m[1])
            ]  # fmt: skip
            mitra = rng.choice(cocok) if cocok and rng.random() < 0.6 else None
            angkatan[nama] = angkatan.get(nama, 0) + 1
            rencana.append(
                {
                    "id": program_id, "kantor": kantor, "nomor": nomor, "mulai": mulai,
                    "selesai": selesai, "mitra": mitra, "jenis":
                    "kemandirian" if kemandirian else "kepribadian", "topik": topik,
                    "nama": f"{nama} angkatan {angkatan[nama]}", "sd": (sd_nama, sd_satuan),
                    "rentang": (min(selesai or akhir_jadwal, akhir_jadwal) - mulai).days,
                    "pk_id": rng.choice(kantor.pk_ids), "jam": rng.randint(9, 14),
                }
            )  # fmt: skip
            program_id += 1
    jarak = sum(p["rentang"] for p in rencana) / max(ctx.rencana.sesi["kelompok"], 1)
    for p in rencana:
        n = max(1, round(p["rentang"] / jarak))
        langkah = p["rentang"] / n
        moda = MODA_MITRA if p["mitra"] else MODA_BAPAS
        p["sesi"] = []
        for i in range(n):
            tanggal = p["mulai"] + round(i * langkah) * HARI
            _id, lalu = sesi.tambah(
                p["kantor"], tanggal, p["jam"], jenis="kelompok", moda=pilih(rng, moda),
                pk_id=p["pk_id"], program_id=p["id"],
                tempat="Lokasi mitra" if p["mitra"] else "Aula Bapas",
                fasilitator=p["mitra"][3] if p["mitra"] else "",
            )  # fmt: skip
            if lalu:
                p["sesi"].append(tanggal)
    rata = sisa_baris / max(sum(len(p["sesi"]) for p in rencana), 1)
    peserta = []
    for p in rencana:
        p["target"] = max(3, round(rata * rng.uniform(0.6, 1.4)))
        peserta += _peserta(ctx, p)
    salin(
        Program._meta.db_table,
        ["id", "unit_id", "nama", "jenis", "topik", "mitra_id", "tempat", "tanggal_mulai",
         "tanggal_selesai", "kapasitas", "anggaran", "dibuat_oleh_id", "dibuat_pada"],
        (_baris_program(rng, p) for p in rencana),
    )  # fmt: skip
    salin(
        SumberDaya._meta.db_table,
        ["program_id", "nama", "jumlah", "satuan"],
        (
            (p["id"], p["sd"][0], max(1, round(p["target"] / rng.uniform(1, 8))), p["sd"][1])
            for p in rencana
            if p["jenis"] == "kemandirian" or rng.random() < 0.5
        ),
    )
    salin(
        Peserta._meta.db_table,
        ["unit_id", "program_id", "klien_id", "status", "tanggal_masuk", "tanggal_keluar",
         "alasan_keluar", "hasil", "dibuat_oleh_id"],
        peserta,
    )  # fmt: skip
    ctx.catatan.append(f"{len(rencana)} program, {len(peserta)} peserta")


def _baris_program(rng, p: dict) -> tuple:
    """A programme's row; its capacity (when it has one) above the most participants it had."""
    kapasitas = None if rng.random() < 0.3 else p["puncak"] + rng.randint(0, 10)
    anggaran = None if rng.random() < 0.4 else rng.randint(5, 60) * 1_000_000
    dibuat = datetime.datetime.combine(p["mulai"] - 7 * HARI, datetime.time(3), tzinfo=datetime.UTC)
    return (
        p["id"], p["kantor"].id, p["nama"], p["jenis"], p["topik"],
        p["mitra"][0] if p["mitra"] else None, "Lokasi mitra" if p["mitra"] else "Aula Bapas",
        p["mulai"], p["selesai"], kapasitas, anggaran, p["kantor"].kasi_id, dibuat,
    )  # fmt: skip


def _peserta(ctx: Konteks, p: dict) -> list[tuple]:
    """Enrolments keeping about `target` participants on each past session's day."""
    rng, hari_ini = ctx.rng, ctx.hari_ini
    kolam = [i for i in ctx.klien_kantor[p["nomor"]] if ctx.klien[i].ikut_program]
    kantor = p["kantor"]
    aktif: list[tuple[datetime.date, int]] = []  # (last day, client index)
    sudah: set[int] = set()
    baris, puncak = [], 0
    for tanggal in p["sesi"]:
        aktif = [a for a in aktif if a[0] >= tanggal]
        coba = 0
        while len(aktif) < p["target"] and kolam and coba < 60:
            coba += 1
            i = rng.choice(kolam)
            k = ctx.klien[i]
            if i in sudah or not k.berjalan_pada(tanggal):
                continue
            sudah.add(i)
            keluar = tanggal + rng.randint(56, 240) * HARI
            sebab = "stint"
            if k.akhir is not None and k.akhir < keluar:
                keluar, sebab = k.akhir, k.status
            if p["selesai"] is not None and p["selesai"] < keluar:
                keluar, sebab = p["selesai"], "program"
            aktif.append((keluar, i))
            baris.append(_baris_peserta(rng, kantor, p, k.id, tanggal, keluar, sebab, hari_ini))
        puncak = max(puncak, len(aktif))
    p["puncak"] = max(puncak, 1)
    return baris


def _baris_peserta(rng, kantor, p, klien_id, masuk, keluar, sebab, hari_ini) -> tuple:
    if keluar > hari_ini:
        status, keluar, alasan = "aktif", None, ""
    elif sebab in ("program", "SELESAI") or (sebab == "stint" and rng.random() < 0.85):
        status, alasan = "selesai", ""
    elif sebab == "stint":
        status, alasan = "keluar", "Tidak melanjutkan program."
    else:
        status, alasan = "keluar", "Bimbingan klien berakhir."
    return (kantor.id, p["id"], klien_id, status, masuk, keluar, alasan, "", kantor.kasi_id)
