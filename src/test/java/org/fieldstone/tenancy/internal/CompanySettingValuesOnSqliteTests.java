package org.fieldstone.tenancy.internal;

import org.fieldstone.support.SqliteApplicationTest;

@SqliteApplicationTest
class CompanySettingValuesOnSqliteTests extends CompanySettingValuesContract {
}
