package org.fieldstone.inventory.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads RFC 4180 CSV (comma-separated, fields optionally in double quotes with {@code ""} for a quote, CRLF or LF line
 * ends, an optional UTF-8 byte order mark). Hand-written rather than a dependency: no CSV library is on the build's
 * offline repository, and reading is all the import needs (decision 0048).
 */
final class CsvRows {

    /** A row and the line of the file it starts on (1-based). */
    record Row(int line, List<String> cells) {
    }

    /** Thrown for a quote left open at the end of the text: the line it opened on. */
    static final class Unterminated extends RuntimeException {
        final int line;

        Unterminated(int line) {
            super("unterminated quote from line " + line, null, false, false);
            this.line = line;
        }
    }

    private CsvRows() {
    }

    /** The rows of {@code text}, blank lines left out. */
    static List<Row> parse(String text) {
        String s = text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<Row> rows = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        int line = 1;
        int rowLine = 1;
        int quoteLine = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < s.length() && s.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    cell.append(c);
                }
                continue;
            }
            switch (c) {
                case '"' -> {
                    quoted = true;
                    quoteLine = line;
                    any = true;
                }
                case ',' -> {
                    cells.add(cell.toString());
                    cell.setLength(0);
                    any = true;
                }
                case '\r' -> {
                    // the \n that follows ends the row
                }
                case '\n' -> {
                    if (any || !cell.isEmpty()) {
                        cells.add(cell.toString());
                        rows.add(new Row(rowLine, List.copyOf(cells)));
                    }
                    cells.clear();
                    cell.setLength(0);
                    any = false;
                    line++;
                    rowLine = line;
                }
                default -> {
                    cell.append(c);
                    any = true;
                }
            }
        }
        if (quoted) {
            throw new Unterminated(quoteLine);
        }
        if (any || !cell.isEmpty()) {
            cells.add(cell.toString());
            rows.add(new Row(rowLine, List.copyOf(cells)));
        }
        return rows;
    }
}
