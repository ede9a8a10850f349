package org.fieldstone.portal.web;

import org.fieldstone.support.PostgresApplicationTest;

@PostgresApplicationTest
class PortalOnPostgresTests extends PortalContract {
}
