"""Step 1: Kanwil (one per province), offices with their work areas (every kabupaten of a
province that has an office lies in exactly one office's area), outreach posts, accounts
(PKs, a Kasi per office, a Kanwil user per region, one national user) and partners with
their agreements (PKS)."""

import datetime
import random

from akun.models import Kanwil, Peran, Unit, User, WilayahKerja
from pembimbingan.models import PosLayanan
from pokmas.models import LayananMitra, Mitra, PerjanjianKerjaSama, RiwayatStatusMitra
from wilayah import kode as kode_wilayah
from wilayah.models import Desa, Kabupaten, Kecamatan, Provinsi

from . import Kantor, Konteks, bagi
from .kosakata import (
    JALAN,
    KATA_MITRA,
    KODE_PROVINSI,
    MITRA,
    NAMA_BALI_LAKI,
    NAMA_BALI_PEREMPUAN,
    NAMA_BELAKANG,
    NAMA_LAKI,
    NAMA_PEREMPUAN,
    NAMA_PEREMPUAN_BELAKANG,
    URUTAN_BALI,
    zona_waktu,
)
from .salin import id_berikutnya, salin

KODE_BALI = 51


def nama_orang(rng: random.Random, bali: bool, jenis_kelamin: str) -> tuple[str, str]:
    """A person's name as (first, last) part."""
    if bali:
        depan = ("I " if jenis_kelamin == "L" else "Ni ") + rng.choice(URUTAN_BALI)
        nama = NAMA_BALI_LAKI if jenis_kelamin == "L" else NAMA_BALI_PEREMPUAN
        return depan, rng.choice(nama)
    if jenis_kelamin == "L":
        return rng.choice(NAMA_LAKI), rng.choice(NAMA_BELAKANG)
    return rng.choice(NAMA_PEREMPUAN), rng.choice(NAMA_PEREMPUAN_BELAKANG)


def telepon(rng: random.Random) -> str:
    return "08" + "".join(rng.choices("0123456789", k=10))


def _jam(ctx: Konteks, tanggal: datetime.date, jam: int = 9) -> datetime.datetime:
    return datetime.datetime.combine(tanggal, datetime.time(jam), tzinfo=ctx.sekarang.tzinfo)


def _kode_kabupaten(kabupaten: list) -> dict[int, int]:
    """The NIK's regency digits: the Kemendagri code where the code list holds it (Bali's);
    otherwise kabupaten numbered from 01, cities from 71 (as the codes go)."""
    kode, nomor = {}, {"kabupaten": 0, "kota": 70}
    for k in kabupaten:
        resmi = kode_wilayah.kode_kabupaten(k)
        if resmi:
            kode[k.pk] = int(resmi[2:])
            continue
        nomor[k.jenis] = min(nomor[k.jenis] + 1, 99)
        kode[k.pk] = nomor[k.jenis]
    return kode


def _sebaran_kantor(jumlah: int, provinsi: list) -> list[tuple]:
    """(province, number of offices) for `jumlah` offices: Bali first, then the provinces
    with most kabupaten; with enough offices every province has one and the rest go where
    a kabupaten has the fewest offices to share (at most one office per kabupaten)."""
    urut = sorted(provinsi, key=lambda p: (p[0].nama != "Bali", -len(p[1]), p[0].nama))
    jumlah = min(jumlah, sum(len(kab) for _p, kab in urut))
    if jumlah <= len(urut):
        return [(p, kab, 1) for p, kab in urut[:jumlah]]
    n = [1] * len(urut)
    for _ in range(jumlah - len(urut)):
        i = max(
            (i for i in range(len(urut)) if n[i] < len(urut[i][1])),
            key=lambda i: len(urut[i][1]) / n[i],
        )
        n[i] += 1
    return [(p, kab, k) for (p, kab), k in zip(urut, n, strict=True)]


