package org.fieldstone.jobs.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fieldstone.jobs.ChecklistItem;
import org.fieldstone.jobs.ChecklistTemplate;
import org.fieldstone.jobs.Job;
import org.fieldstone.jobs.JobNote;
import org.fieldstone.jobs.JobQuery;
import org.fieldstone.jobs.JobStatus;
import org.fieldstone.jobs.LineItem;
import org.fieldstone.jobs.Priority;
import org.fieldstone.jobs.Visit;
import org.fieldstone.jobs.VisitStatus;
import org.fieldstone.shared.Page;
import org.fieldstone.shared.UserId;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.FieldProtection;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the jobs module's tables of one company database (writes go through the
 * {@link org.fieldstone.tenancy.RecordStore}); sensitive columns are opened through {@link FieldProtection}.
 * Every job query takes the reader's {@link JobAccess.Visibility}: a job outside it is not found.
 */
@Component
class JobRecords {

    static final String OPEN_VISIT = "v.status IN ('SCHEDULED', 'EN_ROUTE', 'IN_PROGRESS')";
    private static final String OPEN_JOB = "j.status IN ('DRAFT', 'SCHEDULED', 'IN_PROGRESS')";
    /** A job's own columns plus what its computed flags and time on site need, in one statement. */
    private static final String JOB_COLUMNS = """
            j.*,
            (SELECT COUNT(*) FROM visits v WHERE v.job_id = j.id AND %1$s) AS open_visits,
            (SELECT COUNT(*) FROM visits v WHERE v.job_id = j.id AND %1$s AND v.ends_at < :now) AS late_visits,
            (SELECT SUM(v.finished_at - v.started_at) FROM visits v
                WHERE v.job_id = j.id AND v.finished_at IS NOT NULL AND v.started_at IS NOT NULL) AS on_site_ms,
            (SELECT s.rrule FROM visit_series s WHERE s.job_id = j.id AND s.ended = FALSE
                ORDER BY s.created_at DESC, s.id LIMIT 1) AS rrule
            """.formatted(OPEN_VISIT);

    static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final TypeReference<List<LineItemJson>> LINE_ITEMS = new TypeReference<>() {
    };
    private static final TypeReference<List<ChecklistTemplate.Item>> TEMPLATE_ITEMS = new TypeReference<>() {
    };

    private final FieldProtection protection;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final JsonMapper json = JSON;

    JobRecords(FieldProtection protection) {
        this.protection = protection;
    }

    /** How line items are stored (inside the sealed {@code line_items} column). */
    record LineItemJson(String kind, String description, String quantity, long unitPrice, String taxRate,
                        String taxRateId, String discountPercent) {
    }

