package org.fieldstone.inventory.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The import's CSV reader: RFC 4180 quoting, line ends, the BOM, blank lines, and the line each row starts on. */
class CsvRowsTests {

    @Test
    void readsQuotedCellsWithCommasQuotesAndLineBreaks() {
        List<CsvRows.Row> rows = CsvRows.parse("\uFEFFa,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n\n1,,3\n");
        assertThat(rows).extracting(CsvRows.Row::cells).containsExactly(
                List.of("a", "b", "c"), List.of("x, y", "say \"hi\"", "two\nlines"), List.of("1", "", "3"));
        assertThat(rows).extracting(CsvRows.Row::line).containsExactly(1, 2, 5);
    }

    @Test
    void aLastLineWithoutItsEndAndEmptyCellsCount() {
        assertThat(CsvRows.parse("a,\n,b")).extracting(CsvRows.Row::cells)
                .containsExactly(List.of("a", ""), List.of("", "b"));
        assertThat(CsvRows.parse("")).isEmpty();
    }

    @Test
    void anUnclosedQuoteNamesTheLineItOpenedOn() {
        assertThatThrownBy(() -> CsvRows.parse("a,b\nc,\"open\nmore\n"))
                .isInstanceOfSatisfying(CsvRows.Unterminated.class, e -> assertThat(e.line).isEqualTo(2));
    }
}
