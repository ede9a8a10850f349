package org.fieldstone.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/** The whole application over HTTPS on the embedded SQLite default; one context shared by all classes. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
        "fieldstone.tls.self-signed-dir=target/test-tls-${fieldstone.test.fork:0}", "fieldstone.demo.enabled=false",
        // every test signs in from 127.0.0.1: the per-address budget is proven in LoginThrottleTests
        "fieldstone.login.max-failures-per-address=100000"})
@ContextConfiguration(initializers = Engines.Sqlite.class)
@Import(TestClock.Configuration.class)
public @interface SqliteApplicationTest {
}
