package org.fieldstone.ops.status;

import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** {@code /.well-known/security.txt} (RFC 9116) and the disclosure policy it points at; both public. */
@Controller
class SecurityTxtController {

    private final Clock clock;
    private final String contact;
    private final String base;

    SecurityTxtController(Clock clock, @Value("${fieldstone.security.contact:}") String contact,
                          @Value("${fieldstone.public-url:https://localhost:${server.port:8443}}") String base) {
        this.clock = clock;
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.contact = SecurityTxt.contact(contact, this.base);
    }

    @GetMapping("/.well-known/security.txt")
    ResponseEntity<String> securityTxt() {
        return ResponseEntity.ok().contentType(new MediaType("text", "plain", java.nio.charset.StandardCharsets.UTF_8))
                .body(SecurityTxt.render(contact, base, clock.instant()));
    }

    @GetMapping("/security/disclosure")
    String disclosure(Model model) {
        model.addAttribute("contact", contact);
        return "security/disclosure";
    }
}
