from locales.serbian_script import cyrillic_to_latin, is_cyrillic


def test_every_letter_and_digraph_case() -> None:
    assert cyrillic_to_latin("Љубав њива џеп ђак ћуп чаша жаба шума") == (
        "Ljubav njiva džep đak ćup čaša žaba šuma"
    )
    assert cyrillic_to_latin("ЉУБАВ Џ") == "LJUBAV Dž"


def test_placeholders_and_latin_untouched() -> None:
    assert cyrillic_to_latin("Рачун {amount} за {period}") == "Račun {amount} za {period}"


def test_script_detection() -> None:
    assert is_cyrillic("кад ће струја")
    assert not is_cyrillic("kad ce struja")
