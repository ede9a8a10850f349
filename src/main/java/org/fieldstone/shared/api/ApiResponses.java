package org.fieldstone.shared.api;

import java.net.URI;
import java.util.function.Function;
import java.util.function.LongFunction;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Permission;
import org.fieldstone.shared.Versioned;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * How every REST API answers a versioned record: its version as {@code ETag}, a created one with its
 * {@code Location}, and a conditional change in the same steps everywhere ({@link #change}). The per-controller
 * copies these replace had started to differ in small ways.
 */
public final class ApiResponses {

    private ApiResponses() {
    }

    /** 200 with the record's representation and its version as {@code ETag}. */
    public static <R extends Versioned, J> ResponseEntity<J> tagged(R record, Function<? super R, J> json) {
        return ResponseEntity.ok().eTag(VersionTags.etag(record.version())).body(json.apply(record));
    }

    /** 201 for a record posted to the current request's collection: {@code Location} there plus its id, and {@code ETag}. */
    public static <R extends Versioned, J> ResponseEntity<J> created(R record, Function<? super R, J> json) {
        return created(location(record.id()), record, json);
    }

    /** 201 for a record that lives under another collection than it was posted to, e.g. a visit posted to its job. */
    public static <R extends Versioned, J> ResponseEntity<J> created(String collection, R record,
                                                                     Function<? super R, J> json) {
        return created(location(collection, record.id()), record, json);
    }

    private static <R extends Versioned, J> ResponseEntity<J> created(URI location, R record, Function<? super R, J> json) {
        return ResponseEntity.created(location).eTag(VersionTags.etag(record.version())).body(json.apply(record));
    }

    /** The new resource's address: the collection it was posted to (the current request), plus its id. */
    public static URI location(String id) {
        return ServletUriComponentsBuilder.fromCurrentRequestUri().path("/{id}").buildAndExpand(id).toUri();
    }

    /** The address of a resource under {@code collection} (a path from the context root, e.g. {@code /api/v1/visits}). */
    public static URI location(String collection, String id) {
        return ServletUriComponentsBuilder.fromCurrentContextPath().path(collection + "/{id}").buildAndExpand(id).toUri();
    }

    /**
     * The skeleton of every conditional change (PATCH, and the verbs that change a versioned record): the
     * {@code If-Match} read as the expected version — after the role ({@code Forbidden}) and the id ({@code exists}
     * throws {@code NotFound}) are checked; 428 without it — then {@code apply} with that version (it reads the body
     * and writes; the write path refuses a stale version with {@code VersionConflict}, 412), answered 200 with the
     * new version as {@code ETag}.
     */
    public static <R extends Versioned, J> ResponseEntity<J> change(Actor actor, Permission permission, String ifMatch,
                                                                    Runnable exists, LongFunction<? extends R> apply,
                                                                    Function<? super R, J> json) {
        long expected = VersionTags.expectedVersion(actor, permission, ifMatch, exists);
        return tagged(apply.apply(expected), json);
    }
}
