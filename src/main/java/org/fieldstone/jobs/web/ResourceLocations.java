package org.fieldstone.jobs.web;

import java.net.URI;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Where a resource created through the jobs API can be read: the {@code Location} of a 201. */
final class ResourceLocations {

    private ResourceLocations() {
    }

    /** The new resource's address: the collection it was posted to, plus its id. */
    static URI location(String id) {
        return ServletUriComponentsBuilder.fromCurrentRequestUri().path("/{id}").buildAndExpand(id).toUri();
    }

    /** The address of a resource that lives under another collection, e.g. a visit posted to its job. */
    static URI location(String collection, String id) {
        return ServletUriComponentsBuilder.fromCurrentContextPath().path(collection + "/{id}").buildAndExpand(id).toUri();
    }
}
