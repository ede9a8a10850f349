package org.fieldstone.identity.oauth;

import org.fieldstone.support.PostgresApplicationTest;

@PostgresApplicationTest
class OAuthServerOnPostgresTests extends OAuthServerContract {
}
