"""The demo site's pages, in Indonesian and English: sections, four Balikpapan campaigns, three stories.

Written for this project; no child is named. ``shared`` holds fields that are the same in both languages
(theme codes are looked up and translated by the seed), ``id`` and ``en`` the text of each language.
"""

from datetime import date

from cms.vocabulary import AgeBand


def paragraph(html: str) -> dict:
    return {"type": "paragraph", "value": html}


def heading(text: str) -> dict:
    return {"type": "heading", "value": {"heading_text": text, "size": "h2"}}


def quote(text: str, age_band: str) -> dict:
    return {"type": "child_quote", "value": {"quote": text, "age_band": age_band}}


def fact(figure: str, text: str, source: str = "") -> dict:
    return {"type": "fact_card", "value": {"figure": figure, "text": text, "source": source}}


def help_lines(title: str) -> dict:
    return {"type": "help_lines", "value": {"heading": title}}


SECTIONS = {
    "campaigns": {
        "id": {
            "title": "Kampanye",
            "slug": "kampanye",
            "intro": "Kampanye Forum Anak dan pemerintah kota untuk anak yang aman, sehat dan didengar.",
        },
        "en": {
            "title": "Campaigns",
            "slug": "campaigns",
            "intro": "Campaigns by the children's forum and the city for children who are safe, healthy and heard.",
        },
    },
    "stories": {
        "id": {
            "title": "Cerita",
            "slug": "cerita",
            "intro": "Cerita dan berita dari Forum Anak di kecamatan dan kelurahan.",
        },
        "en": {
            "title": "Stories",
            "slug": "stories",
            "intro": "Stories and news from the children's forums of the districts and villages.",
        },
    },
    "help": {
        "id": {
            "title": "Bantuan",
            "slug": "bantuan",
            "intro": (
                "Kalau kamu atau temanmu mengalami kekerasan, dirundung, atau merasa tidak aman, kamu boleh "
                "minta tolong. Layanan di bawah ini gratis dan rahasia."
            ),
            "body": [
                heading("Apa yang terjadi kalau aku menelepon?"),
                paragraph(
                    "<p>Petugas akan mendengarkan ceritamu tanpa memarahimu. Kamu boleh tidak menyebut nama. "
                    "Kalau kamu dalam bahaya, petugas membantu mencarikan tempat aman.</p>"
                ),
                heading("Bicara dengan orang dewasa yang kamu percaya"),
                paragraph(
                    "<p>Guru BK, wali kelas, tim pencegahan kekerasan di sekolah (TPPK), orang tua, atau "
                    "pendamping Forum Anak bisa membantumu. Kamu tidak salah karena bercerita.</p>"
                ),
            ],
        },
        "en": {
            "title": "Help",
            "slug": "help",
            "intro": (
                "If you or a friend are being hurt, bullied or feel unsafe, you can ask for help. The services "
                "below are free and confidential."
            ),
            "body": [
                heading("What happens when I call?"),
                paragraph(
                    "<p>Someone will listen to you without scolding you. You do not have to give your name. "
                    "If you are in danger, they help you find a safe place.</p>"
                ),
                heading("Talk to an adult you trust"),
                paragraph(
                    "<p>A school counsellor, your class teacher, your school's violence-prevention team (TPPK), "
                    "a parent or a children's forum facilitator can help you. Telling someone is never wrong.</p>"
                ),
            ],
        },
    },
}

