"""Demo data: the eight Pokmas Lipas partners of Bapas Kelas II Karangasem named in the 2023
study, each with a PKS (one ending soon, one expired), plus one partner of the Denpasar
office to show isolation between offices. Idempotent: keyed on (unit, nama) and (unit, nomor).
"""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from inti.demo import DemoKonteks, langkah_demo
from wilayah.models import Desa

from .models import LayananMitra, Mitra, PerjanjianKerjaSama, RiwayatStatusMitra
from .pilihan import BidangLayanan as B
from .pilihan import JenisMitra as J
from .pilihan import KelompokMitra as K
from .pilihan import StatusMitra

KEPRIBADIAN, KEMANDIRIAN = "kepribadian", "kemandirian"

# nama, jenis, kelompok, bidang, program, uraian, narahubung, kabupaten, masa PKS
MITRA_KARANGASEM = [
    (
        "Yayasan Dua Hati Bali",
        J.YAYASAN,
        K.HUKUM_KEMASYARAKATAN,
        [B.REHABILITASI_NARKOBA, B.ASIMILASI_KERJA_SOSIAL, B.DUKUNGAN_SOSIAL],
        {KEPRIBADIAN},
        "Penyuluhan rehabilitasi narkoba, perencanaan pemulihan, asimilasi kerja sosial.",
        "Made Arya Wiguna",
        "Karangasem",
        "berlaku",
    ),
    (
        "Yayasan Mercy Indonesia",
        J.YAYASAN,
        K.KEMANDIRIAN_KEPRIBADIAN,
        [B.PENDIDIKAN, B.KETERAMPILAN_KERJA, B.KESEHATAN, B.DUKUNGAN_SOSIAL],
        {KEPRIBADIAN, KEMANDIRIAN},
        "Pendidikan, keterampilan kerja dan sosial, layanan kesehatan fisik dan mental, "
        "dukungan keluarga dan sosial.",
        "Ni Komang Sri Astuti",
        "Karangasem",
        "segera_berakhir",
    ),
    (
        "LBH APIK Bali (Lembaga Bantuan Hukum Asosiasi Perempuan Indonesia untuk Keadilan)",
        J.BANTUAN_HUKUM,
        K.HUKUM_KEMASYARAKATAN,
        [B.PENYULUHAN_HUKUM],
        {KEPRIBADIAN},
        "Penyuluhan hukum: hak, kewajiban, dan prosedur hukum.",
        "Ni Luh Gede Yastini",
        "Klungkung",
        "berlaku",
    ),
    (
        "Yayasan Aswini Kembar",
        J.KEAGAMAAN,
        K.KEMANDIRIAN_KEPRIBADIAN,
        [B.BIMBINGAN_AGAMA],
        {KEPRIBADIAN},
        "Bimbingan keagamaan Hindu, meditasi, dan etika.",
        "I Nyoman Wirata",
        "Bangli",
        "berlaku",
    ),
    (
        "Kelompok Ikan Sari Nadi Subak Baru",
        J.KELOMPOK_MASYARAKAT,
        K.EKONOMI,
        [B.KETERAMPILAN_KERJA, B.KEWIRAUSAHAAN],
        {KEMANDIRIAN},
        "Budi daya ikan: kolam, pakan, dan kualitas air.",
        "I Ketut Sudana",
        "Karangasem",
        "kedaluwarsa",
    ),
    (
        "Bali Creative Wedding Souvenir",
        J.USAHA,
        K.EKONOMI,
        [B.KETERAMPILAN_KERJA, B.KEWIRAUSAHAAN],
        {KEMANDIRIAN},
        "Pembuatan parsel dan suvenir dari dupa.",
        "Kadek Dwi Antari",
        "Klungkung",
        "berlaku",
    ),
    (
        "Dr. Tina Kay Bailey",
        J.PERORANGAN,
        K.KEMANDIRIAN_KEPRIBADIAN,
        [B.SENI_BUDAYA, B.KESEHATAN],
        {KEPRIBADIAN, KEMANDIRIAN},
        "Pelatihan melukis dan yoga.",
        "Tina Kay Bailey",
        "Karangasem",
        "berlaku",
    ),
    (
        "I Ketut Suparta",
        J.PERORANGAN,
        K.KEMANDIRIAN_KEPRIBADIAN,
        [B.KETERAMPILAN_KERJA],
        {KEMANDIRIAN},
        "Pelatihan tata boga (memasak).",
        "I Ketut Suparta",
        "Bangli",
        "berlaku",
    ),
]

