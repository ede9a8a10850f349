package org.fieldstone.portal.web;

import org.fieldstone.support.SqliteApplicationTest;

@SqliteApplicationTest
class PortalOnSqliteTests extends PortalContract {
}
