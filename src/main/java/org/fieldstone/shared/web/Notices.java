package org.fieldstone.shared.web;

import java.util.Set;
import org.springframework.ui.Model;

/**
 * The notice a settings page shows after post/redirect/get ({@code ?notice=saved}): only a notice the page knows is
 * shown, as the message {@code <prefix>.<notice>}; anything else in the address shows nothing.
 */
public final class Notices {

    private Notices() {
    }

    /** Puts the notice's message code on the page as {@code notice} when {@code notice} is one of {@code known}. */
    public static void show(Model model, String notice, String prefix, String... known) {
        if (notice != null && Set.of(known).contains(notice)) {
            model.addAttribute("notice", prefix + "." + notice);
        }
    }
}
