"""Character-level helpers: which characters are Chinese."""

from glossary.chinese import han_count, traditional_share


def test_characters_beyond_the_basic_plane_are_chinese() -> None:
    assert han_count("𠮷田明") == 3  # 𠮷 is U+20BB7 (Extension B)
    assert han_count("𰻝𰻝面") == 3  # Extension G
    assert traditional_share("𠮷國") == 0.5  # 𠮷 counts, and simplification leaves it as it is
