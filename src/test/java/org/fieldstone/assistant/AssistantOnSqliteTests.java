package org.fieldstone.assistant;

import org.fieldstone.support.SqliteApplicationTest;

@SqliteApplicationTest
class AssistantOnSqliteTests extends AssistantContract {
}
