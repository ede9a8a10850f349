package org.fieldstone.assistant.mcp;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.NotFound;
import org.fieldstone.shared.Permission;
import org.fieldstone.tenancy.Companies;
import org.fieldstone.tenancy.Company;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * RFC 9728 protected resource metadata of each company's MCP endpoint, at the path the 401's
 * {@code resource_metadata} names: {@code /.well-known/oauth-protected-resource/c/<slug>/mcp}. A small controller
 * rather than Spring Security's resource-server support, which describes one resource per application while here every
 * company is its own resource with its own authorization server ({@code https://<public-url>/c/<slug>}).
 */
@RestController
class McpResourceMetadata {

    static final List<String> SCOPES = Arrays.stream(Permission.values()).map(Permission::code).toList();

    private final Companies companies;
    private final String publicUrl;

    McpResourceMetadata(Companies companies,
                        @Value("${fieldstone.public-url:https://localhost:${server.port:8443}}") String publicUrl) {
        this.companies = companies;
        this.publicUrl = publicUrl;
    }

    @GetMapping(path = "/.well-known/oauth-protected-resource/c/{slug}/mcp", produces = "application/json")
    ResponseEntity<Map<String, Object>> metadata(@PathVariable String slug) {
        Company company = companies.findBySlug(slug)
                .orElseThrow(() -> new NotFound(Message.of("tenancy.thing.company")));
        McpResource resource = McpResource.of(company.id(), company.slug(), publicUrl);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("resource", resource.uri());
        body.put("authorization_servers", List.of(resource.issuer()));
        body.put("scopes_supported", SCOPES);
        body.put("bearer_methods_supported", List.of("header"));
        body.put("resource_name", company.name() + " (Fieldstone)");
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(java.time.Duration.ofMinutes(5)).cachePublic()).body(body);
    }
}