MITRA_DENPASAR = [
    (
        "Yayasan Bina Sesama Denpasar",
        J.YAYASAN,
        K.SOSIAL,
        [B.DUKUNGAN_SOSIAL],
        {KEPRIBADIAN},
        "Pendampingan sosial dan keluarga klien.",
        "Putu Eka Pratama",
        "Denpasar",
        "berlaku",
    ),
]


def pdf_contoh(judul: str) -> bytes:
    """A tiny, valid one-page PDF standing in for a scanned agreement."""
    teks = judul.replace("\\", "").replace("(", "").replace(")", "")[:80]
    isi = f"BT /F1 12 Tf 72 720 Td ({teks}) Tj ET".encode("latin-1", "replace")
    objek = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(isi) + isi + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    keluar = bytearray(b"%PDF-1.4\n")
    posisi = []
    for i, o in enumerate(objek, start=1):
        posisi.append(len(keluar))
        keluar += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(keluar)
    keluar += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objek) + 1)
    for p in posisi:
        keluar += b"%010d 00000 n \n" % p
    keluar += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objek) + 1,
        xref,
    )
    return bytes(keluar)


def _masa(kunci: str, hari_ini: datetime.date) -> tuple[datetime.date, datetime.date]:
    hari = datetime.timedelta
    if kunci == "segera_berakhir":
        selesai = hari_ini + hari(days=30)
    elif kunci == "kedaluwarsa":
        selesai = hari_ini - hari(days=20)
    else:
        selesai = hari_ini + hari(days=400)
    return selesai - hari(days=3 * 365), selesai


def _muat(ctx: DemoKonteks, kunci_unit: str, data: list, admin, penyetuju) -> None:
    unit = ctx.unit[kunci_unit]
    hari_ini = timezone.localdate()
    for no, (nama, jenis, kelompok, bidang, program, uraian, kontak, kab, masa) in enumerate(
        data, start=1
    ):
        desa = list(
            Desa.objects.di_wilayah_kerja(unit)
            .filter(kecamatan__kabupaten__nama=kab)
            .order_by("sumber_id")
            .values_list("pk", flat=True)
        )
        mitra, dibuat = Mitra.objects.update_or_create(
            unit=unit,
            nama=nama,
            defaults={
                "jenis": jenis,
                "kelompok": kelompok,
                "program_kepribadian": KEPRIBADIAN in program,
                "program_kemandirian": KEMANDIRIAN in program,
                "uraian_layanan": uraian,
                "narahubung": kontak,
                "telepon": f"0812 3{ctx.rng.randint(100, 999)} {ctx.rng.randint(1000, 9999)}",
                "alamat": f"Jl. Raya No. {ctx.rng.randint(1, 120)}",
                "desa_id": ctx.rng.choice(desa) if desa else None,
                "kriteria_peduli": True,
                "kriteria_komitmen": True,
                "kriteria_bersedia": True,
                "kriteria_sumber_daya": True,
                "catatan_kriteria": "Diperiksa melalui kunjungan dan rekomendasi Kasi Bimbingan.",
                "status": StatusMitra.AKTIF,
                "dibuat_oleh": admin,
            },
        )
        mitra.layanan.exclude(bidang__in=bidang).delete()
        for b in bidang:
            LayananMitra.objects.get_or_create(mitra=mitra, bidang=b)
        if dibuat:  # one by one, so that the audit trail has them as well
            RiwayatStatusMitra.objects.create(
                mitra=mitra,
                status_baru=StatusMitra.KANDIDAT,
                oleh=admin,
                alasan="Didaftarkan sebagai calon mitra.",
            )
            RiwayatStatusMitra.objects.create(
                mitra=mitra,
                status_lama=StatusMitra.KANDIDAT,
                status_baru=StatusMitra.AKTIF,
                oleh=penyetuju,
                alasan="Kriteria terpenuhi dan PKS ditandatangani.",
            )
        mulai, selesai = _masa(masa, hari_ini)
        nomor = f"W20.PAS.{kunci_unit[:3].upper()}-{no:02d}/PKS-POKMAS"
        pks, _ = PerjanjianKerjaSama.objects.update_or_create(
            unit=unit,
            nomor=nomor,
            defaults={
                "mitra": mitra,
                "tanggal_tanda_tangan": mulai - datetime.timedelta(days=7),
                "tanggal_mulai": mulai,
                "tanggal_selesai": selesai,
                "dibuat_oleh": admin,
            },
        )
        if not pks.dokumen or not pks.dokumen.storage.exists(pks.dokumen.name):
            pks.dokumen.save(f"pks-{kunci_unit}-{no:02d}.pdf", ContentFile(pdf_contoh(nomor)))


