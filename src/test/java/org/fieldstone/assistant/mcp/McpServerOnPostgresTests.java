package org.fieldstone.assistant.mcp;

import org.fieldstone.support.PostgresApplicationTest;

@PostgresApplicationTest
class McpServerOnPostgresTests extends McpServerContract {
}