def buat_kantor(ctx: Konteks) -> None:
    rng = ctx.rng
    kabupaten: dict[int, list] = {}
    for kab in Kabupaten.objects.select_related("provinsi").order_by("sumber_id"):
        kabupaten.setdefault(kab.provinsi_id, []).append(kab)
    provinsi = [(p, kabupaten[p.pk]) for p in Provinsi.objects.all() if p.pk in kabupaten]
    desa_kab: dict[int, list[int]] = {}
    for desa_id, kab_id in Desa.objects.order_by("pk").values_list("pk", "kecamatan__kabupaten_id"):
        desa_kab.setdefault(kab_id, []).append(desa_id)
    kec_kab: dict[int, list[tuple[int, str]]] = {}
    for kec_id, kab_id, nama in Kecamatan.objects.order_by("pk").values_list(
        "pk", "kabupaten_id", "nama"
    ):
        kec_kab.setdefault(kab_id, []).append((kec_id, nama))

    kanwil_id = id_berikutnya(Kanwil._meta.db_table)
    unit_id = id_berikutnya(Unit._meta.db_table)
    baris_kanwil, baris_unit, baris_wilayah, nama_dipakai = [], [], [], set()
    for prov, kab_prov, n in _sebaran_kantor(ctx.rencana.kantor, provinsi):
        kode = KODE_PROVINSI.get(prov.nama, 10 + prov.sumber_id % 80)
        baris_kanwil.append((kanwil_id, f"Kanwil Ditjenpas {prov.nama}", prov.pk))
        awal = 0
        for i, ukuran in enumerate(bagi(len(kab_prov), [1] * n)):
            bagian = [k for k in kab_prov[awal : awal + ukuran] if desa_kab.get(k.pk)]
            awal += ukuran
            if not bagian:
                continue
            kelas = "I" if i == 0 else "II"
            kota = next((k for k in bagian if k.jenis == "kota"), bagian[0])
            nama = f"Bapas Kelas {kelas} {kota.ibukota or kota.nama}"
            if nama in nama_dipakai:
                nama = f"Bapas Kelas {kelas} {kota.nama} ({prov.nama})"
            nama_dipakai.add(nama)
            kantor = Kantor(
                id=unit_id,
                nomor=len(ctx.kantor) + 1,
                nama=nama,
                kanwil_id=kanwil_id,
                zona=zona_waktu(kode),
                kode_prov=kode,
                bali=kode == KODE_BALI,
                kota=kota.ibukota or kota.nama,
                kabupaten=[(k.pk, k.nama) for k in bagian],
                kode_kab=_kode_kabupaten(bagian),
                desa={k.pk: desa_kab[k.pk] for k in bagian},
                bobot=len(bagian) * rng.uniform(0.7, 1.3) * (1.4 if kelas == "I" else 1.0),
            )
            ctx.kantor.append(kantor)
            baris_unit.append(
                (
                    unit_id,
                    nama,
                    kelas,
                    kanwil_id,
                    f"{rng.choice(JALAN)} No. {rng.randint(1, 120)}, {kantor.kota}",
                    f"(0{rng.randint(21, 986)}) {rng.randint(200000, 999999)}",
                    kantor.zona,
                    "[]",
                )
            )
            baris_wilayah += [(unit_id, k.pk) for k in bagian]
            unit_id += 1
        kanwil_id += 1
    salin(Kanwil._meta.db_table, ["id", "nama", "provinsi_id"], baris_kanwil)
    kolom_unit = ["id", "nama", "kelas", "kanwil_id", "alamat", "telepon", "zona_waktu"]
    salin(Unit._meta.db_table, [*kolom_unit, "peran_wajib_otp"], baris_unit)
    salin(WilayahKerja._meta.db_table, ["unit_id", "kabupaten_id"], baris_wilayah)

    baris_pos = []
    pos_id = id_berikutnya(PosLayanan._meta.db_table)
    for kantor in ctx.kantor:
        kecamatan = [(kec, kab) for kab, _n in kantor.kabupaten for kec in kec_kab.get(kab, [])]
        kantor.pos = []
        nama_pos = set()
        for (kec_id, kec_nama), kab in rng.sample(
            kecamatan, min(len(kecamatan), rng.randint(2, 5))
        ):
            nama = f"Pos Layanan {kec_nama}"
            if nama in nama_pos:
                continue
            nama_pos.add(nama)
            baris_pos.append(
                (pos_id, kantor.id, nama, kec_id, f"Kantor Camat {kec_nama}", True,
                 _jam(ctx, ctx.awal_riwayat))
            )  # fmt: skip
            kantor.pos.append((pos_id, kab))
            pos_id += 1
    salin(
        PosLayanan._meta.db_table,
        ["id", "unit_id", "nama", "kecamatan_id", "alamat", "aktif", "dibuat_pada"],
        baris_pos,
    )
    ctx.catatan.append(
        f"{len(baris_kanwil)} kanwil, {len(ctx.kantor)} kantor, {len(baris_wilayah)} "
        f"kabupaten wilayah kerja, {len(baris_pos)} pos layanan"
    )


