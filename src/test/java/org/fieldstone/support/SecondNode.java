package org.fieldstone.support;

import java.util.Map;
import org.fieldstone.FieldstoneApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.Environment;

/**
 * A second application node beside a test's PostgreSQL application context: the same control plane (and so the same
 * company databases), the same master key and data directory, its own ports and node id. It sees the first node's
 * {@link TestClock}, as two real nodes see one wall clock. Started by a test class once and closed by it.
 */
public final class SecondNode {

    private SecondNode() {
    }

    public static ConfigurableApplicationContext start(Environment first, TestClock clock) {
        Map<String, Object> props = Engines.common();
        for (String shared : new String[] {"fieldstone.database.url", "fieldstone.database.username",
                "fieldstone.database.password", "fieldstone.data-dir", "fieldstone.keys.master-key-file",
                "fieldstone.tls.self-signed-dir", "fieldstone.demo.enabled", "fieldstone.login.max-failures-per-address"}) {
            props.put(shared, first.getRequiredProperty(shared));
        }
        props.put("fieldstone.node-id", "node-2");
        props.put("spring.main.banner-mode", "off");
        // above application.properties (defaultProperties would sit below it), and seen by the environment's
        // post-processors too (the TLS set-up)
        var environment = new org.springframework.core.env.StandardEnvironment();
        environment.getPropertySources().addFirst(new org.springframework.core.env.MapPropertySource("second-node", props));
        return new SpringApplicationBuilder(FieldstoneApplication.class)
                .environment(environment)
                .initializers(context -> {
                    // the tests' own configurations are not scanned as application configuration (as in @SpringBootTest)
                    context.getBeanFactory().registerSingleton("testConfigurationsExcluded", new TestConfigurationsExcluded());
                    ((GenericApplicationContext) context).registerBean("testClock", TestClock.class, () -> clock,
                            definition -> definition.setPrimary(true));
                })
                .run();
    }

    /** What {@code @SpringBootTest} leaves out of component scanning: the tests' own {@code @TestConfiguration}s. */
    static final class TestConfigurationsExcluded extends TypeExcludeFilter {
        @Override
        public boolean match(MetadataReader reader, MetadataReaderFactory factory) {
            return reader.getAnnotationMetadata().hasAnnotation(TestConfiguration.class.getName());
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof TestConfigurationsExcluded;
        }

        @Override
        public int hashCode() {
            return TestConfigurationsExcluded.class.hashCode();
        }
    }
}
