package io.pinconv.mapping;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonemetadata;
import com.google.i18n.phonenumbers.Phonenumber;

/**
 * The E.164 digits of a number written in international form (+ or 00, then digits with spaces,
 * dots, dashes or brackets between), read from libphonenumber's metadata without its parser: the
 * parser's regular expressions cost more than everything else done to a row. It answers only where
 * the parser's answer is certain to be the same (checked against the parser in
 * InternationalPhonesTest), and null otherwise: the caller then asks the parser.
 */
final class InternationalPhones {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    /** The metadata PhoneNumberUtil.getInstance() reads (its own accessor is not public). */
    private static final com.google.i18n.phonenumbers.metadata.source.MetadataSource METADATA =
            com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider.getInstance()
                    .getPhoneNumberMetadataSource();

    private InternationalPhones() {}

    /** The digits (country code first, no '+') of a valid number, or null when the parser must decide. */
    static String e164Digits(String text) {
        int start = text.startsWith("+") ? 1 : text.startsWith("00") ? 2 : -1;
        if (start < 0) {
            return null;
        }
        StringBuilder digits = new StringBuilder(16);
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')') {
                // letters (extensions, "tel:"), other separators: the parser knows them
                return null;
            }
        }
        if (digits.length() == 0 || digits.charAt(0) == '0') {
            return null;
        }
        // country calling codes are prefix-free: the first 1 to 3 digits that name one are it
        for (int length = 1; length <= 3 && length < digits.length(); length++) {
            int countryCode = Integer.parseInt(digits, 0, length, 10);
            String region = PHONES.getRegionCodeForCountryCode(countryCode);
            if (PhoneNumberUtil.REGION_CODE_FOR_NON_GEO_ENTITY.equals(region)) {
                return null;
            }
            if (!"ZZ".equals(region)) {
                return possible(countryCode, digits.substring(length), METADATA.getMetadataForRegion(region), digits);
            }
        }
        return null;
    }

    private static String possible(
            int countryCode, String national, Phonemetadata.PhoneMetadata metadata, CharSequence digits) {
        if (metadata == null || national.isEmpty() || national.length() > 17 || national.charAt(0) == '0') {
            // leading zeros (Italy) and national prefixes written after the country code: the parser's job
            return null;
        }
        String prefix = metadata.getNationalPrefixForParsing();
        if (!prefix.isEmpty() && (!prefix.chars().allMatch(Character::isDigit) || national.startsWith(prefix))) {
            // the parser would try to strip a national prefix (or a pattern of them) here
            return null;
        }
        Phonenumber.PhoneNumber number =
                new Phonenumber.PhoneNumber().setCountryCode(countryCode).setNationalNumber(Long.parseLong(national));
        // only a number in use: a number of a possible length may still be none (the parser then says why)
        return ValidPhones.isValid(number) ? digits.toString() : null;
    }
}
