"""Grammar the catalogues cannot express: ordinals and Azerbaijani case endings, by vowel harmony.

Azerbaijani suffixes follow the last vowel of the word as it is *said*: ``74-cü`` (yetmiş dörd → ö),
``Sinqapurun`` (u), ``Estoniyanın`` (a, after a vowel the genitive takes ``n``). A number is said in words, so its
last vowel is the one of its last number word (``2024`` → dörd, ``1000`` → min, ``40`` → qırx).

The texts use these forms through placeholders derived from the values passed to :func:`assess.i18n.t`: an integer
``year`` also gives ``{year_ord}``; any value ``ref`` also gives ``{ref_gen}``, ``{ref_dat}``, ``{ref_loc}``,
``{ref_abl}`` and ``{ref_acc}`` (in English these are the value itself, ordinals ``74th``).

Examples
--------
>>> ordinal(74, "az"), ordinal(74, "en"), inflect("Sinqapur", "gen"), inflect("Estoniya", "dat")
('74-cü', '74th', 'Sinqapurun', 'Estoniyaya')
"""

from __future__ import annotations

__all__ = ["CASES", "inflect", "last_vowel", "ordinal"]

_BACK = set("aıou")
_VOWELS = set("aıoueəiöü")
#: The last vowel said in each number word (units, tens, and the powers of ten).
_UNITS = {0: "ı", 1: "i", 2: "i", 3: "ü", 4: "ö", 5: "e", 6: "ı", 7: "i", 8: "i", 9: "u"}  # sıfır bir iki üç dörd …
_TENS = {1: "o", 2: "i", 3: "u", 4: "ı", 5: "i", 6: "ı", 7: "i", 8: "ə", 9: "a"}  # on iyirmi otuz qırx əlli altmış …
_POWERS = ((10**12, "o"), (10**9, "a"), (10**6, "o"), (1000, "i"), (100, "ü"))  # trilyon milyard milyon min yüz
#: Whether the number's last word ends in a vowel (iki, altı, yeddi, iyirmi, əlli; the others end in a consonant).
_UNITS_OPEN = {2, 6, 7}
_TENS_OPEN = {2, 5}

#: The case endings :func:`inflect` knows, by their short names.
CASES = {"gen": "genitive", "dat": "dative", "loc": "locative", "abl": "ablative", "acc": "accusative"}


def _number_sound(n: int) -> tuple[str, bool]:
    """The last vowel said in ``n`` and whether the number word ends in a vowel."""
    a = abs(int(n))
    if a % 10:
        return _UNITS[a % 10], a % 10 in _UNITS_OPEN
    if a % 100:
        return _TENS[(a // 10) % 10], (a // 10) % 10 in _TENS_OPEN
    if a == 0:
        return "ı", False  # sıfır
    for power, vowel in _POWERS:
        if a % power == 0 and (a // power) % 1000:
            return vowel, False
    return "i", False


def last_vowel(word) -> str:
    """The vowel that decides the harmony of ``word`` (an integer is read as its number words).

    Examples
    --------
    >>> [last_vowel(w) for w in ("Azərbaycan", "Türkiyə", "Koreya Respublikası", 2024, 40, 1000, 100)]
    ['a', 'ə', 'ı', 'ö', 'ı', 'i', 'ü']
    """
    if isinstance(word, int) and not isinstance(word, bool):
        return _number_sound(word)[0]
    text = str(word).lower().replace("i̇", "i")
    for ch in reversed(text):
        if ch in _VOWELS:
            return ch
    return "e"  # no vowel (an abbreviation): front harmony


def _ends_open(word) -> bool:
    if isinstance(word, int) and not isinstance(word, bool):
        return _number_sound(word)[1]
    text = str(word).rstrip()
    return bool(text) and text[-1].lower() in _VOWELS


def _four(vowel: str) -> str:
    """The four-way harmony vowel (ı i u ü) after ``vowel``."""
    return {"a": "ı", "ı": "ı", "o": "u", "u": "u", "ö": "ü", "ü": "ü"}.get(vowel, "i")


def inflect(word, case: str, lang: str = "az") -> str:
    """``word`` (a name or a number) with the Azerbaijani case ending ``case`` (``gen``, ``dat``, ``loc``, ``abl``,
    ``acc``); in English the word unchanged. Numbers take the ending after a hyphen (``2024-cü``, ``2024-də``).

    Proper names keep their last consonant (``İraqın``, not ``İrağın``); the ending goes on the last word of a name.

    Examples
    --------
    >>> [inflect(w, "gen") for w in ("Azərbaycan", "Estoniya", "Türkiyə", "Koreya Respublikası", "Gürcüstan", 2024)]
    ['Azərbaycanın', 'Estoniyanın', 'Türkiyənin', 'Koreya Respublikasının', 'Gürcüstanın', '2024-ün']
    >>> [inflect("Sinqapur", c) for c in ("dat", "loc", "abl", "acc")]
    ['Sinqapura', 'Sinqapurda', 'Sinqapurdan', 'Sinqapuru']
    >>> [inflect("Estoniya", c) for c in ("dat", "loc", "abl", "acc")], inflect(6, "gen"), inflect("Singapore", "gen", "en")
    (['Estoniyaya', 'Estoniyada', 'Estoniyadan', 'Estoniyanı'], '6-nın', 'Singapore')
    """
    if case not in CASES:
        raise ValueError(f"case: expected one of {', '.join(CASES)}. Got {case!r} instead.")
    text = str(word)
    if lang != "az" or not text.strip():
        return text
    if isinstance(word, str) and word.strip().isdigit() and len(word.strip()) <= 15:
        word = int(word)
    v, open_ = last_vowel(word), _ends_open(word)
    back = v in _BACK
    # a name of several words ending in a possessive (Koreya Respublikası, Marşal Adaları) takes the pronominal n
    possessive = isinstance(word, str) and " " in text.strip() and text.rstrip()[-1].lower() in "ıiuü"
    a = "a" if back else "ə"
    if case == "gen":
        ending = ("n" if open_ else "") + _four(v) + "n"
    elif case == "acc":
        ending = ("n" if open_ else "") + _four(v)
    elif case == "dat":
        ending = ("n" if possessive else "y" if open_ else "") + a
    elif case == "loc":
        ending = ("n" if possessive else "") + "d" + a
    else:
        ending = ("n" if possessive else "") + "d" + a + "n"
    number = isinstance(word, int) and not isinstance(word, bool)
    return f"{text}-{ending}" if number or text[-1].isdigit() else text + ending


def ordinal(n: int, lang: str = "en") -> str:
    """Ordinal of ``n``: ``74th`` in English, ``74-cü`` in Azerbaijani (suffix by vowel harmony).

    Integer values passed to :func:`assess.i18n.t` are also available as ``{name_ord}``.

    Examples
    --------
    >>> [ordinal(n, "az") for n in (1, 3, 6, 9, 10, 40, 74, 80, 100, 2024, 2022, 1000, 10**6)]
    ['1-ci', '3-cü', '6-cı', '9-cu', '10-cu', '40-cı', '74-cü', '80-ci', '100-cü', '2024-cü', '2022-ci', '1000-ci', '1000000-cu']
    >>> [ordinal(n) for n in (1, 2, 3, 11, 74, 112)]
    ['1st', '2nd', '3rd', '11th', '74th', '112th']
    """
    n = int(n)
    if lang == "az":
        return f"{n}-c{_four(last_vowel(n))}"
    suffix = "th" if 10 <= abs(n) % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(abs(n) % 10, "th")
    return f"{n}{suffix}"
