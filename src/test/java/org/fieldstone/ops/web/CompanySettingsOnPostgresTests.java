package org.fieldstone.ops.web;

import org.fieldstone.support.PostgresApplicationTest;

@PostgresApplicationTest
class CompanySettingsOnPostgresTests extends CompanySettingsContract {
}
