"""Demo clients: Bapas Kelas II Karangasem (most) and Denpasar, across PKs, programmes, stages."""

import datetime
import random

from django.utils import timezone

from akun.models import User
from inti.demo import DemoKonteks, langkah_demo
from wilayah.kode import kode_kecamatan
from wilayah.models import Desa

from . import (
    demo_latar,  # noqa: F401 (its demo step)
    services,
)
from .contoh import PENJAMIN_LAKI, pasangan
from .demo_pencabutan import akhiri_demo
from .lembaga_bali import lembaga_bali_pastikan
from .models import JenisLembaga, Klien
from .nik import buat_nik
from .pilihan import (
    PROGRAM_BER_SK,
    STATUS_BERJALAN,
    Agama,
    JenisResidivisme,
    Kategori,
    Pendidikan,
    ProgramIntegrasi,
    StatusKlien,
    StatusPerkawinan,
    Tonggak,
)

# Balinese names (DOMAIN.md): "I" for a man, "Ni" for a woman, a birth-order name (either
# sex), then a given name of the person's sex.
URUTAN_BALI = ["Wayan", "Made", "Nyoman", "Ketut", "Gede", "Komang", "Putu", "Kadek"]
NAMA_L = [f"I {u}" for u in URUTAN_BALI]
NAMA_P = ["Ni Wayan", "Ni Made", "Ni Nyoman", "Ni Ketut", "Ni Luh", "Ni Komang", "Ni Putu"]
# As many given names for women as for men: a name takes the same draws either way, so the
# rest of the demo stays as it was.
NAMA_BELAKANG_L = [
    "Suarta", "Artawan", "Sudiarta", "Wirawan", "Suastika", "Adnyana", "Mertayasa",
    "Sukerta", "Budiasa", "Darmayasa", "Yasa", "Arsana", "Juliarta", "Sedana",
]  # fmt: skip
NAMA_BELAKANG_P = [
    "Parwati", "Sriani", "Astuti", "Sudiarti", "Ariani", "Sukerni", "Suastini",
    "Mariani", "Widiastuti", "Darmayanti", "Puspawati", "Suartini", "Yuliani", "Sukmawati",
]  # fmt: skip
# A guarantor's relation; "Pasangan" is the client's spouse (an unmarried client's sibling).
HUBUNGAN_PENJAMIN = ["Ayah", "Ibu", "Kakak", "Pasangan", "Paman", "Bibi"]
PERKARA = [
    ("Pencurian", "Pasal 362 KUHP"),
    ("Narkotika", "Pasal 127 UU 35/2009"),
    ("Penganiayaan", "Pasal 351 KUHP"),
    ("Penggelapan", "Pasal 372 KUHP"),
    ("Penipuan", "Pasal 378 KUHP"),
    ("Perjudian", "Pasal 303 KUHP"),
]
PROGRAM_DEWASA = [
    ProgramIntegrasi.PB,
    ProgramIntegrasi.PB,
    ProgramIntegrasi.CB,
    ProgramIntegrasi.CMB,
    ProgramIntegrasi.ASIMILASI,
    ProgramIntegrasi.PIDANA_BERSYARAT,
]
PROGRAM_ANAK = [ProgramIntegrasi.DIVERSI, ProgramIntegrasi.PB, ProgramIntegrasi.BIMBINGAN_PUTUSAN]
BERAKHIR = [
    StatusKlien.SELESAI,
    StatusKlien.SELESAI,
    StatusKlien.SELESAI,
    StatusKlien.DICABUT,
    StatusKlien.PINDAH,
    StatusKlien.MENINGGAL,
]


def _nik(rng, desa: Desa, lahir: datetime.date, perempuan: bool, urut: int) -> str:
    """A NIK issued in the client's kecamatan (its Kemendagri code: the demo's regions are
    Bali's, which the code list holds), agreeing with the birth date and sex."""
    rng.randint(1, 9), rng.randint(1, 9)  # the draws of the former random codes: the rest stays
    return buat_nik(
        kode_kecamatan=kode_kecamatan(desa.kecamatan), lahir=lahir, perempuan=perempuan, urut=urut
    )


