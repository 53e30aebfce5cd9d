"""How the extra details of an entry (`additional_data`) read on the trail page: stored
under code keys and values, shown under translated labels."""

from django.utils.translation import gettext_lazy as _

LABEL = {
    "path": _("alamat halaman"),
    "metode": _("metode"),
    "status": _("kode jawaban"),
    "izin": _("izin yang diperlukan"),
    "berkas": _("berkas"),
    "baris": _("jumlah baris"),
    "saringan": _("saringan"),
    "nik": _("NIK"),
    "hasil": _("hasil"),
    "dibuat": _("dibuat"),
    "dilewati": _("dilewati"),
    "kesalahan": _("kesalahan"),
    "nama_pengguna": _("nama pengguna"),
    "akun_ada": _("akun terdaftar"),
    "aksi": _("tindakan"),
    "jenis": _("jenis kode"),
    "ditahan": _("sedang ditahan"),
    "nomor": _("nomor permintaan"),
    "diterima": _("diterima"),
    "retensi_hari": _("masa retensi (hari)"),
    "berakhir": _("bimbingan berakhir"),
    "entri_jejak_diredaksi": _("entri jejak diredaksi"),
    "format": _("format"),
    "cari": _("kata yang dicari"),
    "permintaan": _("permintaan perubahan akun"),
    "koreksi": _("alasan koreksi"),
}
NILAI = {
    True: _("ya"),
    False: _("tidak"),
    "berhasil": _("berhasil"),
    "ditolak": _("ditolak"),
    "berkas tidak terbaca": _("berkas tidak terbaca"),
    "lengkap": _("lengkap"),
    "tersamar": _("tersamar"),
    "totp": _("aplikasi autentikator"),
    "cadangan": _("kode cadangan"),
    "totp_didaftarkan": _("verifikasi dua langkah diaktifkan"),
    "totp_dinonaktifkan": _("verifikasi dua langkah dinonaktifkan"),
    "kode_cadangan_baru": _("kode cadangan baru dibuat"),
    "reset": _("verifikasi dua langkah diatur ulang"),
    "token_salah": _("kode verifikasi salah"),
    "kata_sandi_diganti": _("kata sandi diganti pemiliknya"),
    "kata_sandi_direset": _("kata sandi baru dari admin"),
    "csv": "CSV",
    "xlsx": "XLSX",
}


def keterangan(data: dict | None) -> list[tuple[str, str]]:
    """(label, value) pairs; an unknown key or value is shown as stored."""
    hasil = []
    for kunci, nilai in (data or {}).items():
        try:
            tampil = NILAI.get(nilai, nilai)
        except TypeError:  # an unhashable value (a list): as it is
            tampil = nilai
        hasil.append((str(LABEL.get(kunci, kunci)), str(tampil)))
    return hasil
