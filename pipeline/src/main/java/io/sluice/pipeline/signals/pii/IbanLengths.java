package io.sluice.pipeline.signals.pii;

/**
 * IBAN lengths per country: the SWIFT IBAN registry, and the countries whose banks issue IBANs
 * without being in it (Iran's, written on every Iranian invoice, and those of western and central
 * Africa and the Maghreb). A candidate whose country code is not listed is not an IBAN, which also
 * keeps the scanner from checksumming every capitalised word followed by digits.
 */
final class IbanLengths {

    private static final String TABLE = "AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BI27 BR29 BY28 CH21 CR22 CY28 "
            + "CZ24 DE22 DJ27 DK18 DO28 EE20 EG29 ES24 FI18 FK18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HN28 HR21 "
            + "HU28 IE22 IL23 IQ23 IS26 IT27 JO30 KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21 LY25 MC27 MD24 ME22 MK19 "
            + "MN20 MR27 MT31 MU30 NI28 NL18 NO15 OM23 PK24 PL28 PS29 PT25 QA29 RO24 RS22 RU33 SA24 SC31 SD18 SE24 "
            + "SI19 SK24 SM27 SO23 ST25 SV28 TL23 TN24 TR26 UA29 VA22 VG24 XK20 YE30 "
            // Outside the registry
            + "AO25 BF28 BJ28 CF27 CG27 CI28 CM27 CV25 DZ26 GA27 GQ27 GW25 IR26 KM27 MA28 MG27 ML28 MZ25 NE28 "
            + "SN28 TD27 TG28";

    private static final byte[] LENGTHS = new byte[26 * 26];

    static {
        for (String entry : TABLE.split(" ")) {
            int idx = (entry.charAt(0) - 'A') * 26 + (entry.charAt(1) - 'A');
            LENGTHS[idx] = Byte.parseByte(entry.substring(2));
        }
    }

    private IbanLengths() {}

    /** The IBAN length for a country code of two upper-case ASCII letters, or 0 if unknown. */
    static int of(char a, char b) {
        if (a < 'A' || a > 'Z' || b < 'A' || b > 'Z') {
            return 0;
        }
        return LENGTHS[(a - 'A') * 26 + (b - 'A')];
    }
}
