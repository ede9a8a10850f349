package org.fieldstone.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.fieldstone.shared.Message;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * API request bodies are limited to 1 MiB: a larger declared length is refused before anything runs
 * (413), and a chunked body stops being read at the limit. File uploads to {@code /api/v1/<target>/<id>/files} are
 * limited by the multipart configuration and the company's limit instead; a dashboard form's multipart body (the
 * logo) by its declared length, 1 MiB.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestSizeLimit extends OncePerRequestFilter {

    static final long LIMIT = 1024 * 1024;
    static final Message MESSAGE = Message.of("api.problem.too-large");

    private final JsonMapper json = JsonMapper.builder().build();
    private final MessageSource messages;

    RequestSizeLimit(MessageSource messages) {
        this.messages = messages;
    }

    /**
     * File uploads ({@code POST /api/v1/<target>/<id>/files}, issue 14) are limited by the multipart configuration
     * ({@code spring.servlet.multipart.max-file-size}, the platform's ceiling) and the company's own limit instead.
     */
    private static final java.util.regex.Pattern FILE_UPLOAD =
            java.util.regex.Pattern.compile("^/api/v1/(clients|properties|jobs|visits|quotes|invoices)/[^/]+/files$");

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return "POST".equals(request.getMethod()) && FILE_UPLOAD.matcher(request.getRequestURI()).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!request.getRequestURI().startsWith("/api/")) {
            // a dashboard form's upload (the company logo) is refused before it is read, as the multipart limit
            // did before it was raised for file uploads
            String type = request.getContentType();
            if (type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/")
                    && request.getContentLengthLong() > LIMIT) {
                response.setHeader("Connection", "close");
                response.sendError(HttpStatus.CONTENT_TOO_LARGE.value());
                return;
            }
            chain.doFilter(request, response);
            return;
        }
        if (request.getContentLengthLong() > LIMIT) {
            response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setHeader("Connection", "close");
            response.getWriter().write(json.writeValueAsString(ApiProblems.problem(HttpStatus.CONTENT_TOO_LARGE,
                    MESSAGE.resolve(messages, request.getLocale()))));
            return;
        }
        chain.doFilter(new Limited(request), response);
    }

    static boolean causedBy(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TooLarge) {
                return true;
            }
        }
        return false;
    }

    static final class TooLarge extends IOException {
        TooLarge() {
            super(MESSAGE.toString());
        }
    }

    private static final class Limited extends HttpServletRequestWrapper {
        private ServletInputStream stream;

        Limited(HttpServletRequest request) {
            super(request);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream in = super.getInputStream();
                stream = new ServletInputStream() {
                    private long read;

                    @Override
                    public int read() throws IOException {
                        int b = in.read();
                        if (b >= 0 && ++read > LIMIT) {
                            throw new TooLarge();
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buf, int off, int len) throws IOException {
                        int n = in.read(buf, off, len);
                        if (n > 0 && (read += n) > LIMIT) {
                            throw new TooLarge();
                        }
                        return n;
                    }

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        in.setReadListener(listener);
                    }
                };
            }
            return stream;
        }
    }
}
