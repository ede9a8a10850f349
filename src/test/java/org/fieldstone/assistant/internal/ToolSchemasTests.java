package org.fieldstone.assistant.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.fieldstone.assistant.Tool;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Every tool's generated schema is a closed JSON object; names are unique snake_case. No Spring needed. */
class ToolSchemasTests {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** The sets built with nulls for facades: defining tools reads nothing. */
    static List<Tool> all() {
        List<ToolSet> sets = List.of(new ClientTools(null), new JobTools(null, null, null, null, null, null),
                new QuoteTools(null, null, null), new InvoiceTools(null, null), new StockTools(null, null, null));
        return sets.stream().flatMap(s -> s.definitions().stream()).map(ToolDefinition::tool).toList();
    }

    @Test
    void everySchemaIsAClosedObjectWithDescribedProperties() {
        for (Tool tool : all()) {
            JsonNode schema = JSON.readTree(tool.inputSchema());
            assertThat(schema.get("type").asString()).as(tool.name()).isEqualTo("object");
            assertThat(schema.get("additionalProperties").asBoolean(true)).as(tool.name()).isFalse();
            assertThat(tool.inputSchema()).as("compact").doesNotContain("\n");
            schema.path("properties").properties().forEach(p -> assertThat(p.getValue().path("description").asString(""))
                    .as(tool.name() + "." + p.getKey()).isNotBlank());
            assertThat(tool.description()).as(tool.name()).hasSizeGreaterThan(40);
        }
    }

    @Test
    void optionalArgumentsAreNotRequired() {
        JsonNode schedule = JSON.readTree(all().stream().filter(t -> t.name().equals("list_schedule")).findFirst()
                .orElseThrow().inputSchema());
        assertThat(schedule.get("required").valueStream().map(JsonNode::asString).toList()).containsExactly("from");
        assertThat(schedule.get("properties").get("size").get("type").asString()).isEqualTo("integer");
    }

    @Test
    void theBriefsToolsAreAllThereAndWritesAreMarked() {
        assertThat(all().stream().map(Tool::name).toList()).containsExactlyInAnyOrder("find_clients", "get_client",
                "create_client", "list_schedule", "todays_visits", "get_job", "create_job", "schedule_visit",
                "reschedule_visit", "add_job_note", "create_quote", "send_quote", "list_invoices", "get_invoice",
                "record_payment", "stock_of_item", "record_parts_used", "on_my_way", "start_visit", "finish_visit");
        assertThat(all().stream().filter(Tool::writes).map(Tool::name).toList()).containsExactlyInAnyOrder(
                "create_client", "create_job", "schedule_visit", "reschedule_visit", "add_job_note", "create_quote",
                "send_quote", "record_payment", "record_parts_used", "on_my_way", "start_visit", "finish_visit");
    }

    @Test
    void nestedRecordsAndEnumsAreDescribedToo() {
        Tool quote = all().stream().filter(t -> t.name().equals("create_quote")).findFirst().orElseThrow();
        JsonNode line = JSON.readTree(quote.inputSchema()).get("properties").get("lines").get("items");
        assertThat(line.get("additionalProperties").asBoolean(true)).isFalse();
        assertThat(line.get("required").valueStream().map(JsonNode::asString).toList())
                .containsExactlyInAnyOrder("description", "quantity");
        Tool payment = all().stream().filter(t -> t.name().equals("record_payment")).findFirst().orElseThrow();
        assertThat(JSON.readTree(payment.inputSchema()).get("properties").get("method").get("enum").valueStream()
                .map(JsonNode::asString).toList()).doesNotContain("CARD").contains("CASH", "BANK_TRANSFER");
    }

    @Test
    void namesAreUniqueSnakeCase() {
        Set<String> seen = new HashSet<>();
        for (Tool tool : all()) {
            assertThat(tool.name()).matches("^[a-z][a-z0-9]*(_[a-z0-9]+)*$");
            assertThat(seen.add(tool.name())).as("unique " + tool.name()).isTrue();
        }
    }
}
