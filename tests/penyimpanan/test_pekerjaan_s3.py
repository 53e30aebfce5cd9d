"""A background job's result file in the bucket (issue 15): a large client export started from
its page, run by the worker's own code, lands in the bucket and downloads through the job's
view for its owner only; another office gets 404."""

from django.test import override_settings
from django.urls import reverse

from pekerjaan.models import StatusPekerjaan
from tests.klien.factories import KlienFactory
from tests.pekerjaan.unduhan import isi, jalankan_ekspor
from tests.penyimpanan.conftest import LOKASI


@override_settings(EKSPOR_LATAR_AMBANG=2)
def test_hasil_pekerjaan_di_bucket(client, kasi, kasi_lain, pk, s3, penyimpanan_s3, settings):
    for nama in ["I Wayan Satu", "I Wayan Dua", "Ni Made Tiga"]:
        KlienFactory(unit=pk.unit, pk_pembimbing=pk, nama=nama)
    client.force_login(kasi)

    p = jalankan_ekspor(client, reverse("klien:klien-ekspor"))

    assert p.status == StatusPekerjaan.SELESAI, p.pesan_galat
    kunci = f"{LOKASI}/{p.berkas_hasil.name}"
    assert kunci.startswith(f"{LOKASI}/pekerjaan/hasil/")
    objek = s3.get_object(Bucket=penyimpanan_s3, Key=kunci)["Body"].read()
    assert "Ni Made Tiga" in objek.decode("utf-8-sig")
    media = settings.MEDIA_ROOT
    assert not media.exists() or not any(media.rglob("*"))
    unduh = client.get(reverse("pekerjaan:unduh", args=[p.pk]))
    assert unduh.status_code == 200 and isi(unduh) == objek
    client.force_login(kasi_lain)
    lain = client.get(reverse("pekerjaan:unduh", args=[p.pk]))
    assert lain.status_code == 404 and b"Tiga" not in lain.content
