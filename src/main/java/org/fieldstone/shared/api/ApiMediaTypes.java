package org.fieldstone.shared.api;

import org.springframework.http.MediaType;

/**
 * The media types the REST APIs speak besides Spring's own: bodies of changes are JSON merge patches
 * (RFC 7396), and plain JSON is accepted alike. Named once so that no controller spells them out.
 */
public final class ApiMediaTypes {

    /** {@code application/merge-patch+json}, for {@code consumes} of POST, PUT and PATCH mappings. */
    public static final String MERGE_PATCH_JSON_VALUE = "application/merge-patch+json";

    public static final MediaType MERGE_PATCH_JSON = MediaType.parseMediaType(MERGE_PATCH_JSON_VALUE);

    private ApiMediaTypes() {
    }
}
