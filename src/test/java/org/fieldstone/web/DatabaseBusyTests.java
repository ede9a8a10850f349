package org.fieldstone.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/** A request that found the connection budget spent (decision 0066) is answered 503, other failures are not. */
class DatabaseBusyTests {

    @Test
    void a_spent_connection_budget_is_recognised_however_deeply_wrapped() {
        var spent = new SQLTransientConnectionException("All 100 database connections of this node are in use");
        assertThat(ApiProblems.databaseBusy(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection", spent))).isTrue();
        assertThat(ApiProblems.databaseBusy(new IllegalStateException(new RuntimeException(spent)))).isTrue();
    }

    @Test
    void other_failures_are_not_taken_for_a_busy_database() {
        assertThat(ApiProblems.databaseBusy(new CannotGetJdbcConnectionException("refused", new SQLException("password authentication failed")))).isFalse();
        assertThat(ApiProblems.databaseBusy(new IllegalStateException("boom"))).isFalse();
    }
}
