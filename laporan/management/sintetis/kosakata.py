"""The words the synthetic data is made of: names, offences, partners, programmes, reasons.

Plain lists and weights; nothing here touches the database."""

# Indonesian given names (outside Bali), and the second names they are paired with.
NAMA_LAKI = (
    "Agus", "Ahmad", "Andi", "Arif", "Bambang", "Budi", "Dedi", "Dian", "Eko", "Fajar",
    "Hendra", "Heru", "Imam", "Irfan", "Joko", "Kurniawan", "Muhammad", "Nur", "Rahmat",
    "Riski", "Rudi", "Slamet", "Sugeng", "Teguh", "Wahyu", "Yusuf", "Zainal", "Hasan",
    "Ilham", "Fikri", "Gilang", "Aldi", "Bayu", "Doni", "Rian", "Samsul", "Taufik", "Yoga",
)  # fmt: skip
NAMA_PEREMPUAN = (
    "Ani", "Ayu", "Dewi", "Eka", "Fitri", "Indah", "Lestari", "Maya", "Nina", "Nurul",
    "Putri", "Ratna", "Rina", "Sari", "Siti", "Sri", "Wulan", "Yuni", "Dian", "Intan",
    "Mega", "Novi", "Rahma", "Tika", "Vina", "Winda", "Yanti", "Lina", "Kartika", "Ratih",
)  # fmt: skip
NAMA_BELAKANG = (
    "Saputra", "Santoso", "Wijaya", "Pratama", "Hidayat", "Nugroho", "Setiawan", "Susanto",
    "Kusuma", "Ramadhan", "Siregar", "Nasution", "Harahap", "Lubis", "Simanjuntak",
    "Sinaga", "Tanjung", "Hutapea", "Manurung", "Rangkuti", "Lumban Gaol", "Sembiring",
    "Ginting", "Tarigan", "Syahputra", "Firmansyah", "Gunawan", "Hakim", "Iskandar",
    "Maulana", "Purnomo", "Rahman", "Sulistyo", "Wibowo", "Yulianto", "Tambunan",
    "Daeng", "Lamba", "Pattimura", "Wenda", "Kogoya", "Rumbiak", "Mahuze", "Fernandez",
)  # fmt: skip
NAMA_PEREMPUAN_BELAKANG = (
    "Rahayu", "Wati", "Sari", "Lestari", "Handayani", "Puspita", "Anggraini", "Wulandari",
    "Permata", "Kurnia", "Safitri", "Utami", "Purnamasari", "Oktaviani", "Maharani",
)  # fmt: skip

# Bali (DOMAIN.md): I / Ni, the birth-order name, then a given name.
URUTAN_BALI = ("Wayan", "Putu", "Gede", "Made", "Kadek", "Nengah", "Nyoman", "Komang", "Ketut")
NAMA_BALI_LAKI = (
    "Suparta", "Sudarma", "Arsana", "Budiarta", "Darmawan", "Gunawan", "Juliarta", "Mertha",
    "Parwata", "Sudiarsa", "Sukadana", "Widiana", "Wirawan", "Adi Putra", "Eka Saputra",
    "Artawan", "Suardana", "Swastika", "Yasa", "Sedana",
)  # fmt: skip
NAMA_BALI_PEREMPUAN = (
    "Sudiarti", "Ariani", "Sukerni", "Suastini", "Mariani", "Widiastuti", "Darmayanti",
    "Puspawati", "Sri Wahyuni", "Ayu Lestari", "Rai Sukmawati", "Suartini", "Yuliani",
)  # fmt: skip

PEKERJAAN = (
    "Buruh harian lepas", "Petani", "Nelayan", "Wiraswasta", "Karyawan swasta", "Pedagang",
    "Sopir", "Tukang bangunan", "Tidak bekerja", "Pelajar", "Ojek daring", "Montir",
)  # fmt: skip
JALAN = (
    "Jl. Merdeka", "Jl. Sudirman", "Jl. Diponegoro", "Jl. Gajah Mada", "Jl. Ahmad Yani",
    "Jl. Pahlawan", "Jl. Veteran", "Jl. Kartini", "Jl. Imam Bonjol", "Jl. Hasanuddin",
)  # fmt: skip

