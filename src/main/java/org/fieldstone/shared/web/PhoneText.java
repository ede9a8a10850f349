package org.fieldstone.shared.web;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * How a stored phone number (E.164, {@code +41445550101}) reads wherever the dashboard shows one: grouped the way
 * people dial it — national for a number of the company's own country ({@code 044 555 01 01}), international for
 * any other ({@code +49 30 1234567}). Templates use it as {@code #phones.display(number)}; links keep E.164
 * ({@code tel:+41445550101}).
 */
public final class PhoneText {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private PhoneText() {
    }

    /**
     * {@code e164} for a company in {@code country} (ISO 3166-1 alpha-2, or null: international); null stays null,
     * and anything that is not a phone number is shown as it is.
     */
    public static String display(String e164, String country) {
        if (e164 == null || e164.isBlank()) {
            return e164;
        }
        try {
            PhoneNumber number = UTIL.parse(e164, null);
            String region = UTIL.getRegionCodeForNumber(number);
            boolean home = country != null && country.equalsIgnoreCase(region);
            return UTIL.format(number, home ? PhoneNumberFormat.NATIONAL : PhoneNumberFormat.INTERNATIONAL);
        } catch (NumberParseException e) {
            return e164;
        }
    }
}
