package org.fieldstone.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document's title and the API key scheme its operations refer to. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI fieldstoneOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Fieldstone API").version("v1")
                        .description("Field service management. Authenticate with Authorization: Bearer <API key>; "
                                + "errors are application/problem+json (RFC 9457).")
                        .license(new License().name("Apache-2.0").url("https://www.apache.org/licenses/LICENSE-2.0")))
                .components(new Components().addSecuritySchemes("apiKey", new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("fsk_<company>_<secret>")));
    }
}
