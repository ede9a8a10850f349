package org.fieldstone.web;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fieldstone.support.Https;
import org.springframework.web.util.HtmlUtils;

/**
 * The dashboard as a signed-in user finds it: home, then every same-company link on each page, breadth first. Pages
 * that differ only in a date (the calendar's previous and next) are one page; the tests that look at every page
 * (template text, accessibility) share this walk.
 */
final class DashboardCrawl {

    static final Pattern LINK = Pattern.compile("<a\\b[^>]*?\\shref=\"([^\"]*)\"");
    /** Links that leave the HTML pages or end the session. */
    static final Pattern SKIPPED = Pattern.compile("/logout|/pdf|\\.pdf|\\.ics|/feed|/export|/download|/logo");
    static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    /** A record's id in a path or query: a UUID, or a long run of letters and digits with a digit in it. */
    static final Pattern ID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
            + "|(?<=[/=])(?=[A-Za-z0-9]*\\d)[A-Za-z0-9]{16,}");

    /** One page as served: its path, status, content type and body. */
    record Visited(String path, int status, String contentType, String body) {

        boolean html() {
            return contentType != null && contentType.startsWith("text/html");
        }
    }

    private DashboardCrawl() {
    }

    /** Every page below {@code /c/<slug>/} reachable from home, up to {@code max}, keyed by path. */
    static Map<String, Visited> walk(Https browser, String slug, int max) {
        return walk(browser, slug, max, false);
    }

    /**
     * As {@link #walk(Https, String, int)}, but with {@code oneOfEachKind} only the first page of each kind is fetched
     * (one job page for all the jobs): the kinds a role reaches, quickly.
     */
    static Map<String, Visited> walk(Https browser, String slug, int max, boolean oneOfEachKind) {
        String home = "/c/" + slug + "/";
        Map<String, Visited> visited = new LinkedHashMap<>();
        List<String> seen = new ArrayList<>();
        Deque<String> queue = new ArrayDeque<>(List.of(home));
        while (!queue.isEmpty() && visited.size() < max) {
            String path = queue.poll();
            String shape = oneOfEachKind ? kind(path) : DATE.matcher(path).replaceAll("D");
            if (seen.contains(shape)) {
                continue;
            }
            seen.add(shape);
            Https.Response page = browser.get(path);
            Visited v = new Visited(path, page.status(), page.header("Content-Type"), page.body());
            visited.put(path, v);
            if (!v.html()) {
                continue;
            }
            Matcher link = LINK.matcher(page.body());
            while (link.find()) {
                String next = sameCompany(path, HtmlUtils.htmlUnescape(link.group(1)), home);
                if (next != null && !SKIPPED.matcher(next).find()) {
                    queue.add(next);
                }
            }
        }
        return visited;
    }

    /**
     * The kinds of page among the paths: one path for each shape once ids and dates are taken out (one job page for
     * all the jobs), in the order first found.
     */
    static List<String> oneOfEachKind(Iterable<String> paths) {
        Map<String, String> kinds = new LinkedHashMap<>();
        for (String path : paths) {
            kinds.putIfAbsent(kind(path), path);
        }
        return List.copyOf(kinds.values());
    }

    /** The path without its ids and dates: {@code /c/x/jobs/{id}} for every job page. */
    static String kind(String path) {
        return ID.matcher(DATE.matcher(path).replaceAll("D")).replaceAll("{id}");
    }

    /** The link as a path below the company's pages, or null when it leads elsewhere. */
    private static String sameCompany(String from, String href, String home) {
        if (href.isEmpty() || href.startsWith("#") || href.startsWith("mailto:") || href.startsWith("tel:")) {
            return null;
        }
        URI target = URI.create("https://fieldstone.test" + from).resolve(href.replace(" ", "%20"));
        if (!"fieldstone.test".equals(target.getHost()) || !target.getRawPath().startsWith(home)) {
            return null;
        }
        return target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
    }
}
