package org.fieldstone.assistant.internal;

import org.fieldstone.support.SqliteApplicationTest;

@SqliteApplicationTest
class ToolsOnSqliteTests extends ToolsContract {
}
