package org.fieldstone.assistant.internal;

import org.fieldstone.support.PostgresApplicationTest;

@PostgresApplicationTest
class ToolsOnPostgresTests extends ToolsContract {
}
