package org.fieldstone.ops.web;

import org.fieldstone.support.SqliteApplicationTest;

@SqliteApplicationTest
class CompanySettingsOnSqliteTests extends CompanySettingsContract {
}
