package org.fieldstone.identity.oauth;

import org.fieldstone.support.SqliteApplicationTest;

@SqliteApplicationTest
class ClientMetadataDocumentOnSqliteTests extends ClientMetadataDocumentContract {
}
