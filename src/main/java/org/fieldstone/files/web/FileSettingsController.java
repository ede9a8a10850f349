package org.fieldstone.files.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.fieldstone.files.FileSettings;
import org.fieldstone.files.Files;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.Permission;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Settings → Files: the largest upload (in MiB) and whether photos keep their location (settings:manage, as the API's
 * {@code /api/v1/settings/files}). A refusal is shown beside its field, with what was typed.
 */
@Controller
@RequestMapping("/c/{slug}/settings/files")
class FileSettingsController {

    private static final long MIB = 1024L * 1024;

    private final Files files;
    private final MessageSource messages;

    FileSettingsController(Files files, MessageSource messages) {
        this.files = files;
        this.messages = messages;
    }

    @GetMapping
    String page(Actor actor, @RequestParam(required = false) String notice, Model model) {
        actor.require(Permission.SETTINGS_MANAGE);
        if ("saved".equals(notice)) {
            model.addAttribute("notice", "files.settings.saved");
        }
        FileSettings s = files.settings(actor);
        return page(model, String.valueOf(Math.max(1, s.maxSizeBytes() / MIB)), s.keepPhotoLocation(), Map.of());
    }

    @PostMapping
    String save(Actor actor, @RequestParam(defaultValue = "") String maxSizeMiB,
                @RequestParam(defaultValue = "false") boolean keepPhotoLocation, Model model,
                HttpServletResponse response) {
        actor.require(Permission.SETTINGS_MANAGE);
        try {
            long mib;
            try {
                mib = Long.parseLong(maxSizeMiB.strip());
            } catch (NumberFormatException e) {
                throw new InvalidInput("maxSizeMiB", Message.of("files.refused.max-size-mib"));
            }
            if (mib < 1 || mib > 1024 * 1024) {
                throw new InvalidInput("maxSizeMiB", Message.of("files.refused.max-size-mib"));
            }
            try {
                files.updateSettings(actor, new FileSettings(mib * MIB, keepPhotoLocation));
            } catch (InvalidInput e) {
                throw new InvalidInput("maxSizeMiB", Message.of("files.refused.max-size-mib"));
            }
            return "redirect:/c/{slug}/settings/files?notice=saved";
        } catch (InvalidInput e) {
            response.setStatus(e.pageStatus());
            return page(model, maxSizeMiB, keepPhotoLocation, e.fieldErrors(messages));
        }
    }

    private static String page(Model model, String maxSizeMiB, boolean keepPhotoLocation, Map<String, String> errors) {
        model.addAttribute("maxSizeMiB", maxSizeMiB);
        model.addAttribute("keepPhotoLocation", keepPhotoLocation);
        model.addAttribute("errors", errors);
        return "files/settings";
    }
}
