/**
 * How every module's REST API reads a request and tags a record: JSON bodies read as merge patches
 * ({@link org.fieldstone.shared.api.JsonFields}) and versions as entity tags
 * ({@link org.fieldstone.shared.api.VersionTags}). Plain Java and Jackson; no Spring types.
 */
package org.fieldstone.shared.api;
