package org.fieldstone.files.internal;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ClamAV's {@code clamd} over TCP, its {@code INSTREAM} command (null-terminated {@code zINSTREAM}): the content in
 * chunks, each prefixed by its length as four bytes in network order, ended by a zero length; the answer is
 * {@code stream: OK}, {@code stream: <signature> FOUND}, or an error such as {@code INSTREAM size limit exceeded}
 * (clamd's {@code StreamMaxLength}, 25M by default: set it at least to {@code fieldstone.files.max-size-ceiling}).
 * Connecting and each read are bounded by timeouts; anything but a clean or found answer is {@link Unavailable}, so a
 * file is never released unscanned.
 */
final class ClamdScanner implements MalwareScanner {

    private static final Logger log = LoggerFactory.getLogger(ClamdScanner.class);
    private static final int CHUNK = 64 * 1024;

    private final String host;
    private final int port;
    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;

    ClamdScanner(String address, Duration connectTimeout, Duration readTimeout) {
        int colon = address.lastIndexOf(':');
        if (colon <= 0 || colon == address.length() - 1) {
            throw new IllegalArgumentException("fieldstone.files.clamd-address is host:port, not " + address);
        }
        this.host = address.substring(0, colon).strip();
        this.port = Integer.parseInt(address.substring(colon + 1).strip());
        this.connectTimeoutMillis = (int) connectTimeout.toMillis();
        this.readTimeoutMillis = (int) readTimeout.toMillis();
    }

    @Override
    public String address() {
        return host + ":" + port;
    }

    @Override
    public boolean ping() {
        try (Socket socket = connect()) {
            socket.getOutputStream().write("zPING\0".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return "PONG".equals(reply(socket.getInputStream()));
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public Verdict scan(InputStream content) {
        try (Socket socket = connect()) {
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.write("zINSTREAM\0".getBytes(StandardCharsets.US_ASCII));
            byte[] buffer = new byte[CHUNK];
            int n;
            while ((n = content.readNBytes(buffer, 0, CHUNK)) > 0) {
                out.writeInt(n);
                out.write(buffer, 0, n);
            }
            out.writeInt(0);
            out.flush();
            return verdict(reply(socket.getInputStream()));
        } catch (IOException e) {
            log.debug("clamd at {} did not scan: {}", address(), e.toString());
            return new Unavailable(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** What an answer of clamd's to INSTREAM means. */
    static Verdict verdict(String reply) {
        if (reply == null) {
            return new Unavailable("no answer");
        }
        String r = reply.strip();
        if (r.startsWith("stream:")) {
            r = r.substring("stream:".length()).strip();
        }
        if (r.equals("OK")) {
            return new Clean();
        }
        if (r.endsWith(" FOUND")) {
            return new Found(r.substring(0, r.length() - " FOUND".length()).strip());
        }
        return new Unavailable(r.length() > 200 ? r.substring(0, 200) : r);
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), connectTimeoutMillis);
            socket.setSoTimeout(readTimeoutMillis);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** Reads one null-terminated answer (at most 4 KiB). */
    private static String reply(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) > 0) {
            if (bytes.size() >= 4096) {
                break;
            }
            bytes.write(b);
        }
        return bytes.size() == 0 && b < 0 ? null : bytes.toString(StandardCharsets.US_ASCII);
    }
}
