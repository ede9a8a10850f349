package org.fieldstone.assistant.mcp;

import org.fieldstone.support.PostgresApplicationTest;

@PostgresApplicationTest
class McpOAuthOnPostgresTests extends McpOAuthContract {
}
