package org.fieldstone.tenancy;

import java.util.Map;

class ColdBurstOnSqliteIT extends ColdBurstContract {

    @Override
    Map<String, String> engineProperties() {
        return Map.of();
    }
}