# (offence, article, weight): the usual caseload of a Bapas.
PERKARA = (
    ("Pencurian", "Pasal 362 KUHP", 22),
    ("Pencurian dengan pemberatan", "Pasal 363 KUHP", 10),
    ("Penyalahgunaan narkotika", "Pasal 127 UU 35/2009", 18),
    ("Kepemilikan narkotika", "Pasal 112 UU 35/2009", 12),
    ("Penganiayaan", "Pasal 351 KUHP", 9),
    ("Penipuan", "Pasal 378 KUHP", 6),
    ("Penggelapan", "Pasal 372 KUHP", 6),
    ("Kecelakaan lalu lintas", "Pasal 310 UU 22/2009", 4),
    ("Perjudian", "Pasal 303 KUHP", 4),
    ("Pengeroyokan", "Pasal 170 KUHP", 4),
    ("Perlindungan anak", "Pasal 82 UU 35/2014", 3),
    ("Penadahan", "Pasal 480 KUHP", 2),
)

# Integration programmes: (code, weight, months of guidance min, max). Adults, then children.
PROGRAM_DEWASA = (
    ("PB", 45, 6, 36),
    ("CB", 12, 3, 12),
    ("CMB", 8, 1, 6),
    ("ASIMILASI", 15, 3, 12),
    ("CMK", 2, 1, 2),
    ("PIDANA_BERSYARAT", 18, 6, 36),
)
PROGRAM_ANAK = (
    ("DIVERSI", 40, 3, 12),
    ("BIMBINGAN_PUTUSAN", 30, 6, 24),
    ("PB", 20, 6, 24),
    ("ASIMILASI", 10, 3, 12),
)
PROPORSI_ANAK = 0.1
# The programmes whose clients report (wajib lapor) on a schedule.
PROGRAM_LAPOR = frozenset({"PB", "CB", "CMB", "ASIMILASI", "PIDANA_BERSYARAT", "BIMBINGAN_PUTUSAN"})

# Partners: (kind, group, name patterns, serves kepribadian, serves kemandirian, fields)
MITRA = (
    ("yayasan", "kemandirian_kepribadian", "Yayasan {}", True, True,
     ("pendidikan", "dukungan_sosial")),
    ("bantuan_hukum", "hukum_kemasyarakatan", "LBH {}", True, False, ("penyuluhan_hukum",)),
    ("keagamaan", "kemandirian_kepribadian", "Majelis {}", True, False, ("bimbingan_agama",)),
    ("kelompok_masyarakat", "ekonomi", "Kelompok Usaha {}", False, True,
     ("keterampilan_kerja", "kewirausahaan")),
    ("usaha", "ekonomi", "UD {}", False, True, ("keterampilan_kerja",)),
    ("akademisi", "hukum_kemasyarakatan", "Pusat Studi {}", True, False,
     ("penyuluhan_hukum", "pendidikan")),
    ("perorangan", "sosial", "{}", True, True, ("seni_budaya", "kesehatan")),
    ("yayasan", "sosial", "Yayasan Rehabilitasi {}", True, False,
     ("rehabilitasi_narkoba", "kesehatan")),
)  # fmt: skip
KATA_MITRA = (
    "Harapan", "Cahaya", "Mandiri", "Sejahtera", "Peduli", "Bakti", "Sentosa", "Amanah",
    "Berkah", "Nusantara", "Lestari", "Karya", "Bina", "Insan", "Sahabat", "Pelita",
)  # fmt: skip

# Programme topics by type: (name, topic, resource name, unit or None).
TOPIK_KEPRIBADIAN = (
    ("Bimbingan keagamaan", "Kesadaran beragama", "Kitab dan buku tuntunan", "buah"),
    ("Penyuluhan hukum", "Kesadaran hukum", "Modul penyuluhan", "buah"),
    ("Konseling adiksi", "Penyuluhan rehabilitasi narkoba", "Modul konseling", "buah"),
    ("Wawasan kebangsaan", "Kesadaran berbangsa dan bernegara", "Modul", "buah"),
    ("Kelompok dukungan sebaya", "Reintegrasi sehat", "Lembar kerja", "set"),
    ("Kesehatan jiwa", "Kesehatan jasmani dan rohani", "Alat tes kesehatan", "set"),
    ("Meditasi dan yoga", "Sikap dan perilaku", "Matras yoga", "buah"),
)  # fmt: skip
TOPIK_KEMANDIRIAN = (
    ("Pelatihan tata boga", "Keterampilan kerja", "Paket alat masak", "set"),
    ("Budidaya ikan", "Produksi", "Kolam terpal", "unit"),
    ("Pelatihan montir sepeda motor", "Keterampilan kerja", "Kotak perkakas", "set"),
    ("Pelatihan menjahit", "Keterampilan kerja", "Mesin jahit", "unit"),
    ("Kerajinan dupa dan parsel", "Produksi", "Paket bahan kerajinan", "paket"),
    ("Melukis", "Keterampilan seni", "Paket alat lukis", "set"),
    ("Pertanian hortikultura", "Produksi", "Paket bibit dan pupuk", "paket"),
    ("Pelatihan barista", "Keterampilan kerja", "Mesin kopi", "unit"),
)  # fmt: skip

