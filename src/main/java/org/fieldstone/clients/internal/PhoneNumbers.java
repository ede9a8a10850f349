package org.fieldstone.clients.internal;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;

/** Phone numbers as people type them, checked and stored as E.164 (decision 0008: libphonenumber). */
final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private PhoneNumbers() {
    }

    /** Loads the library's classes and a few countries' metadata, so that the first request does not. */
    static void warmUp() {
        for (String country : new String[] {"CH", "DE", "FR", "GB", "US"}) {
            e164(UTIL.format(UTIL.getExampleNumber(country), PhoneNumberFormat.INTERNATIONAL), country);
        }
    }

    /**
     * The E.164 form of {@code text}; a number without a country code is read as one of {@code country}.
     *
     * @throws InvalidInput (field {@code phone}) when it is not a valid number
     */
    static String e164(String text, String country) {
        if (text.length() > 40) {
            throw invalid(country);
        }
        try {
            PhoneNumber number = UTIL.parse(text, country);
            if (!UTIL.isValidNumber(number)) {
                throw invalid(country);
            }
            return UTIL.format(number, PhoneNumberFormat.E164);
        } catch (NumberParseException e) {
            throw invalid(country);
        }
    }

    private static InvalidInput invalid(String country) {
        PhoneNumber example = UTIL.getExampleNumberForType(country, PhoneNumberUtil.PhoneNumberType.FIXED_LINE);
        String like = example == null ? "+41 44 668 18 00" : UTIL.format(example, PhoneNumberFormat.INTERNATIONAL);
        return new InvalidInput("phone", Message.of("clients.refused.phone", like));
    }
}
