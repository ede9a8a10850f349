package org.fieldstone.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import org.fieldstone.shared.InvalidInput;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class NewCompanyTests {

    @Test
    void normalizesTheAddress() {
        assertThat(new NewCompany(" Acme-Plumbing ", " Acme ", ZoneId.of("UTC")).slug()).isEqualTo("acme-plumbing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-acme", "acme-", "ac me", "acme_plumbing", "äcme", "api", "admin", "c",
            "a-very-long-address-that-goes-past-forty-chars"})
    void refusesAddressesThatAreNotPlainOrAreReserved(String slug) {
        assertThatThrownBy(() -> new NewCompany(slug, "Acme", ZoneId.of("UTC"))).isInstanceOf(InvalidInput.class);
    }

    @Test
    void needsAName() {
        assertThatThrownBy(() -> new NewCompany("acme", " ", null)).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("name");
    }
}
