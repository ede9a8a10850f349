package org.fieldstone.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.fieldstone.shared.web.PhoneText;
import org.junit.jupiter.api.Test;

/**
 * One display format for phone numbers: national for the company's own country, international otherwise — and no
 * template prints a stored number (E.164) any other way than through {@code #phones.display}.
 */
class PhoneDisplayTests {

    static final Path TEMPLATES = Path.of("src/main/resources/templates");
    static final Pattern TEXT = Pattern.compile("th:u?text=\"([^\"]*)\"");

    @Test
    void aNumberOfTheCompanysCountryReadsNationallyAnyOtherInternationally() {
        assertThat(PhoneText.display("+41445550101", "CH")).isEqualTo("044 555 01 01");
        assertThat(PhoneText.display("+41445550101", "DE")).isEqualTo("+41 44 555 01 01");
        assertThat(PhoneText.display("+49301234567", "CH")).isEqualTo("+49 30 1234567");
        assertThat(PhoneText.display("+41445550101", null)).isEqualTo("+41 44 555 01 01");
        assertThat(PhoneText.display(null, "CH")).isNull();
        assertThat(PhoneText.display("not a number", "CH")).isEqualTo("not a number");
    }

    @Test
    void everyTemplateShowsAPhoneNumberThroughTheOneFormatter() throws IOException {
        List<String> raw = new ArrayList<>();
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".html")).toList()) {
                Matcher m = TEXT.matcher(Files.readString(file));
                while (m.find()) {
                    String expression = m.group(1)
                            .replaceAll("#phones\\.display\\([^()]*(\\([^()]*\\))?\\)", "")
                            .replaceAll("'[^']*'", "")
                            .replaceAll("#\\{[\\w.]+}", "");
                    if (expression.toLowerCase(java.util.Locale.ROOT).contains("phone")) {
                        raw.add(TEMPLATES.relativize(file) + ": " + m.group(1));
                    }
                }
            }
        }
        assertThat(raw).as("phone numbers printed without #phones.display").isEmpty();
    }
}
