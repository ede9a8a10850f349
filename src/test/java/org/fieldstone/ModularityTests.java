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
    static final Set<String> EDGE_MODULES = Set.of("web", "assistant", "ops");

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
            assertThat(dependencies).as("dependencies of %s", module.getIdentifier())
                    .doesNotContainAnyElementsOf(EDGE_MODULES);
        }
    }

    @Test
    void writesTheModuleDocumentation() {
        new Documenter(modules).writeDocumentation();
        assertThat(java.nio.file.Path.of("target/spring-modulith-docs/components.puml")).exists();
    }
}
