package org.fieldstone.web;

import java.util.Locale;
import org.fieldstone.tenancy.Companies;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The front door ("which company?") and a company's home page. */
@Controller
class HomeController {

    private final Companies companies;

    HomeController(Companies companies) {
        this.companies = companies;
    }

    @GetMapping("/")
    String index() {
        return "index";
    }

    /** Goes to a company's login page; an unknown address is said so without listing any companies. */
    @PostMapping("/")
    String chooseCompany(@RequestParam(defaultValue = "") String company, Model model) {
        String slug = company.strip().toLowerCase(Locale.ROOT);
        if (companies.findBySlug(slug).filter(c -> c.isActive()).isPresent()) {
            return "redirect:/c/" + slug + "/login";
        }
        model.addAttribute("company", company);
        model.addAttribute("unknown", true);
        return "index";
    }

    @GetMapping({"/c/{slug}", "/c/{slug}/"})
    String home() {
        return "home";
    }
}
