package org.fieldstone.identity.web;

import org.fieldstone.identity.MultiFactor;
import org.springframework.ui.Model;

/** What the enrolment page shows: the QR code of the {@code otpauth://} URI and the secret in groups of four to type. */
final class EnrolmentView {

    private EnrolmentView() {
    }

    static void addTo(Model model, MultiFactor.Enrolment enrolment, String formAction) {
        model.addAttribute("qr", QrCodes.svgDataUri(enrolment.uri()));
        model.addAttribute("secret", grouped(enrolment.secret()));
        model.addAttribute("formAction", formAction);
    }

    static String grouped(String secret) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < secret.length(); i += 4) {
            s.append(i == 0 ? "" : " ").append(secret, i, Math.min(secret.length(), i + 4));
        }
        return s.toString();
    }
}
