package org.fieldstone.assistant;

import org.fieldstone.support.PostgresApplicationTest;

@PostgresApplicationTest
class AssistantOnPostgresTests extends AssistantContract {
}