# Reasons for an absence (DOMAIN.md: work, emergencies, religious ceremonies, distance,
# other; plus illness and legal matters): weights elsewhere, and in Bali, where ceremonies
# on the pawukon days keep many from a session.
ALASAN_UMUM = (
    ("pekerjaan", 34),
    ("sakit", 16),
    ("keluarga_darurat", 15),
    ("upacara_agama_adat", 9),
    ("jarak_transportasi", 13),
    ("urusan_hukum", 4),
    ("lainnya", 9),
)
ALASAN_BALI = (
    ("pekerjaan", 28),
    ("sakit", 13),
    ("keluarga_darurat", 12),
    ("upacara_agama_adat", 24),
    ("jarak_transportasi", 11),
    ("urusan_hukum", 4),
    ("lainnya", 8),
)

SUMBER_RESIDIVISME = (
    "Polres {}", "Kejaksaan Negeri {}", "Pengadilan Negeri {}", "Laporan keluarga klien",
    "Lapas {}",
)  # fmt: skip

# BPS province codes (the first two digits of a NIK), by the regions data's province name.
KODE_PROVINSI = {
    "Aceh": 11, "Sumatra Utara": 12, "Sumatra Barat": 13, "Riau": 14, "Jambi": 15,
    "Sumatra Selatan": 16, "Bengkulu": 17, "Lampung": 18, "Kepulauan Bangka Belitung": 19,
    "Kepulauan Riau": 21, "Daerah Khusus Ibukota Jakarta": 31, "Jawa Barat": 32,
    "Jawa Tengah": 33, "Daerah Istimewa Yogyakarta": 34, "Jawa Timur": 35, "Banten": 36,
    "Bali": 51, "Nusa Tenggara Barat": 52, "Nusa Tenggara Timur": 53,
    "Kalimantan Barat": 61, "Kalimantan Tengah": 62, "Kalimantan Selatan": 63,
    "Kalimantan Timur": 64, "Kalimantan Utara": 65, "Sulawesi Utara": 71,
    "Sulawesi Tengah": 72, "Sulawesi Selatan": 73, "Sulawesi Tenggara": 74, "Gorontalo": 75,
    "Sulawesi Barat": 76, "Maluku": 81, "Maluku Utara": 82, "Papua": 91, "Papua Barat": 92,
}  # fmt: skip


# Time zones by BPS province code: WIT from Maluku eastwards, WITA from Bali and the
# eastern half of Kalimantan, WIB elsewhere.
def zona_waktu(kode_provinsi: int) -> str:
    if kode_provinsi >= 81:
        return "Asia/Jayapura"
    if kode_provinsi >= 63 or 51 <= kode_provinsi <= 53:
        return "Asia/Makassar"
    return "Asia/Jakarta"


# Religion weights by province code (a rough national picture; the rest of the country
# takes AGAMA_UMUM).
AGAMA_UMUM = (("ISLAM", 87), ("KRISTEN", 7), ("KATOLIK", 3), ("HINDU", 1), ("BUDDHA", 1.5),
              ("KONGHUCU", 0.3), ("LAINNYA", 0.2))  # fmt: skip
AGAMA_PROVINSI = {
    51: (("HINDU", 86), ("ISLAM", 10), ("KRISTEN", 2), ("KATOLIK", 1), ("BUDDHA", 1)),
    53: (("KATOLIK", 54), ("KRISTEN", 35), ("ISLAM", 10), ("HINDU", 1)),
    71: (("KRISTEN", 64), ("ISLAM", 31), ("KATOLIK", 4), ("HINDU", 1)),
    81: (("ISLAM", 52), ("KRISTEN", 41), ("KATOLIK", 7)),
    91: (("KRISTEN", 65), ("KATOLIK", 17), ("ISLAM", 18)),
    92: (("KRISTEN", 53), ("ISLAM", 38), ("KATOLIK", 9)),
}
