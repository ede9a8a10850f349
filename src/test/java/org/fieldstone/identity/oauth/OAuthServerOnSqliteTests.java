package org.fieldstone.identity.oauth;

import org.fieldstone.support.SqliteApplicationTest;

@SqliteApplicationTest
class OAuthServerOnSqliteTests extends OAuthServerContract {
}
