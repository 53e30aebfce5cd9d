"""Demo: two of the Kasi's client imports, run as background jobs (klien.latar): one that
found every client already registered (done, nothing new), and one refused for a wrong
date (failed, with its row). Neither changes the demo's clients."""

from django.core.files.uploadedfile import SimpleUploadedFile

from inti.demo import DemoKonteks, langkah_demo
from inti.ekspor import respons_ekspor
from pekerjaan import pelaksana
from pekerjaan.models import Pekerjaan

from .ekspor import tabel_klien
from .latar import IMPOR
from .models import Klien


def _csv_klien(unit, n: int) -> bytes:
    qs = Klien.objects.filter(unit=unit).order_by("nama", "pk")[:n]
    resp = respons_ekspor(tabel_klien(qs, nik_lengkap=True), "csv")
    return b"".join(resp.streaming_content)


@langkah_demo(95)
def impor_sebagai_pekerjaan(ctx: DemoKonteks) -> None:
    unit, kasi = ctx.unit["karangasem"], ctx.pengguna["kasi"]
    if Pekerjaan.objects.filter(pemilik=kasi, jenis=IMPOR).exists():
        return
    isi = _csv_klien(unit, 3)
    baris = isi.decode("utf-8-sig").splitlines()
    kepala = baris[0].split(",")
    rusak = baris[1].split(",")
    rusak[kepala.index("no_register")] = "DEMO-IMPOR-1"
    rusak[kepala.index("tanggal_lahir")] = "1990-02-31"
    berkas = {
        "klien-terdaftar.csv": isi,
        "klien-baru.csv": "\r\n".join([baris[0], ",".join(rusak)]).encode(),
    }
    for nama, data in berkas.items():
        p = pelaksana.mulai(jenis=IMPOR, oleh=kasi, berkas_masukan=SimpleUploadedFile(nama, data))
        pelaksana.jalankan(str(p.pk))