def _nip(rng: random.Random, dipakai: set[str], jenis_kelamin: str) -> str:
    while True:
        lahir = datetime.date(rng.randint(1965, 1997), rng.randint(1, 12), rng.randint(1, 28))
        tmt = f"{lahir.year + rng.randint(23, 30)}{rng.randint(1, 12):02d}"
        nip = f"{lahir:%Y%m%d}{tmt}{1 if jenis_kelamin == 'L' else 2}{rng.randint(1, 999):03d}"
        if nip not in dipakai:
            dipakai.add(nip)
            return nip


def buat_pengguna(ctx: Konteks) -> None:
    """Accounts, every one with the same password hash (hashed once by the command)."""
    rng = ctx.rng
    user_id = id_berikutnya(User._meta.db_table)
    nip_dipakai: set[str] = set(User.objects.exclude(nip="").values_list("nip", flat=True))
    bergabung = _jam(ctx, ctx.awal_riwayat)
    baris = []

    def akun(username, peran, unit_id, kanwil_id, bali, dengan_nip=True) -> int:
        nonlocal user_id
        jk = "L" if rng.random() < 0.6 else "P"
        depan, belakang = nama_orang(rng, bali, jk)
        nip = _nip(rng, nip_dipakai, jk) if dengan_nip else ""
        email = f"{username}@bapas.contoh.id"
        baris.append(
            (user_id, ctx.sandi_hash, False, username, depan, belakang, email, False, True,
             bergabung, peran, nip, kanwil_id, unit_id, False)
        )  # fmt: skip
        user_id += 1
        return user_id - 1

    jumlah_pk = bagi(ctx.rencana.pk, [k.bobot for k in ctx.kantor])
    for kantor, n in zip(ctx.kantor, jumlah_pk, strict=True):
        kantor.kasi_id = akun(f"kasi.{kantor.nomor:03d}", Peran.KASI, kantor.id, None, kantor.bali)
        kantor.pk_ids = [
            akun(f"pk.{kantor.nomor:03d}.{i:02d}", Peran.PK, kantor.id, None, kantor.bali)
            for i in range(1, max(n, 3) + 1)
        ]
    for kanwil_id in sorted({k.kanwil_id for k in ctx.kantor}):
        akun(f"kanwil.{kanwil_id:03d}", Peran.KANWIL, None, kanwil_id, False)
    akun("pusat.sintetis", Peran.PUSAT, None, None, False)
    salin(
        User._meta.db_table,
        ["id", "password", "is_superuser", "username", "first_name", "last_name", "email",
         "is_staff", "is_active", "date_joined", "peran", "nip", "kanwil_id", "unit_id",
         "otp_aktif"],
        baris,
    )  # fmt: skip
    ctx.catatan.append(f"{len(baris)} akun (PK, Kasi, Kanwil, Pusat)")


