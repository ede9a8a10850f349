package org.fieldstone.tenancy.internal;

import org.fieldstone.support.PostgresApplicationTest;

@PostgresApplicationTest
class CompanySettingValuesOnPostgresTests extends CompanySettingValuesContract {
}
