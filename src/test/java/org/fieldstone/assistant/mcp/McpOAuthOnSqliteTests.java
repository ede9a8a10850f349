package org.fieldstone.assistant.mcp;

import org.fieldstone.support.SqliteApplicationTest;

@SqliteApplicationTest
class McpOAuthOnSqliteTests extends McpOAuthContract {
}
