/**
 * One set of tools for people and machines (issue 15). The base package is the registry's public face: {@link
 * org.fieldstone.assistant.Tools} lists and runs the tools (find_clients, todays_visits, create_quote …) over the domain
 * facades, as the calling user of the calling company, with that user's permissions, visibility, write path and audit
 * (the actor's channel says {@code assistant} or {@code mcp}). The AI assistant (chat) and the MCP server are this
 * module's clients of that registry; neither reaches a domain service another way.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "tenancy", "crypto", "audit", "identity",
        "clients", "jobs", "quotes", "invoices", "pricing", "inventory", "messaging", "web"})
package org.fieldstone.assistant;
