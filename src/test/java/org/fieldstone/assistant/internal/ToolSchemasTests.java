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
        List<ToolSet> sets = List.of(new ClientTools(null), new JobTools(null, null, null, null, null));
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
    void namesAreUniqueSnakeCase() {
        Set<String> seen = new HashSet<>();
        for (Tool tool : all()) {
            assertThat(tool.name()).matches("^[a-z][a-z0-9]*(_[a-z0-9]+)*$");
            assertThat(seen.add(tool.name())).as("unique " + tool.name()).isTrue();
        }
    }
}
