package org.fieldstone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** Module boundaries (SPEC §3.2, STYLE.md): verified, declared explicitly, edges untouched, documented. */
class ModularityTests {

    static final ApplicationModules modules = ApplicationModules.of(FieldstoneApplication.class);
    static final Set<String> EDGE_MODULES = Set.of("web", "assistant", "ops", "telegram");
    /**
     * Edges that are clients of another edge, and of which: the Telegram bot (itself an edge, nothing depends on it)
     * runs its commands and chat through the assistant's tool registry and the assistant (issue 16).
     */
    static final java.util.Map<String, Set<String>> EDGE_CLIENTS = java.util.Map.of("telegram", Set.of("assistant"));

    @Test
    void modulesRespectTheirBoundaries() {
        modules.verify();
    }

    @Test
    void everyModuleDeclaresItsAllowedDependenciesExplicitly() throws Exception {
        Object bare = ApplicationModule.class.getMethod("allowedDependencies").getDefaultValue();
        List<String> names = modules.stream().map(m -> m.getIdentifier().toString()).toList();
        assertThat(names).contains("shared", "tenancy", "identity", "audit", "web", "ops");
        for (var module : modules) {
            String base = module.getBasePackage().getName();
            Package pkg = Class.forName(base + ".package-info").getPackage();
            ApplicationModule annotation = pkg.getAnnotation(ApplicationModule.class);
            assertThat(annotation).as("@ApplicationModule on %s", base).isNotNull();
            assertThat(annotation.allowedDependencies())
                    .as("%s must list its allowed dependencies, not leave them open", base)
                    .isNotEqualTo(bare);
        }
    }

    @Test
    void noModuleDependsOnAnEdgeModule() {
        for (var module : modules) {
            List<String> dependencies = module.getDirectDependencies(modules).uniqueModules()
                    .map(d -> d.getIdentifier().toString()).toList();
            Set<String> edges = new java.util.HashSet<>(EDGE_MODULES);
            edges.removeAll(EDGE_CLIENTS.getOrDefault(module.getIdentifier().toString(), Set.of()));
            assertThat(dependencies).as("dependencies of %s", module.getIdentifier())
                    .doesNotContainAnyElementsOf(edges);
        }
    }

    @Test
    void writesTheModuleDocumentation() {
        new Documenter(modules).writeDocumentation();
        assertThat(java.nio.file.Path.of("target/spring-modulith-docs/components.puml")).exists();
    }
}