    Optional<Job> job(CompanyDatabase db, String id, JobAccess.Visibility visibility, Instant now) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("id", id);
        params.put("now", now.toEpochMilli());
        String where = "j.id = :id" + visibility.jobCondition("j", params);
        List<Job> jobs = jobs(db, "SELECT " + JOB_COLUMNS + " FROM jobs j WHERE " + where, params);
        return jobs.stream().findFirst();
    }

    Page<Job> list(CompanyDatabase db, JobQuery query, JobAccess.Visibility visibility, Page.PageRequest page, Instant now) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("now", now.toEpochMilli());
        StringBuilder where = new StringBuilder("1 = 1").append(visibility.jobCondition("j", params));
        if (query.status() != null) {
            where.append(" AND j.status = :status");
            params.put("status", query.status().name());
        }
        if (query.clientId() != null) {
            where.append(" AND j.client_id = :client");
            params.put("client", query.clientId());
        }
        if (query.assignee() != null) {
            where.append(" AND (j.assignees LIKE :assignee OR EXISTS (SELECT 1 FROM visits v WHERE v.job_id = j.id"
                    + " AND v.assignees LIKE :assignee))");
            params.put("assignee", JobAccess.containing(query.assignee()));
        }
        if (query.from() != null || query.to() != null) {
            where.append(" AND EXISTS (SELECT 1 FROM visits v WHERE v.job_id = j.id");
            if (query.from() != null) {
                where.append(" AND v.starts_at >= :from");
                params.put("from", query.from().toEpochMilli());
            }
            if (query.to() != null) {
                where.append(" AND v.starts_at < :to");
                params.put("to", query.to().toEpochMilli());
            }
            where.append(")");
        }
        if (query.flag() != null) {
            where.append(switch (query.flag()) {
                case LATE -> " AND " + OPEN_JOB + " AND EXISTS (SELECT 1 FROM visits v WHERE v.job_id = j.id AND "
                        + OPEN_VISIT + " AND v.ends_at < :now)";
                case UNSCHEDULED -> " AND " + OPEN_JOB + " AND NOT EXISTS (SELECT 1 FROM visits v WHERE v.job_id = j.id AND "
                        + OPEN_VISIT + ") AND NOT EXISTS (SELECT 1 FROM visit_series s WHERE s.job_id = j.id AND s.ended = FALSE)";
                case REQUIRES_INVOICING -> " AND j.status = 'COMPLETED'";
            });
        }
        long total = db.jdbc().sql("SELECT COUNT(*) FROM jobs j WHERE " + where).params(params).query(Long.class).single();
        if (total == 0) {
            return new Page<>(List.of(), page.page(), page.size(), 0);
        }
        params.put("limit", page.size());
        params.put("offset", page.offset());
        List<Job> items = jobs(db, "SELECT " + JOB_COLUMNS + " FROM jobs j WHERE " + where
                + " ORDER BY j.created_at DESC, j.id LIMIT :limit OFFSET :offset", params);
        return new Page<>(items, page.page(), page.size(), total);
    }

    /** How many jobs a query finds (for the home page's cards), without reading them. */
    long count(CompanyDatabase db, JobQuery query, JobAccess.Visibility visibility, Instant now) {
        return list(db, query, visibility, new Page.PageRequest(0, 1), now).total();
    }

    private List<Job> jobs(CompanyDatabase db, String sql, Map<String, Object> params) {
        List<Row> rows = db.jdbc().sql(sql).params(params).query((rs, i) -> row(db, rs)).list();
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<String, List<ChecklistItem>> checklists = checklists(db, rows.stream().map(r -> r.id).toList());
        Instant now = Instant.ofEpochMilli(((Number) params.get("now")).longValue());
        return rows.stream().map(r -> r.job(checklists.getOrDefault(r.id, List.of()), now)).toList();
    }

    /** A job row as read, before its checklist is attached. */
    private record Row(String id, String number, String clientId, String propertyId, String title, String description,
                       Priority priority, List<String> tags, JobStatus status, List<LineItem> lineItems, String crewId,
                       List<UserId> assignees, String rrule, long openVisits, long lateVisits, long onSiteMillis,
                       Instant completedAt, String quoteId, String discount, org.fieldstone.shared.Money depositDue, long version,
                       Instant createdAt, Instant updatedAt) {

        Job job(List<ChecklistItem> checklist, Instant now) {
            boolean open = status.isOpen();
            Job.Flags flags = new Job.Flags(open && openVisits == 0 && rrule == null, open && lateVisits > 0,
                    status == JobStatus.COMPLETED);
            return new Job(id, number, clientId, propertyId, title, description, priority, tags, status, lineItems,
                    crewId, assignees, checklist, rrule, flags, Duration.ofMillis(onSiteMillis), completedAt, quoteId,
                    org.fieldstone.pricing.Discount.parse(discount), depositDue, version, createdAt, updatedAt);
        }
    }

    private Row row(CompanyDatabase db, ResultSet rs) throws SQLException {
        String id = rs.getString("id");
        String lineItems = rs.getString("line_items");
        return new Row(id, rs.getString("number"), rs.getString("client_id"), rs.getString("property_id"),
                rs.getString("title"), open(db, "jobs", "description", id, rs.getString("description")),
                Priority.valueOf(rs.getString("priority")), strings(rs.getString("tags")),
                JobStatus.valueOf(rs.getString("status")),
                lineItems == null ? List.of() : lineItems(open(db, "jobs", "line_items", id, lineItems)),
                rs.getString("crew_id"), userIds(rs.getString("assignees")), rs.getString("rrule"),
                rs.getLong("open_visits"), rs.getLong("late_visits"), rs.getLong("on_site_ms"),
                instant(rs, "completed_at"), rs.getString("quote_id"),
                open(db, "jobs", "discount", id, rs.getString("discount")),
                depositDue(open(db, "jobs", "deposit_due", id, rs.getString("deposit_due"))),
                rs.getLong("version"), Instant.ofEpochMilli(rs.getLong("created_at")),
                Instant.ofEpochMilli(rs.getLong("updated_at")));
    }

    /** The raw stored row of a job (for the write path's version and the lifecycle checks), regardless of visibility. */
    /**
     * A job as the write path changes it, with its checklist and visits; its row is locked for the rest of the
     * transaction on PostgreSQL (SQLite's write transactions are serialized already: they begin IMMEDIATE), so a
     * concurrent verb on the same job waits instead of deciding on what is about to change.
     */
    Optional<JobAggregate> aggregate(CompanyDatabase db, String id, JobAccess.Visibility visibility, boolean runningSeries) {
        String lock = "postgresql".equals(db.engine()) ? " FOR UPDATE" : "";
        record Head(String number, JobStatus status, long version) {
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("id", id);
        // a job the reader may not see is not found, as in every read (no second, decrypting read to find out)
        String where = "j.id = :id" + visibility.jobCondition("j", params);
        return db.jdbc().sql("SELECT j.number, j.status, j.version FROM jobs j WHERE " + where + lock).params(params)
                .query((rs, i) -> new Head(rs.getString(1), JobStatus.valueOf(rs.getString(2)), rs.getLong(3)))
                .optional()
                .map(head -> new JobAggregate(db.tenant(), id, head.number(), head.status(), head.version(),
                        checklists(db, List.of(id)).getOrDefault(id, List.of()), visitsOf(db, id), runningSeries));
    }

    Optional<Map<String, Object>> jobRow(CompanyDatabase db, String id) {
        return db.jdbc().sql("SELECT id, status, version, client_id, property_id, crew_id, assignees FROM jobs WHERE id = :id")
                .param("id", id).query().listOfRows().stream().findFirst();
    }

    Map<String, List<ChecklistItem>> checklists(CompanyDatabase db, Collection<String> jobIds) {
        Map<String, List<ChecklistItem>> byJob = new LinkedHashMap<>();
        db.jdbc().sql("SELECT * FROM job_checklist_items WHERE job_id IN (:ids) ORDER BY job_id, position, id")
                .param("ids", jobIds).query((rs, i) -> {
                    String doneBy = rs.getString("done_by");
                    long doneAt = rs.getLong("done_at");
                    byJob.computeIfAbsent(rs.getString("job_id"), k -> new ArrayList<>()).add(new ChecklistItem(
                            rs.getString("id"), rs.getInt("position"), rs.getString("text"), rs.getBoolean("required"),
                            rs.getBoolean("done"), Optional.ofNullable(doneBy).flatMap(JobRecords::userId),
                            doneAt == 0 ? null : Instant.ofEpochMilli(doneAt), rs.getLong("version")));
                    return null;
                }).list();
        return byJob;
    }

    List<JobNote> notes(CompanyDatabase db, String jobId, Map<String, String> names) {
        return db.jdbc().sql("SELECT * FROM job_notes WHERE job_id = :job ORDER BY created_at, id").param("job", jobId)
                .query((rs, i) -> {
                    String id = rs.getString("id");
                    String author = rs.getString("created_by");
                    return new JobNote(id, jobId, open(db, "job_notes", "body", id, rs.getString("body")), author,
                            names.getOrDefault(author, author), Instant.ofEpochMilli(rs.getLong("created_at")));
                }).list();
    }

    Optional<Visit> visit(CompanyDatabase db, String visitId) {
        return db.jdbc().sql("SELECT * FROM visits WHERE id = :id").param("id", visitId).query((rs, i) -> visit(rs)).optional();
    }

    /** The signatures collected on a job's visits, oldest first (the caller checked the job's visibility). */
    List<org.fieldstone.jobs.VisitSignature> signatures(CompanyDatabase db, String jobId) {
        return db.jdbc().sql("SELECT id, signature_file_id, signed_by, signed_at FROM visits WHERE job_id = :job"
                        + " AND signature_file_id IS NOT NULL ORDER BY signed_at, id").param("job", jobId)
                .query((rs, i) -> new org.fieldstone.jobs.VisitSignature(rs.getString("id"), rs.getString("signature_file_id"),
                        open(db, "visits", "signed_by", rs.getString("id"), rs.getString("signed_by")),
                        Instant.ofEpochMilli(rs.getLong("signed_at")))).list();
    }

    List<Visit> visitsOf(CompanyDatabase db, String jobId) {
        return db.jdbc().sql("SELECT * FROM visits WHERE job_id = :job ORDER BY starts_at, id").param("job", jobId)
                .query((rs, i) -> visit(rs)).list();
    }

    /**
     * Visits overlapping [from, to) — not cancelled unless {@code withCancelled} — that the reader may see,
     * by start.
     */
    List<Visit> visitsBetween(CompanyDatabase db, Instant from, Instant to, JobAccess.Visibility visibility,
                              boolean withCancelled) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("from", from.toEpochMilli());
        params.put("to", to.toEpochMilli());
        // a visit lasts at most VisitTimes.LONGEST: a lower bound on the start lets the index on starts_at read only
        // the range's neighbourhood instead of every visit since the company began
        params.put("earliest", from.minus(VisitTimes.LONGEST).toEpochMilli());
        // correlated per visit of the range (a handful), not a scan of every job the reader may see
        String jobs = visibility.restricted()
                ? " AND EXISTS (SELECT 1 FROM jobs j WHERE j.id = v.job_id" + visibility.jobCondition("j", params) + ")" : "";
        return db.jdbc().sql("SELECT v.* FROM visits v WHERE v.starts_at < :to AND v.starts_at >= :earliest AND v.ends_at > :from"
                        + (withCancelled ? "" : " AND v.status <> 'CANCELLED'") + jobs + " ORDER BY v.starts_at, v.id")
                .params(params).query((rs, i) -> visit(rs)).list();
    }

    static Visit visit(ResultSet rs) throws SQLException {
        return new Visit(rs.getString("id"), rs.getString("job_id"), Instant.ofEpochMilli(rs.getLong("starts_at")),
                Instant.ofEpochMilli(rs.getLong("ends_at")), userIds(rs.getString("assignees")),
                VisitStatus.valueOf(rs.getString("status")), instant(rs, "en_route_at"), instant(rs, "started_at"),
                instant(rs, "finished_at"), rs.getString("series_id"), rs.getString("occurrence"),
                rs.getBoolean("detached"), rs.getLong("version"), Instant.ofEpochMilli(rs.getLong("created_at")),
                Instant.ofEpochMilli(rs.getLong("updated_at")), instant(rs, "confirmed_by_client_at"));
    }

    /** Number, title, status, client, property and crew of jobs by id, regardless of visibility (callers filtered). */
    Map<String, JobHead> heads(CompanyDatabase db, Collection<String> jobIds) {
        Map<String, JobHead> heads = new LinkedHashMap<>();
        if (jobIds.isEmpty()) {
            return heads;
        }
        db.jdbc().sql("SELECT id, number, title, status, priority, client_id, property_id, crew_id FROM jobs WHERE id IN (:ids)")
                .param("ids", jobIds).query((rs, i) -> heads.put(rs.getString("id"), new JobHead(rs.getString("id"),
                        rs.getString("number"), rs.getString("title"), JobStatus.valueOf(rs.getString("status")),
                        Priority.valueOf(rs.getString("priority")), rs.getString("client_id"),
                        rs.getString("property_id"), rs.getString("crew_id")))).list();
        return heads;
    }

    record JobHead(String id, String number, String title, JobStatus status, Priority priority, String clientId,
                   String propertyId, String crewId) {
    }

    List<ChecklistTemplate> templates(CompanyDatabase db) {
        return db.jdbc().sql("SELECT * FROM checklist_templates ORDER BY name, id").query((rs, i) -> template(rs)).list();
    }

    Optional<ChecklistTemplate> template(CompanyDatabase db, String id) {
        return db.jdbc().sql("SELECT * FROM checklist_templates WHERE id = :id").param("id", id)
                .query((rs, i) -> template(rs)).optional();
    }

    private ChecklistTemplate template(ResultSet rs) throws SQLException {
        return new ChecklistTemplate(rs.getString("id"), rs.getString("name"), templateItems(rs.getString("items")),
                rs.getLong("version"));
    }

    List<ChecklistTemplate.Item> templateItems(String stored) {
        return json.readValue(stored, TEMPLATE_ITEMS);
    }

    String json(Object value) {
        return json.writeValueAsString(value);
    }

    String lineItemsJson(List<LineItem> items) {
        return json(items.stream().map(i -> new LineItemJson(i.kind().name(), i.description(), i.quantity().toPlainString(),
                i.unitPrice(), i.taxRate().toPlainString(), i.taxRateId(),
                i.discountPercent().signum() == 0 ? null : i.discountPercent().toPlainString())).toList());
    }

    String templateItemsJson(List<ChecklistTemplate.Item> items) {
        return json(items);
    }

    private List<LineItem> lineItems(String text) {
        return json.readValue(text, LINE_ITEMS).stream().map(i -> new LineItem(LineItem.Kind.valueOf(i.kind()),
                i.description(), new java.math.BigDecimal(i.quantity()), i.unitPrice(), new java.math.BigDecimal(i.taxRate()),
                i.taxRateId(), i.discountPercent() == null ? null : new java.math.BigDecimal(i.discountPercent()))).toList();
    }

    /** A deposit as kept: {@code <minor units>:<currency>}, e.g. {@code 12839:CHF}; null for none. */
    static org.fieldstone.shared.Money depositDue(String stored) {
        if (stored == null || stored.isBlank()) {
            return null;
        }
        int colon = stored.indexOf(':');
        return org.fieldstone.shared.Money.of(Long.parseLong(stored.substring(0, colon)), stored.substring(colon + 1));
    }

    static String depositDue(org.fieldstone.shared.Money deposit) {
        return deposit == null || deposit.isZero() ? null : deposit.amount() + ":" + deposit.currency();
    }

    List<String> strings(String stored) {
        return stored == null || stored.isBlank() ? List.of() : json.readValue(stored, STRINGS);
    }

    static List<UserId> userIds(String stored) {
        if (stored == null || stored.isBlank() || stored.equals("[]")) {
            return List.of();
        }
        return JSON.readValue(stored, STRINGS).stream().map(UserId::parse).toList();
    }

    private static Optional<UserId> userId(String text) {
        try {
            return Optional.of(UserId.parse(text));
        } catch (RuntimeException notAUser) {
            return Optional.empty();
        }
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(value);
    }

    private String open(CompanyDatabase db, String table, String column, String id, String stored) {
        return stored == null ? null : protection.open(db.tenant(), table, column, id, stored);
    }
}
