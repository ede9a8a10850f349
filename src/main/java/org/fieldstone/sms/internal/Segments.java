package org.fieldstone.sms.internal;

/**
 * How many SMS segments a text takes, as a carrier bills it (3GPP TS 23.038 / 23.040): in the GSM 7-bit alphabet 160
 * characters in one segment, 153 a segment when split (the rest is the concatenation header), the extension table's
 * characters ({@code ^ { } \ [ ~ ] | €} and form feed) counting two and never split; any other character makes the
 * whole text UCS-2: 70 UTF-16 units in one segment, 67 a segment when split, a surrogate pair never split.
 */
public final class Segments {

    static final String GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    static final String GSM_EXTENDED = "^{}\\[~]|€\f";

    private Segments() {
    }

    /** Whether every character of {@code text} is in the GSM 7-bit alphabet (basic or extension table). */
    public static boolean gsm7(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (GSM_BASIC.indexOf(c) < 0 && GSM_EXTENDED.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /** The segments {@code text} is sent in; 0 for an empty text. */
    public static int count(String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        return gsm7(text) ? gsm7Segments(text) : ucs2Segments(text);
    }

    private static int gsm7Segments(String text) {
        int septets = 0;
        for (int i = 0; i < text.length(); i++) {
            septets += GSM_EXTENDED.indexOf(text.charAt(i)) >= 0 ? 2 : 1;
        }
        if (septets <= 160) {
            return 1;
        }
        int segments = 1;
        int used = 0;
        for (int i = 0; i < text.length(); i++) {
            int width = GSM_EXTENDED.indexOf(text.charAt(i)) >= 0 ? 2 : 1;
            if (used + width > 153) {
                segments++;
                used = 0;
            }
            used += width;
        }
        return segments;
    }

    private static int ucs2Segments(String text) {
        if (text.length() <= 70) {
            return 1;
        }
        int segments = 1;
        int used = 0;
        for (int i = 0; i < text.length(); i++) {
            int width = Character.isHighSurrogate(text.charAt(i)) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1)) ? 2 : 1;
            if (used + width > 67) {
                segments++;
                used = 0;
            }
            used += width;
            i += width - 1;
        }
        return segments;
    }
}
