"""Word counts for length thresholds work in scripts written without spaces (CJK, Thai)."""

from __future__ import annotations

from newscorpus.ingest.formats import read_input
from newscorpus.ingest.html import read
from newscorpus.ingest.raw import RawArticle
from newscorpus.ingest.words import word_count

# Synthetic sentences written for these tests.
JAPANESE = "港湾局は火曜日、五月に浚渫工事を始めると発表した。漁船は工事の間北側の岸壁に移る。"
THAI = "การท่าเรือกล่าวว่าการขุดลอกจะเริ่มในเดือนพฤษภาคม"


def test_spaced_text_counts_runs_of_word_characters() -> None:
    assert word_count("The harbour board met on Tuesday.") == 6
    assert word_count("항만청은 화요일 준설 작업을 시작한다") == 5


def test_chinese_and_japanese_count_two_characters_a_word() -> None:
    han_kana = sum(1 for ch in JAPANESE if ch not in "、。")
    assert word_count(JAPANESE) == han_kana // 2


def test_thai_counts_four_letters_a_word() -> None:
    assert 8 <= word_count(THAI) <= 12


def test_mixed_text_adds_both_counts() -> None:
    assert word_count("Brenmoor 港湾局") == 1 + 3 // 2


def test_a_shift_jis_page_counts_its_words_and_becomes_an_article() -> None:
    numbers = "一二三四"
    body = "".join(f"<p>第{n}報。{JAPANESE}{JAPANESE}</p>" for n in numbers)
    html = (
        '<html lang="ja"><head><meta charset="shift_jis"><title>港湾局</title></head>'
        f"<body><article>{body}</article></body></html>"
    )
    [article] = read(html.encode("shift_jis"), "page.html", "h")
    assert isinstance(article, RawArticle) and "港湾局は火曜日" in article.text


def test_a_shift_jis_page_dump_of_short_paragraphs_becomes_an_article() -> None:
    dump = "港湾局\n\n" + "\n\n".join(f"第{n}報。{JAPANESE}" for n in "一二三四五六")
    [article] = read_input(dump.encode("shift_jis"), "page.txt", "h")
    assert "港湾局は火曜日" in article.text
