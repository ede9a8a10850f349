package org.fieldstone.audit.internal;

import java.time.Period;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code fieldstone.audit.retention}: how long entries are kept at least; never below three years (seed 001). */
@ConfigurationProperties("fieldstone.audit")
record AuditProperties(Period retention) {

    static final Period MINIMUM = Period.ofYears(3);

    AuditProperties {
        if (retention == null) {
            retention = MINIMUM;
        }
        if (retention.toTotalMonths() < MINIMUM.toTotalMonths() || retention.isNegative()) {
            throw new IllegalArgumentException("fieldstone.audit.retention must be at least 3 years (P3Y), was " + retention);
        }
    }
}