@langkah_demo(25)
def mitra_pokmas(ctx: DemoKonteks) -> None:
    p = ctx.pengguna
    _muat(ctx, "karangasem", MITRA_KARANGASEM, p["admin"], p["kasi"])
    _muat(ctx, "denpasar", MITRA_DENPASAR, p["kasi-denpasar"], p["kasi-denpasar"])


@langkah_demo(26)
def calon_mitra(ctx: DemoKonteks) -> None:
    """Two candidates waiting at Karangasem, so the Kasi's dashboard shows what each lacks:
    a welding workshop still without an agreement, and a youth group whose resources have
    not been checked yet."""
    from .services import mitra_daftar

    unit, admin = ctx.unit["karangasem"], ctx.pengguna["admin"]
    desa = (
        Desa.objects.di_wilayah_kerja(unit)
        .filter(kecamatan__kabupaten__nama="Karangasem")
        .order_by("sumber_id")
        .first()
    )
    calon = [
        (
            "Bengkel Las Sinar Jaya Amlapura",
            J.USAHA,
            K.EKONOMI,
            [B.KETERAMPILAN_KERJA, B.KEWIRAUSAHAAN],
            "Pelatihan las listrik dan magang di bengkel bagi klien dewasa.",
            "I Nyoman Sujana",
            True,
        ),
        (
            "Sekaa Teruna Dharma Santi Subagan",
            J.KELOMPOK_MASYARAKAT,
            K.SOSIAL,
            [B.SENI_BUDAYA, B.DUKUNGAN_SOSIAL],
            "Kegiatan seni, gotong royong banjar dan pendampingan sebaya bagi klien anak.",
            "Ni Kadek Ayu Lestari",
            False,
        ),
    ]
    for nama, jenis, kelompok, bidang, uraian, kontak, sumber_daya in calon:
        if Mitra.objects.filter(unit=unit, nama=nama).exists():
            continue
        mitra_daftar(
            oleh=admin,
            data={
                "nama": nama,
                "jenis": jenis,
                "kelompok": kelompok,
                "program_kepribadian": kelompok == K.SOSIAL,
                "program_kemandirian": kelompok == K.EKONOMI,
                "uraian_layanan": uraian,
                "narahubung": kontak,
                "telepon": "0813 3845 2210",
                "alamat": "Jl. Ngurah Rai No. 18",
                "desa": desa,
                "kriteria_peduli": True,
                "kriteria_komitmen": True,
                "kriteria_bersedia": True,
                "kriteria_sumber_daya": sumber_daya,
                "catatan_kriteria": "Kunjungan awal oleh Admin; menunggu penilaian Kasi.",
            },
            bidang=bidang,
        )