def _nama(rng: random.Random, awal: str) -> str:
    """A full name from its first part ("I Made", "Ni Luh") and a given name of that sex."""
    return f"{awal} {rng.choice(NAMA_BELAKANG_P if awal.startswith('Ni ') else NAMA_BELAKANG_L)}"


def _penjamin(rng: random.Random, *, klien_laki: bool, kawin: bool) -> dict:
    """A guarantor whose relation fits the client (a married man's wife, a married woman's
    husband) and whose name fits the relation ("Ni" for a mother or a wife). Three draws as
    ever: a birth-order name, a given name, a relation."""
    urutan = rng.choice(URUTAN_BALI)
    i = rng.randrange(len(NAMA_BELAKANG_L))
    hubungan = rng.choice(HUBUNGAN_PENJAMIN)
    if hubungan == "Pasangan":
        hubungan = pasangan(klien_laki) if kawin else "Kakak"
    laki = PENJAMIN_LAKI[hubungan]
    if laki is None:
        laki = i % 2 == 0
    nama = f"{'I' if laki else 'Ni'} {urutan} {(NAMA_BELAKANG_L if laki else NAMA_BELAKANG_P)[i]}"
    return {"nama_penjamin": nama, "hubungan_penjamin": hubungan}


def _berkas_penerimaan(
    rng: random.Random, data: dict, *, pk, anak: bool, lembaga_jenis: dict
) -> dict:
    """The intake papers: the Litmas (by the PK, now and then by a PK of another Bapas), the
    SK of a programme granted after a prison term, the handover by the institution."""
    mulai, program = data["tanggal_mulai"], data["program"]
    litmas = mulai - datetime.timedelta(days=rng.randint(20, 60))
    berkas = {
        "no_litmas": f"W20.PAS.PAS.19-PK.01.05.02-{rng.randint(100, 999)}/{litmas.year}",
        "tanggal_litmas": litmas,
    }
    if rng.random() < 0.1:
        berkas["pk_litmas_lain"] = (
            f"{_nama(rng, rng.choice(NAMA_P + NAMA_L))}, Bapas Kelas I Denpasar"
        )
    else:
        berkas["pk_litmas"] = pk
    if program not in PROGRAM_BER_SK:
        return berkas  # a court's decision or a diversion: no prison, no handover
    if anak:
        asal = rng.choice(lembaga_jenis[JenisLembaga.LPKA])
    elif data["jenis_kelamin"] == "P" and rng.random() < 0.7:
        asal = rng.choice(lembaga_jenis[JenisLembaga.LPP])
    else:
        asal = rng.choice(lembaga_jenis[JenisLembaga.LAPAS] + lembaga_jenis[JenisLembaga.RUTAN])
    sk = mulai - datetime.timedelta(days=rng.randint(3, 14))
    berkas.update(
        {
            "lembaga_asal": asal,
            "tanggal_serah_terima": mulai,
            "no_sk": f"PAS-{rng.randint(1000, 9999)}.PK.05.09 Tahun {sk.year}",
            "tanggal_sk": sk,
            "penerbit_sk": f"Kepala {asal.nama}"
            if program in (ProgramIntegrasi.ASIMILASI, ProgramIntegrasi.CMK)
            else "Direktur Jenderal Pemasyarakatan",
        }
    )
    return berkas


