package org.fieldstone.clients.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.fieldstone.shared.InvalidInput;
import org.junit.jupiter.api.Test;

/** What a client and a property may hold, field by field, all problems at once. */
class ClientInputTests {

    @Test
    void phoneNumbersAreReadWithTheCompanysCountryAndStoredAsE164() {
        assertThat(PhoneNumbers.e164("044 668 18 00", "CH")).isEqualTo("+41446681800");
        assertThat(PhoneNumbers.e164("030 901820", "DE")).isEqualTo("+4930901820");
        assertThat(PhoneNumbers.e164("+41 44 668 18 00", "US")).isEqualTo("+41446681800");
        assertThatThrownBy(() -> PhoneNumbers.e164("044 668 18 00", "US")).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("like +1");
        assertThatThrownBy(() -> PhoneNumbers.e164("1".repeat(41), "CH")).isInstanceOf(InvalidInput.class);
    }

    @Test
    void reportsEveryInvalidFieldAtOnce() {
        ClientInput input = new ClientInput();
        input.name(" ");
        input.email("nope");
        input.phone("123", "CH");
        input.notes("x".repeat(10_001));
        input.country("XX", "CH");
        input.degrees("91", "latitude", 90);
        input.degrees("east", "longitude", 180);
        assertThatThrownBy(input::throwIfAny).isInstanceOf(InvalidInput.class)
                .satisfies(e -> assertThat(((InvalidInput) e).asFieldErrors())
                        .containsOnlyKeys("name", "email", "phone", "notes", "country", "latitude", "longitude"));
    }

    @Test
    void emptyOptionalFieldsAreNullAndTextIsTrimmed() {
        ClientInput input = new ClientInput();
        assertThat(input.name("  Ada  ")).isEqualTo("Ada");
        assertThat(input.email(" ")).isNull();
        assertThat(input.phone("", "CH")).isNull();
        assertThat(input.notes(null)).isNull();
        assertThat(input.country("", "CH")).isEqualTo("CH");
        assertThat(input.country(" de ", "CH")).isEqualTo("DE");
        assertThat(input.degrees("47.3700", "latitude", 90)).isEqualTo("47.37");
        assertThat(input.degrees("-180", "longitude", 180)).isEqualTo("-180");
        input.throwIfAny();
    }

    @Test
    void tagsAreTrimmedDeduplicatedAndShort() {
        ClientInput input = new ClientInput();
        assertThat(input.tags(Arrays.asList(" vip ", "VIP", "", null, "weekly"))).containsExactly("vip", "weekly");
        input.throwIfAny();
        ClientInput tooLong = new ClientInput();
        tooLong.tags(List.of("x".repeat(41)));
        assertThatThrownBy(tooLong::throwIfAny).hasMessageContaining("40 characters");
        ClientInput tooMany = new ClientInput();
        tooMany.tags(java.util.stream.IntStream.range(0, 21).mapToObj(i -> "t" + i).toList());
        assertThatThrownBy(tooMany::throwIfAny).hasMessageContaining("at most 20");
    }

    @Test
    void controlCharactersAreRefusedButNotesKeepTheirLines() {
        ClientInput input = new ClientInput();
        assertThat(input.notes("line one\nline two")).isEqualTo("line one\nline two");
        input.name("Bad\u0000Name");
        input.notes("nul\u0000");
        assertThatThrownBy(input::throwIfAny).isInstanceOf(InvalidInput.class)
                .satisfies(e -> assertThat(((InvalidInput) e).asFieldErrors()).containsOnlyKeys("name", "notes"));
    }

    @Test
    void aPropertyNeedsALabelOrAnAddressAndBothCoordinatesOrNeither() {
        ClientInput empty = new ClientInput();
        empty.checkProperty(null, null, null, null, null, null);
        assertThatThrownBy(empty::throwIfAny).hasMessageContaining("label or an address");
        ClientInput half = new ClientInput();
        half.checkProperty("Home", null, null, null, "47", null);
        assertThatThrownBy(half::throwIfAny).isInstanceOf(InvalidInput.class)
                .satisfies(e -> assertThat(((InvalidInput) e).asFieldErrors()).containsOnlyKeys("longitude"));
        ClientInput fine = new ClientInput();
        fine.checkProperty(null, "Main 1", null, null, "47", "8");
        fine.throwIfAny();
    }
}
