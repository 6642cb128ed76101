"""Japan's 47 prefectures: name, romanised name, 2020 census population (millions).

Used by :func:`coopnet.synthetic` to spread organisations over the country.
"""

from __future__ import annotations

#: (name, romanised, population in millions (2020 census, rounded), landlocked)
PREFECTURES: tuple[tuple[str, str, float, bool], ...] = (
    ("北海道", "Hokkaido", 5.22, False),
    ("青森県", "Aomori", 1.24, False),
    ("岩手県", "Iwate", 1.21, False),
    ("宮城県", "Miyagi", 2.30, False),
    ("秋田県", "Akita", 0.96, False),
    ("山形県", "Yamagata", 1.07, False),
    ("福島県", "Fukushima", 1.83, False),
    ("茨城県", "Ibaraki", 2.87, False),
    ("栃木県", "Tochigi", 1.93, True),
    ("群馬県", "Gunma", 1.94, True),
    ("埼玉県", "Saitama", 7.34, True),
    ("千葉県", "Chiba", 6.28, False),
    ("東京都", "Tokyo", 14.05, False),
    ("神奈川県", "Kanagawa", 9.24, False),
    ("新潟県", "Niigata", 2.20, False),
    ("富山県", "Toyama", 1.03, False),
    ("石川県", "Ishikawa", 1.13, False),
    ("福井県", "Fukui", 0.77, False),
    ("山梨県", "Yamanashi", 0.81, True),
    ("長野県", "Nagano", 2.05, True),
    ("岐阜県", "Gifu", 1.98, True),
    ("静岡県", "Shizuoka", 3.63, False),
    ("愛知県", "Aichi", 7.54, False),
    ("三重県", "Mie", 1.77, False),
    ("滋賀県", "Shiga", 1.41, True),
    ("京都府", "Kyoto", 2.58, False),
    ("大阪府", "Osaka", 8.84, False),
    ("兵庫県", "Hyogo", 5.47, False),
    ("奈良県", "Nara", 1.32, True),
    ("和歌山県", "Wakayama", 0.92, False),
    ("鳥取県", "Tottori", 0.55, False),
    ("島根県", "Shimane", 0.67, False),
    ("岡山県", "Okayama", 1.89, False),
    ("広島県", "Hiroshima", 2.80, False),
    ("山口県", "Yamaguchi", 1.34, False),
    ("徳島県", "Tokushima", 0.72, False),
    ("香川県", "Kagawa", 0.95, False),
    ("愛媛県", "Ehime", 1.33, False),
    ("高知県", "Kochi", 0.69, False),
    ("福岡県", "Fukuoka", 5.14, False),
    ("佐賀県", "Saga", 0.81, False),
    ("長崎県", "Nagasaki", 1.31, False),
    ("熊本県", "Kumamoto", 1.74, False),
    ("大分県", "Oita", 1.12, False),
    ("宮崎県", "Miyazaki", 1.07, False),
    ("鹿児島県", "Kagoshima", 1.59, False),
    ("沖縄県", "Okinawa", 1.47, False),
)

PREFECTURE_NAMES: tuple[str, ...] = tuple(p[0] for p in PREFECTURES)
