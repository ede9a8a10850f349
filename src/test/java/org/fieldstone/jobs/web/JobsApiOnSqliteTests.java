package org.fieldstone.jobs.web;

import org.fieldstone.support.SqliteApplicationTest;

@SqliteApplicationTest
class JobsApiOnSqliteTests extends JobsApiContract {
}
