package org.fieldstone.assistant.internal;

import java.util.List;

/** The tools of one area (clients, jobs and visits, quotes, invoices, stock); the registry collects every set. */
interface ToolSet {

    List<ToolDefinition<?>> definitions();
}
