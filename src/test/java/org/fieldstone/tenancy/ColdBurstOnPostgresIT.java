package org.fieldstone.tenancy;

import java.util.Map;
import org.fieldstone.support.SharedPostgres;

class ColdBurstOnPostgresIT extends ColdBurstContract {

    @Override
    Map<String, String> engineProperties() {
        return Map.of("fieldstone.database.url", SharedPostgres.newControlPlaneUrl(),
                "fieldstone.database.username", "postgres", "fieldstone.database.password", "");
    }
}
