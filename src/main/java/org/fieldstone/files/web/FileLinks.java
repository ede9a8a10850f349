package org.fieldstone.files.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.fieldstone.files.Files;
import org.fieldstone.shared.Actor;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A signed link's content, {@code GET /c/{slug}/files/{id}?exp=…&sig=…} (add {@code &thumb=1} for the thumbnail):
 * usable in an {@code <img>} tag of the dashboard, for the signed-in user it was made for, until it expires (at most
 * five minutes). Anything wrong — expired, another file's, another user's, not this company's — is 404.
 */
@Controller
class FileLinks {

    private final Files files;

    FileLinks(Files files) {
        this.files = files;
    }

    @GetMapping("/c/{slug}/files/{id}")
    void content(Actor actor, @PathVariable String slug, @PathVariable String id,
                 @RequestParam(name = "exp", defaultValue = "0") long exp,
                 @RequestParam(name = "sig", required = false) String sig,
                 @RequestParam(name = "thumb", defaultValue = "false") boolean thumb,
                 HttpServletResponse response) throws IOException {
        FileDownloads.write(files.contentByLink(actor, id, exp, sig, thumb), thumb, response);
    }
}
