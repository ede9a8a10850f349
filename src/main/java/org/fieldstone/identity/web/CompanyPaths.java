package org.fieldstone.identity.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The company slug of a dashboard URL, {@code /c/<slug>/…}. */
final class CompanyPaths {

    private static final Pattern COMPANY = Pattern.compile("^/c/([a-z0-9-]{1,40})(/.*)?$");

    private CompanyPaths() {
    }

    static String slug(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Matcher m = COMPANY.matcher(path);
        return m.matches() ? m.group(1) : null;
    }
}
