/**
 * How every module's REST API reads a request and answers it: JSON bodies read as merge patches
 * ({@link org.fieldstone.shared.api.JsonFields}), versions as entity tags
 * ({@link org.fieldstone.shared.api.VersionTags}), the media types ({@link org.fieldstone.shared.api.ApiMediaTypes}),
 * and the responses with {@code ETag}/{@code Location} and the steps of a conditional change
 * ({@link org.fieldstone.shared.api.ApiResponses}, Spring's {@code ResponseEntity}).
 */
package org.fieldstone.shared.api;
