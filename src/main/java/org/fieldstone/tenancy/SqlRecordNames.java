package org.fieldstone.tenancy;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.fieldstone.audit.RecordNames;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Permission;

/**
 * {@link RecordNames} read by one query per entity type from a company's own tables, for names kept in plain text
 * (a job's number, a product's name): each query selects the id and the name of the rows whose id is in
 * {@code :ids}. Records of an actor without {@code read} are not named; a row whose name is null is left out.
 */
public abstract class SqlRecordNames implements RecordNames {

    private final CompanyDatabases databases;
    private final Permission read;
    private final Map<String, String> queries;

    protected SqlRecordNames(CompanyDatabases databases, Permission read, Map<String, String> queries) {
        this.databases = databases;
        this.read = Objects.requireNonNull(read);
        this.queries = Map.copyOf(queries);
    }

    @Override
    public Set<String> entityTypes() {
        return queries.keySet();
    }

    @Override
    public Map<String, String> names(Actor actor, String entityType, Collection<String> ids) {
        String sql = queries.get(entityType);
        if (sql == null || ids.isEmpty() || !actor.can(read)) {
            return Map.of();
        }
        Map<String, String> names = new HashMap<>();
        databases.of(actor.tenant()).jdbc().sql(sql).param("ids", ids)
                .query((rs, i) -> rs.getString(2) == null ? null : Map.entry(rs.getString(1), rs.getString(2))).list()
                .stream().filter(Objects::nonNull).forEach(e -> names.put(e.getKey(), e.getValue()));
        return names;
    }
}
