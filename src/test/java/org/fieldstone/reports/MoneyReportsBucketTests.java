package org.fieldstone.reports;

import static org.assertj.core.api.Assertions.assertThat;

import org.fieldstone.reports.Aging.Bucket;
import org.junit.jupiter.api.Test;

/** The edges of the aging buckets: due today is current, the 30th day late is still 1–30, the 91st is 90+. */
class MoneyReportsBucketTests {

    @Test
    void bucketsEndOnTheirLastDay() {
        assertThat(Bucket.of(-5)).isEqualTo(Bucket.CURRENT);
        assertThat(Bucket.of(0)).isEqualTo(Bucket.CURRENT);
        assertThat(Bucket.of(1)).isEqualTo(Bucket.DAYS_1_30);
        assertThat(Bucket.of(30)).isEqualTo(Bucket.DAYS_1_30);
        assertThat(Bucket.of(31)).isEqualTo(Bucket.DAYS_31_60);
        assertThat(Bucket.of(60)).isEqualTo(Bucket.DAYS_31_60);
        assertThat(Bucket.of(61)).isEqualTo(Bucket.DAYS_61_90);
        assertThat(Bucket.of(90)).isEqualTo(Bucket.DAYS_61_90);
        assertThat(Bucket.of(91)).isEqualTo(Bucket.DAYS_OVER_90);
    }
}
