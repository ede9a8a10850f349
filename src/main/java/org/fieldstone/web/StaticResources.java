package org.fieldstone.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The static files, each kind on its own path: the style sheet, the scripts, the favicon and the WebJars (htmx,
 * Leaflet), the WebJars' links versioned by the resource chain. Spring Boot's default handler for {@code /**} is off
 * ({@code spring.web.resources.add-mappings=false}): with it, every link a template writes — every form's action,
 * every page's address — was looked up as a file in the jar, on every page, since only files found are cached; that
 * was about a third of a portal page's CPU and three quarters of its allocation (docs/performance.md).
 */
@Configuration(proxyBeanMethods = false)
class StaticResources implements WebMvcConfigurer {

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/css/**").addResourceLocations("classpath:/static/css/").resourceChain(true);
        registry.addResourceHandler("/js/**").addResourceLocations("classpath:/static/js/").resourceChain(true);
        registry.addResourceHandler("/favicon.ico").addResourceLocations("classpath:/static/").resourceChain(true);
        registry.addResourceHandler("/webjars/**").addResourceLocations("classpath:/META-INF/resources/webjars/")
                .resourceChain(true);
    }
}