def buat_mitra(ctx: Konteks) -> None:
    """6 to 14 partners per office, most active with an agreement in force; some agreements
    expired without renewal, some ending within the warning period."""
    rng, hari_ini = ctx.rng, ctx.hari_ini
    mitra_id = id_berikutnya(Mitra._meta.db_table)
    baris_mitra, baris_layanan, baris_riwayat, baris_pks = [], [], [], []
    for kantor in ctx.kantor:
        kantor.mitra = []
        nama_dipakai: set[str] = set()
        nomor_pks = 0
        for _ in range(rng.randint(6, 14)):
            jenis, kelompok, pola, pribadi, mandiri, bidang = rng.choice(MITRA)
            if jenis == "perorangan":
                nama = " ".join(nama_orang(rng, kantor.bali, rng.choice("LP")))
            else:
                nama = pola.format(f"{rng.choice(KATA_MITRA)} {kantor.kota}")
            if nama.lower() in nama_dipakai:
                continue
            nama_dipakai.add(nama.lower())
            status = rng.choices(("aktif", "nonaktif", "kandidat"), weights=(85, 8, 7))[0]
            daftar = hari_ini - datetime.timedelta(days=rng.randint(420, 1600))
            aktif_sejak = daftar + datetime.timedelta(days=rng.randint(14, 60))
            kriteria = [True] * 4 if status != "kandidat" else [rng.random() < 0.6 for _ in "1234"]
            narahubung = " ".join(nama_orang(rng, kantor.bali, rng.choice("LP")))
            kab = rng.choice(kantor.kabupaten)[0]
            baris_mitra.append(
                (mitra_id, nama, jenis, kelompok, pribadi, mandiri,
                 f"Layanan {', '.join(b.replace('_', ' ') for b in bidang)} bagi klien.",
                 narahubung, telepon(rng), "", f"{rng.choice(JALAN)} No. {rng.randint(1, 200)}",
                 status, *kriteria, "", _jam(ctx, daftar), _jam(ctx, aktif_sejak),
                 rng.choice(kantor.desa[kab]), kantor.kasi_id, kantor.id)
            )  # fmt: skip
            baris_layanan += [(mitra_id, b) for b in bidang]
            baris_riwayat.append((mitra_id, "", "kandidat", _jam(ctx, daftar), "Didaftarkan."))
            if status != "kandidat":
                baris_riwayat.append(
                    (mitra_id, "kandidat", "aktif", _jam(ctx, aktif_sejak),
                     "Memenuhi kriteria dan PKS ditandatangani.")
                )  # fmt: skip
            # agreements back to back from activation; an inactive partner's last one ended
            if status != "kandidat":
                mulai = aktif_sejak
                while True:
                    selesai = mulai + datetime.timedelta(days=365 * rng.randint(1, 3) - 1)
                    nomor_pks += 1
                    diakhiri = status == "nonaktif" and selesai >= hari_ini
                    if diakhiri:
                        selesai = hari_ini - datetime.timedelta(days=rng.randint(10, 200))
                        selesai = max(selesai, mulai)
                    nomor = f"PKS/{kantor.nomor:03d}/{mulai.year}/{nomor_pks:03d}"
                    ttd = mulai - datetime.timedelta(days=rng.randint(0, 14))
                    baris_pks.append(
                        (kantor.id, mitra_id, nomor, ttd, mulai, selesai, "",
                         "diakhiri" if diakhiri else "berlaku", _jam(ctx, mulai), kantor.kasi_id)
                    )  # fmt: skip
                    if selesai >= hari_ini or diakhiri:
                        break
                    # one in ten lapses without renewal; the rest are renewed
                    if rng.random() < 0.1:
                        break
                    mulai = selesai + datetime.timedelta(days=1)
                if status == "nonaktif":
                    baris_riwayat.append(
                        (mitra_id, "aktif", "nonaktif", _jam(ctx, selesai),
                         "PKS tidak diperpanjang.")
                    )  # fmt: skip
            kantor.mitra.append((mitra_id, pribadi, mandiri, narahubung, status, aktif_sejak))
            mitra_id += 1
    salin(
        Mitra._meta.db_table,
        ["id", "nama", "jenis", "kelompok", "program_kepribadian", "program_kemandirian",
         "uraian_layanan", "narahubung", "telepon", "email", "alamat", "status",
         "kriteria_peduli", "kriteria_komitmen", "kriteria_bersedia", "kriteria_sumber_daya",
         "catatan_kriteria", "dibuat_pada", "diubah_pada", "desa_id", "dibuat_oleh_id",
         "unit_id"],
        baris_mitra,
    )  # fmt: skip
    salin(LayananMitra._meta.db_table, ["mitra_id", "bidang"], baris_layanan)
    kolom_riwayat = ["mitra_id", "status_lama", "status_baru", "pada", "alasan", "oleh_id"]
    kasi = {k.id: k.kasi_id for k in ctx.kantor}
    unit_mitra = {b[0]: b[-1] for b in baris_mitra}
    salin(
        RiwayatStatusMitra._meta.db_table,
        kolom_riwayat,
        ((*r, kasi[unit_mitra[r[0]]]) for r in baris_riwayat),
    )
    salin(
        PerjanjianKerjaSama._meta.db_table,
        ["unit_id", "mitra_id", "nomor", "tanggal_tanda_tangan", "tanggal_mulai",
         "tanggal_selesai", "dokumen", "status", "dibuat_pada", "dibuat_oleh_id"],
        baris_pks,
    )  # fmt: skip
    ctx.catatan.append(f"{len(baris_mitra)} mitra, {len(baris_pks)} PKS")
