package io.pinconv.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The shortcut must say what libphonenumber's parser says, or leave the number to it. */
class InternationalPhonesTest {

    static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    /** What the parser makes of a number in international form: E.164 digits, or null when it is no valid number. */
    static String parser(String text) {
        try {
            Phonenumber.PhoneNumber n = PHONES.parse(text.startsWith("00") ? "+" + text.substring(2) : text, "ZZ");
            return PHONES.isValidNumber(n)
                    ? PHONES.format(n, PhoneNumberUtil.PhoneNumberFormat.E164).substring(1)
                    : null;
        } catch (NumberParseException e) {
            return null;
        }
    }

    @Test
    void agreesWithTheParserOnEveryRegionsExampleNumbersInTheirWrittenForms() {
        List<String> inputs = new ArrayList<>();
        for (String region : PHONES.getSupportedRegions()) {
            for (PhoneNumberUtil.PhoneNumberType type : PhoneNumberUtil.PhoneNumberType.values()) {
                Phonenumber.PhoneNumber example = PHONES.getExampleNumberForType(region, type);
                if (example == null) {
                    continue;
                }
                String international = PHONES.format(example, PhoneNumberUtil.PhoneNumberFormat.INTERNATIONAL);
                String e164 = PHONES.format(example, PhoneNumberUtil.PhoneNumberFormat.E164);
                inputs.add(international);
                inputs.add(e164);
                inputs.add("00" + e164.substring(1));
                inputs.add(international.replace(' ', '.'));
                inputs.add(international.replaceFirst(" ", " (").replaceFirst(" ", ") "));
                // a national prefix written after the country code, as people do: +44 (0)20...
                inputs.add("+" + example.getCountryCode() + " (0)" + example.getNationalNumber());
                inputs.add("+" + example.getCountryCode() + " 0" + example.getNationalNumber());
                inputs.add("+" + example.getCountryCode() + " 1" + example.getNationalNumber());
            }
        }
        int answered = check(inputs);
        // the shortcut is no shortcut if it leaves most numbers to the parser
        assertThat(answered).isGreaterThan(inputs.size() / 2);
    }

    @Test
    void agreesWithTheParserOnRandomDigits() {
        Random random = new Random(42);
        List<String> inputs = new ArrayList<>();
        String[] separators = {"", " ", "-", ".", " (", ") "};
        for (int i = 0; i < 200_000; i++) {
            StringBuilder s = new StringBuilder(random.nextBoolean() ? "+" : "00");
            int n = 4 + random.nextInt(16);
            for (int d = 0; d < n; d++) {
                s.append((char) ('0' + random.nextInt(10)));
                if (random.nextInt(4) == 0) {
                    s.append(separators[random.nextInt(separators.length)]);
                }
            }
            inputs.add(s.toString());
        }
        assertThat(check(inputs)).isGreaterThan(1000);
    }

    @Test
    void leavesToTheParserWhatIsNotPlainInternationalDigits() {
        assertThat(InternationalPhones.e164Digits("(415) 555-0100")).isNull();
        assertThat(InternationalPhones.e164Digits("+1 415 555 0100 ext. 12")).isNull();
        assertThat(InternationalPhones.e164Digits("tel:+14155550100")).isNull();
        assertThat(InternationalPhones.e164Digits("+39 06 6982 0000")).isNull(); // Italy's leading zero
        assertThat(InternationalPhones.e164Digits("+1 (415) 555-0100")).isEqualTo("14155550100");
        assertThat(InternationalPhones.e164Digits("0033 6 12 34 56 78")).isEqualTo("33612345678");
    }

    /** Asserts agreement wherever the shortcut answers; answers how often it did. */
    private static int check(List<String> inputs) {
        int answered = 0;
        for (String input : inputs) {
            String fast = InternationalPhones.e164Digits(input);
            if (fast != null) {
                answered++;
                assertThat(fast).as("the E.164 digits of %s", input).isEqualTo(parser(input));
            }
        }
        return answered;
    }
}
