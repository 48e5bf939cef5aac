"""Build the name gazetteers for the PII guard (src/supportllm/guard/data/first_names.txt and
surnames.txt).

Run once by a developer, not at install time:
    pip install --target /tmp/pii-tools faker wordfreq
    PYTHONPATH=/tmp/pii-tools python scripts/build_pii_names.py
Source: the first-name lists of faker's person providers (MIT licence) for the locales below;
compound names are split, tokens that are not capitalised alphabetic words are dropped.
The companion file ambiguous_first_names.txt is kept by hand: first names that are also common
English/German/Dutch words (found with wordfreq's Zipf frequency >= 4, then read one by one).
surnames.txt: faker's last-name lists for the same locales (at least 3 letters), less those that
are very common words in English, German or Dutch (wordfreq Zipf >= 4.85: White, Park, King,
Young, Mann ...) and street/place words (Lane, Hill, Street ...): the detector only uses a surname
next to another capitalised word or in a list of names, never alone.
"""

from __future__ import annotations

import importlib
from pathlib import Path

LOCALES = [
    "en_US",
    "en_GB",
    "en_IE",
    "de_DE",
    "de_AT",
    "de_CH",
    "nl_NL",
    "nl_BE",
    "fr_FR",
    "fr_CH",
    "es_ES",
    "es_MX",
    "it_IT",
    "pt_PT",
    "pt_BR",
    "pl_PL",
    "cs_CZ",
    "sk_SK",
    "sl_SI",
    "hr_HR",
    "da_DK",
    "no_NO",
    "sv_SE",
    "fi_FI",
    "tr_TR",
    "hu_HU",
    "ro_RO",
    "et_EE",
    "lv_LV",
    "lt_LT",
    "en_IN",
    "id_ID",
]
# Round 9: more origins of the names support teams see (Latin script only). Their lists also hold
# English and German words ("Leider", "Hope", "Valid", "Smith"): a name from them is kept only
# when it is a rare word in English, German and Dutch (wordfreq Zipf < RARE_ZIPF).
MORE_LOCALES = [
    "en_NG",
    "ig_NG",
    "yo_NG",
    "ha_NG",
    "tw_GH",
    "en_KE",
    "sw",
    "zu_ZA",
    "en_PK",
    "vi_VN",
    "az_AZ",
    "uz_UZ",
    "ga_IE",
    "is_IS",
    "en_NZ",
    "fr_BE",
    "es_AR",
    "es_CO",
    "es_CL",
]
ATTRS = ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary")
OUT = Path(__file__).resolve().parent.parent / "src/supportllm/guard/data/first_names.txt"
SURNAMES = OUT.with_name("surnames.txt")
LAST_ATTRS = ("last_names", "last_names_male", "last_names_female")
COMMON_ZIPF = 4.85
RARE_ZIPF = 3.0
PLACE_WORDS = {
    "Street", "Road", "Lane", "Avenue", "Drive", "Court", "Close", "Way", "Place", "Hill", "Park",
    "Square", "Gardens", "Grove", "Row", "Walk", "Green", "Bridge", "Ford", "Field", "Wood",
    "Strasse", "Straße", "Weg", "Platz", "Straat", "Laan", "Plein", "Berg", "Dijk", "Kamp",
}  # fmt: skip


def surnames() -> set[str]:
    from wordfreq import zipf_frequency

    names = _name_parts(LAST_ATTRS, min_len=3) | _rare(_name_parts(LAST_ATTRS, 3, MORE_LOCALES))
    common = {
        n
        for n in names
        if max(zipf_frequency(n.lower(), lang) for lang in ("en", "de", "nl")) >= COMMON_ZIPF
    }
    return names - common - PLACE_WORDS


def _rare(names: set[str]) -> set[str]:
    from wordfreq import zipf_frequency

    return {
        n
        for n in names
        if max(zipf_frequency(n.lower(), lang) for lang in ("en", "de", "nl")) < RARE_ZIPF
    }


def _name_parts(attrs: tuple[str, ...], min_len: int, locales: list[str] | None = None) -> set[str]:
    """Every capitalised, alphabetic part of at least ``min_len`` letters of the names faker's
    person providers hold in ``attrs``, over the locales (default LOCALES)."""
    names: set[str] = set()
    for loc in locales or LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{loc}").Provider
        for attr in attrs:
            values = getattr(provider, attr, None)
            if values is None or isinstance(values, property):
                continue  # a computed list (vi_VN builds its own from parts)
            for name in values.keys() if isinstance(values, dict) else values:
                for part in name.replace("-", " ").split():
                    if (
                        len(part) >= min_len
                        and part[0].isupper()
                        and part.replace("'", "").isalpha()
                    ):
                        names.add(part)
    return names


def main() -> None:
    names = _name_parts(ATTRS, min_len=2) | _rare(_name_parts(ATTRS, 2, MORE_LOCALES))
    OUT.write_text("".join(f"{n}\n" for n in sorted(names)), encoding="utf-8")
    print(f"{len(names)} names -> {OUT}")
    last = surnames()
    SURNAMES.write_text("".join(f"{n}\n" for n in sorted(last)), encoding="utf-8")
    print(f"{len(last)} surnames -> {SURNAMES}")


if __name__ == "__main__":
    main()