@langkah_demo(30)
def klien(ctx: DemoKonteks) -> None:
    rng = ctx.rng
    hari_ini = timezone.localdate()
    kasi = {"karangasem": ctx.pengguna["kasi"], "denpasar": ctx.pengguna["kasi-denpasar"]}
    kabapas = {"karangasem": ctx.pengguna["kabapas"]}  # the demo's Denpasar has none
    pk_per_unit = {
        kunci: list(User.objects.pk_aktif(unit).order_by("pk")) for kunci, unit in ctx.unit.items()
    }
    desa_per_unit = {
        kunci: list(
            Desa.objects.di_wilayah_kerja(unit)
            .select_related("kecamatan__kabupaten__provinsi")
            .order_by("pk")
        )
        for kunci, unit in ctx.unit.items()
    }
    nusa_penida = [d for d in desa_per_unit["karangasem"] if d.kecamatan.nama == "Nusa Penida"]
    lembaga = lembaga_bali_pastikan()
    lembaga_jenis = {j: [lb for lb in lembaga if lb.jenis == j] for j in JenisLembaga.values}
    rng_berkas = random.Random(2614)  # noqa: S311 (synthetic data; its own, so the draws stay)
    for i in range(ctx.jumlah_klien):
        kunci = "denpasar" if i % 8 == 7 else "karangasem"
        unit, pks = ctx.unit[kunci], pk_per_unit[kunci]
        if not pks or not desa_per_unit[kunci]:
            continue
        no_register = f"{'KRA' if kunci == 'karangasem' else 'DPS'}-{hari_ini.year}-{i + 1:04d}"
        if Klien.objects.filter(unit=unit, no_register=no_register).exists():
            continue
        pk = pks[i % len(pks)]
        anak = i % 9 == 4
        perempuan = rng.random() < 0.15
        lahir = hari_ini - datetime.timedelta(
            days=365 * (rng.randint(14, 17) if anak else rng.randint(19, 60)) + rng.randint(0, 364)
        )
        desa = (nusa_penida and i % 10 == 3 and rng.choice(nusa_penida)) or rng.choice(
            desa_per_unit[kunci]
        )
        # The first clients of every PK run now; later ones spread over every stage, some ended.
        berakhir = i >= 12 and i % 6 == 5
        mulai = hari_ini - datetime.timedelta(days=rng.randint(10, 700 if berakhir else 330))
        durasi = rng.randint(180, 720)
        if berakhir:
            durasi = max(durasi, (hari_ini - mulai).days - rng.randint(1, 60))
        perkara, pasal = rng.choice(PERKARA)
        no_register_lapas = f"BI.{rng.randint(100, 999)}/{mulai.year}"
        rng.choice(range(4))  # the draw of the former free-text lapas_asal: the rest stays
        data = {
            "pk_pembimbing": pk,
            "no_register": no_register,
            "no_register_lapas": no_register_lapas,
            "nama": _nama(rng, rng.choice(NAMA_P if perempuan else NAMA_L)),
            "kategori": Kategori.ANAK if anak else Kategori.DEWASA,
            "nik": "" if anak and i % 2 else _nik(rng, desa, lahir, perempuan, i + 1),
            "jenis_kelamin": "P" if perempuan else "L",
            "tempat_lahir": desa.kecamatan.nama,
            "tanggal_lahir": lahir,
            "agama": Agama.HINDU if rng.random() < 0.85 else rng.choice(Agama.values),
            "pendidikan": rng.choice(Pendidikan.values),
            "pekerjaan": rng.choice(
                ["Petani", "Buruh", "Nelayan", "Pedagang", "Tidak bekerja", "Pelajar"]
            ),
            "status_perkawinan": (
                perkawinan := StatusPerkawinan.BELUM_KAWIN
                if anak
                else rng.choice(StatusPerkawinan.values)
            ),
            "alamat": f"Banjar {rng.choice(['Kaja', 'Kelod', 'Kangin', 'Kauh', 'Tengah'])}",
            "desa": desa,
            "telepon": f"08{rng.randint(1000000000, 9999999999)}",
            **_penjamin(rng, klien_laki=not perempuan, kawin=perkawinan == StatusPerkawinan.KAWIN),
            "perkara": perkara,
            "pasal": pasal,
            "no_putusan": f"{rng.randint(1, 300)}/Pid.B/{mulai.year - 1}/PN Amp",
            "lama_pidana_bulan": rng.randint(6, 60),
            "program": rng.choice(PROGRAM_ANAK if anak else PROGRAM_DEWASA),
            "tanggal_mulai": mulai,
            "tanggal_ekspirasi": mulai + datetime.timedelta(days=durasi),
        }
        if data["program"] == ProgramIntegrasi.DIVERSI:
            # a diversion settles the case outside court: no sentence, a court's order
            data["lama_pidana_bulan"] = None
            data["no_putusan"] = data["no_putusan"].replace("/Pid.B/", "/Pen.Div/")
        data.update(
            _berkas_penerimaan(rng_berkas, data, pk=pk, anak=anak, lembaga_jenis=lembaga_jenis)
        )
        lapor_berikutnya = hari_ini + datetime.timedelta(days=rng.randint(-5, 25))
        k = services.klien_buat(unit=unit, oleh=kasi[kunci], data=data)
        # The reporting standing has one writer (attendance will call it from pembimbingan).
        services.klien_setel_kepatuhan_lapor(
            klien=k, mangkir_berturut=0, berikutnya=lapor_berikutnya
        )
        if i % 7 == 6 and not berakhir:
            continue  # still at intake
        services.klien_ubah_status(
            klien=k,
            oleh=kasi[kunci],
            status_baru=StatusKlien.AKTIF,
            tanggal=mulai,
            alasan="Program integrasi dimulai.",
        )
        services.indikator_catat(
            klien=k,
            oleh=pk,
            tonggak=Tonggak.AWAL,
            data={
                "tanggal": mulai,
                "bekerja": rng.random() < 0.4,
                "sekolah_pelatihan": anak,
                "dukungan_keluarga": rng.random() < 0.7,
                "tempat_tinggal_stabil": rng.random() < 0.8,
            },
        )
        if berakhir:
            akhir = min(k.tanggal_ekspirasi, hari_ini)
            status = akhiri_demo(
                k,
                rng.choice(BERAKHIR),
                pk=pk,
                kasi=kasi[kunci],
                kabapas=kabapas.get(kunci),
                tanggal=akhir,
            )
            if status == StatusKlien.SELESAI:
                services.indikator_catat(
                    klien=k,
                    oleh=pk,
                    tonggak=Tonggak.AKHIR,
                    data={
                        "tanggal": akhir,
                        "bekerja": rng.random() < 0.6,
                        "sekolah_pelatihan": False,
                        "dukungan_keluarga": rng.random() < 0.8,
                        "tempat_tinggal_stabil": rng.random() < 0.9,
                    },
                )
            if i % 4 == 1:
                services.residivisme_catat(
                    klien=k,
                    oleh=kasi[kunci],
                    tanggal=akhir,
                    jenis=rng.choice(JenisResidivisme.values),
                    sumber="Polres Karangasem",
                    catatan="Demo.",
                )
        elif i % 11 == 2 and len(pks) > 1:
            services.klien_alihkan_pk(
                klien=k,
                oleh=kasi[kunci],
                ke_pk=pks[(i + 1) % len(pks)],
                tanggal=hari_ini,
                alasan="Pemerataan beban kasus.",
            )


@langkah_demo(35)
def tahan_hukum(ctx: DemoKonteks) -> None:
    """One ended client with a recidivism event is held for the new case (never anonymised
    while held), so the legal-hold badge and the retention dry run have something to show."""
    klien = (
        Klien.objects.filter(unit__in=ctx.unit.values(), residivisme__isnull=False)
        .exclude(status__in=STATUS_BERJALAN)
        .order_by("pk")
        .first()
    )
    if klien is not None:
        services.klien_setel_tahan_hukum(
            klien=klien,
            tahan=True,
            alasan="Demo: perkara baru dalam penyidikan Polres Karangasem.",
        )