CAMPAIGNS = [
    {
        "shared": {"theme": "perundungan", "start_date": date(2026, 7, 13), "end_date": date(2026, 12, 18)},
        "action": "help",
        "id": {
            "title": "Sekolahku Tanpa Perundungan",
            "slug": "sekolahku-tanpa-perundungan",
            "goal": "Setiap anak di Balikpapan berani menolak perundungan dan tahu ke mana harus melapor.",
            "action_label": "Cari bantuan sekarang",
            "search_description": "Kampanye anti-perundungan Forum Anak Balikpapan di sekolah.",
            "body": [
                paragraph(
                    "<p>Perundungan bukan bercanda. Mengejek terus-menerus, mengucilkan, mengancam, merusak "
                    "barang, memukul, atau menyebar gosip di grup chat bisa membuat temanmu takut ke sekolah.</p>"
                ),
                heading("Tiga hal yang bisa kamu lakukan"),
                paragraph(
                    "<ol><li>Jangan ikut menertawakan.</li><li>Temani teman yang dirundung.</li>"
                    "<li>Ceritakan pada guru, TPPK sekolah, atau orang dewasa yang kamu percaya.</li></ol>"
                ),
                quote("Waktu teman-teman mulai membelaku, ejekan itu berhenti.", AgeBand.FROM_13_TO_15),
                help_lines("Kalau kamu dirundung, hubungi"),
            ],
        },
        "en": {
            "title": "My School Without Bullying",
            "slug": "my-school-without-bullying",
            "goal": "Every child in Balikpapan dares to say no to bullying and knows where to report it.",
            "action_label": "Find help now",
            "search_description": "The Balikpapan children's forum's anti-bullying campaign in schools.",
            "body": [
                paragraph(
                    "<p>Bullying is not a joke. Mocking someone again and again, leaving them out, threatening, "
                    "breaking their things, hitting, or spreading rumours in a group chat can make a friend "
                    "afraid to go to school.</p>"
                ),
                heading("Three things you can do"),
                paragraph(
                    "<ol><li>Do not laugh along.</li><li>Stay with the friend who is bullied.</li>"
                    "<li>Tell a teacher, your school's TPPK team or an adult you trust.</li></ol>"
                ),
                quote("When my friends started standing up for me, the teasing stopped.", AgeBand.FROM_13_TO_15),
                help_lines("If you are bullied, contact"),
            ],
        },
    },
    {
        "shared": {"theme": "kstr", "start_date": date(2026, 5, 31), "end_date": date(2026, 10, 31)},
        "id": {
            "title": "Udara Bersih di Tempat Anak Bermain dan Belajar",
            "slug": "udara-bersih-tempat-anak",
            "goal": "Sekolah, taman dan fasilitas kesehatan di Balikpapan benar-benar bebas asap rokok.",
            "search_description": "Kampanye Kawasan Sehat Tanpa Rokok (KSTR) bersama Forum Anak.",
            "body": [
                paragraph(
                    "<p>Asap rokok orang lain tetap berbahaya untuk paru-paru anak. Kawasan Sehat Tanpa Rokok "
                    "(KSTR) berarti tidak ada yang merokok, menjual atau mengiklankan rokok di tempat itu.</p>"
                ),
                fact("0", "batang rokok yang boleh dinyalakan di sekolah, tempat bermain anak dan puskesmas."),
                paragraph(
                    "<p>Forum Anak memetakan tempat yang masih berasap dan menyampaikannya ke pemerintah kota. "
                    "Kamu bisa ikut dengan mencatat tempat seperti itu di sekitarmu.</p>"
                ),
            ],
        },
        "en": {
            "title": "Clean Air Where Children Play and Learn",
            "slug": "clean-air-where-children-are",
            "goal": "Schools, parks and health centres in Balikpapan are truly free of cigarette smoke.",
            "search_description": "A smoke-free areas (KSTR) campaign with the children's forum.",
            "body": [
                paragraph(
                    "<p>Other people's cigarette smoke still harms children's lungs. A smoke-free area (KSTR) "
                    "means nobody smokes, sells or advertises cigarettes there.</p>"
                ),
                fact("0", "cigarettes that may be lit at schools, children's play areas and health centres."),
                paragraph(
                    "<p>The children's forum maps places that are still smoky and brings the map to the city. "
                    "You can join by noting such places near you.</p>"
                ),
            ],
        },
    },
    {
        "shared": {"theme": "sra", "start_date": date(2026, 7, 13), "end_date": None},
        "id": {
            "title": "Ayo Jadi Sekolah Ramah Anak",
            "slug": "ayo-jadi-sekolah-ramah-anak",
            "goal": "Lebih banyak sekolah di Balikpapan memenuhi enam komponen Sekolah Ramah Anak.",
            "search_description": "Kampanye Sekolah Ramah Anak (SRA): enam komponen dan suara murid.",
            "body": [
                fact("6", "komponen Sekolah Ramah Anak, dari kebijakan sekolah sampai peran orang tua."),
                paragraph(
                    "<p>Sekolah ramah anak punya kebijakan anti-kekerasan, guru yang paham hak anak, cara "
                    "belajar yang menyenangkan, sarana yang aman, dan mengajak murid serta orang tua "
                    "ikut memutuskan.</p>"
                ),
                quote("Di sekolahku, kami boleh usul tentang jadwal ekstrakurikuler.", AgeBand.FROM_10_TO_12),
            ],
        },
        "en": {
            "title": "Let's Become a Child-Friendly School",
            "slug": "become-a-child-friendly-school",
            "goal": "More schools in Balikpapan meet the six components of a Child-Friendly School.",
            "search_description": "A Child-Friendly School (SRA) campaign: six components and pupils' voices.",
            "body": [
                fact("6", "components of a Child-Friendly School, from school policy to the role of parents."),
                paragraph(
                    "<p>A child-friendly school has an anti-violence policy, teachers who know children's "
                    "rights, enjoyable learning, safe facilities, and it lets pupils and parents take part in "
                    "decisions.</p>"
                ),
                quote("At my school we may suggest the schedule of after-school activities.", AgeBand.FROM_10_TO_12),
            ],
        },
    },
    {
        "shared": {"theme": "rbra", "start_date": date(2026, 8, 1), "end_date": date(2027, 1, 31)},
        "id": {
            "title": "Ruang Bermain untuk Semua Anak",
            "slug": "ruang-bermain-untuk-semua-anak",
            "goal": "Setiap kelurahan punya ruang bermain ramah anak yang aman, gratis dan terbuka.",
            "search_description": "Kampanye Ruang Bermain Ramah Anak (RBRA) di kelurahan.",
            "body": [
                paragraph(
                    "<p>Bermain adalah hak anak. Ruang Bermain Ramah Anak (RBRA) aman, bersih, tanpa asap "
                    "rokok, bisa dipakai anak dengan disabilitas, dan tidak memungut bayaran.</p>"
                ),
                heading("Ceritakan taman di dekat rumahmu"),
                paragraph(
                    "<p>Apakah ada ayunan yang rusak? Apakah tempatnya gelap di sore hari? Sampaikan lewat "
                    "Forum Anak kelurahanmu supaya bisa diperbaiki.</p>"
                ),
            ],
        },
        "en": {
            "title": "Play Spaces for Every Child",
            "slug": "play-spaces-for-every-child",
            "goal": "Every village has a child-friendly play space that is safe, free and open to all.",
            "search_description": "A Child-Friendly Play Spaces (RBRA) campaign in the villages.",
            "body": [
                paragraph(
                    "<p>Playing is a child's right. A Child-Friendly Play Space (RBRA) is safe, clean, "
                    "smoke-free, usable by children with disabilities, and free of charge.</p>"
                ),
                heading("Tell us about the park near your home"),
                paragraph(
                    "<p>Is a swing broken? Is the place dark in the late afternoon? Tell your village's "
                    "children's forum so it can be fixed.</p>"
                ),
            ],
        },
    },
]

