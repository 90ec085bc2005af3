"""Values as Python's Faker makes them, for PiiGeneratedValuesRecall (Debian: python3-fake-factory).

Usage: /usr/bin/python3 generated_values.py 40 > values.jsonl
"""
import json
import sys

from faker import Faker

LOCALES = ['en_US', 'en_GB', 'de_DE', 'fr_FR', 'es_ES', 'it_IT', 'nl_NL', 'pl_PL', 'pt_BR', 'pt_PT', 'ru_RU',
           'sv_SE', 'no_NO', 'fi_FI', 'cs_CZ', 'sk_SK', 'hu_HU', 'ro_RO', 'el_GR', 'tr_TR', 'ja_JP', 'zh_CN',
           'ko_KR', 'hr_HR', 'sl_SI', 'lv_LV', 'lt_LT', 'et_EE', 'bg_BG', 'uk_UA', 'en_AU', 'en_CA', 'de_AT',
           'de_CH', 'fr_CH']


def main():
    per_locale = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    for locale in LOCALES:
        try:
            f = Faker(locale)
        except Exception:  # a locale this Faker does not have
            continue
        f.seed_instance(20261128)
        for _ in range(per_locale):
            values = [('phone', f.phone_number()), ('email', f.email()), ('ipv4', f.ipv4()),
                      ('ipv6', f.ipv6()), ('card', f.credit_card_number())]
            try:
                values.append(('iban', f.iban()))
            except AttributeError:
                pass
            if locale == 'en_US':
                values.append(('ssn', f.ssn()))
            for kind, v in values:
                print(json.dumps({'locale': locale, 'kind': kind, 'v': v}, ensure_ascii=False))


if __name__ == '__main__':
    main()
