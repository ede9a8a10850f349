package org.fieldstone.identity.oauth;

import org.fieldstone.support.PostgresApplicationTest;

@PostgresApplicationTest
class ClientMetadataDocumentOnPostgresTests extends ClientMetadataDocumentContract {
}