STORIES = [
    {
        "shared": {
            "kind": "story",
            "date": date(2026, 8, 20),
            "group_name": "Forum Anak Kecamatan Balikpapan Utara",
            "theme": "perundungan",
        },
        "id": {
            "title": "Kami Membuat Pojok Curhat di Sekolah",
            "slug": "pojok-curhat-di-sekolah",
            "summary": "Anggota Forum Anak membuat pojok curhat supaya teman yang dirundung berani bercerita.",
            "body": [
                paragraph(
                    "<p>Kami meminta satu sudut perpustakaan kepada kepala sekolah. Di sana ada kotak surat "
                    "tanpa nama dan jadwal guru BK yang bisa ditemui.</p>"
                ),
                quote("Ternyata banyak yang ingin cerita, hanya belum tahu caranya.", AgeBand.FROM_13_TO_15),
            ],
        },
        "en": {
            "title": "We Set Up a Listening Corner at School",
            "slug": "listening-corner-at-school",
            "summary": "Forum members set up a listening corner so that bullied classmates dare to speak up.",
            "body": [
                paragraph(
                    "<p>We asked the head teacher for one corner of the library. It has a letter box for "
                    "anonymous notes and the times when the school counsellor is available.</p>"
                ),
                quote("It turned out many wanted to talk; they just did not know how.", AgeBand.FROM_13_TO_15),
            ],
        },
    },
    {
        "shared": {
            "kind": "story",
            "date": date(2026, 9, 12),
            "group_name": "Forum Anak Kecamatan Balikpapan Selatan",
            "theme": "kstr",
        },
        "id": {
            "title": "Memetakan Asap Rokok di Sekitar Sekolah",
            "slug": "memetakan-asap-rokok",
            "summary": "Dua minggu kami mencatat tempat orang merokok di dekat sekolah dan taman.",
            "body": [
                paragraph(
                    "<p>Kami berjalan berkelompok bersama pendamping, mencatat warung yang menjual rokok dekat "
                    "gerbang sekolah, lalu menyerahkan petanya ke kelurahan.</p>"
                ),
            ],
        },
        "en": {
            "title": "Mapping Cigarette Smoke Around Schools",
            "slug": "mapping-cigarette-smoke",
            "summary": "For two weeks we noted where people smoke near schools and parks.",
            "body": [
                paragraph(
                    "<p>We walked in groups with our facilitator, noted the stalls selling cigarettes near "
                    "school gates, and handed the map to the village office.</p>"
                ),
            ],
        },
    },
    {
        "shared": {
            "kind": "news",
            "date": date(2026, 10, 3),
            "group_name": "Forum Anak Kota Balikpapan",
            "theme": "rbra",
        },
        "id": {
            "title": "Usulan Forum Anak Masuk Musrenbang Kelurahan",
            "slug": "usulan-forum-anak-musrenbang",
            "summary": "Usulan perbaikan taman bermain dari Forum Anak dibahas dalam Musrenbang kelurahan.",
            "body": [
                paragraph(
                    "<p>Perwakilan Forum Anak menyampaikan hasil pengamatan taman bermain. Pemerintah "
                    "kelurahan berjanji memperbaiki lampu dan ayunan, dan akan memberi kabar hasilnya.</p>"
                ),
            ],
        },
        "en": {
            "title": "Children's Forum Proposal Reaches the Village Planning Meeting",
            "slug": "childrens-forum-proposal-planning-meeting",
            "summary": "The forum's proposal to repair a playground was discussed at the village planning meeting.",
            "body": [
                paragraph(
                    "<p>Forum representatives presented what they had observed at the playground. The village "
                    "government promised to repair the lights and the swings and to report back.</p>"
                ),
            ],
        },
    },
]
