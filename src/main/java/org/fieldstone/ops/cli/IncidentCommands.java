package org.fieldstone.ops.cli;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.fieldstone.ops.status.AffectedCompany;
import org.fieldstone.ops.status.BreachDeadline;
import org.fieldstone.ops.status.BreachNotice;
import org.fieldstone.ops.status.Breaches;
import org.fieldstone.ops.status.ComponentState;
import org.fieldstone.ops.status.Incident;
import org.fieldstone.ops.status.Incidents;
import org.fieldstone.ops.status.StatusComponent;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "incident", mixinStandardHelpOptions = true,
        description = "Incidents on the public status page (/status), and data breaches: affected companies from the "
                + "audit trails, owners notified within 72 hours.",
        subcommands = {IncidentCommands.Open.class, IncidentCommands.Update.class, IncidentCommands.Resolve.class,
                IncidentCommands.ListIncidents.class, IncidentCommands.Show.class, IncidentCommands.MarkBreach.class,
                IncidentCommands.Notify.class})
final class IncidentCommands {

    /** Options of a breach: the window and, optionally, the actor and the address. */
    static final class Window {
        @Option(names = "--from", paramLabel = "TIME", description = "Start of the breach window (ISO-8601, e.g. 2026-12-01T10:15:00Z).")
        String from;
        @Option(names = "--to", paramLabel = "TIME", description = "End of the breach window (exclusive).")
        String to;
        @Option(names = "--actor", paramLabel = "ID_OR_NAME", description = "Only what this actor (user id or name in the audit trail) did.")
        String actor;
        @Option(names = "--ip", paramLabel = "ADDRESS", description = "Only what was done from this client address.")
        String ip;

        Instant fromTime;
        Instant toTime;

        void check() {
            if (from == null || to == null) {
                throw new InvalidInput("from", Message.of("status.refused.window"));
            }
            try {
                fromTime = Instant.parse(from);
                toTime = Instant.parse(to);
            } catch (DateTimeParseException e) {
                throw new InvalidInput("from", Message.of("status.refused.window"));
            }
            if (!fromTime.isBefore(toTime)) {
                throw new InvalidInput("from", Message.of("status.refused.window"));
            }
        }

        void record(ConfigurableApplicationContext context, long id, PrintStream out, PrintStream err) {
            Breaches breaches = context.getBean(Breaches.class);
            err.printf("incident %d: searching every company's audit trail from %s to %s%s%s%n", id, fromTime, toTime,
                    actor == null ? "" : " by " + actor, ip == null ? "" : " from " + ip);
            List<AffectedCompany> affected = breaches.record(id, fromTime, toTime, actor, ip, line -> err.println("  " + line));
            out.printf("incident %d: data breach, %d companies affected; notify their owners by %s (incident notify %d)%n",
                    id, affected.size(), BreachDeadline.of(context.getBean(Incidents.class).get(id).breach().recordedAt()), id);
        }
    }

    @Command(name = "open", mixinStandardHelpOptions = true, description = "Open an incident; prints its number.")
    static final class Open extends CommandLineInterface.Operation {
        @Option(names = "--title", required = true, paramLabel = "TEXT", description = "What is wrong, as the public sees it.")
        String title;
        @Option(names = "--components", required = true, split = ",", paramLabel = "NAME",
                description = "Affected components: dashboard, api, portal, payments, notifications, backups.")
        List<String> components;
        @Option(names = "--state", paramLabel = "STATE", defaultValue = "degraded",
                description = "maintenance, degraded, partial_outage or major_outage (default: ${DEFAULT-VALUE}).")
        String state;
        @Option(names = "--message", paramLabel = "TEXT", description = "The first update (default: we are investigating).")
        String message;
        @Option(names = "--breach", description = "A data breach: also --from and --to (and optionally --actor, --ip).")
        boolean breach;
        @picocli.CommandLine.ArgGroup(exclusive = false)
        Window window = new Window();

        private Set<StatusComponent> parsedComponents;
        private ComponentState parsedState;

        @Override
        void validate() {
            parsedComponents = components(components);
            parsedState = ComponentState.parse(state);
            if (breach) {
                window.check();
            } else if (window.from != null || window.to != null || window.actor != null || window.ip != null) {
                throw new InvalidInput("breach", Message.of("status.refused.not-breach", "new"));
            }
        }

        @Override
        int execute(ConfigurableApplicationContext context, PrintStream out) {
            var opened = context.getBean(Incidents.class).open(title, parsedComponents, parsedState, message);
            long id = opened.incident().id();
            out.printf("incident %d opened (%s: %s); %d subscribers emailed%n", id, parsedState.key(),
                    keys(opened.incident().components()), opened.subscribersEmailed());
            if (breach) {
                window.record(context, id, out, err);
            }
            return 0;
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true, description = "Add an update to an open incident.")
    static final class Update extends CommandLineInterface.Operation {
        @Parameters(index = "0", paramLabel = "ID", description = "The incident's number.")
        String id;
        @Option(names = "--message", required = true, paramLabel = "TEXT", description = "What is new.")
        String message;
        @Option(names = "--state", paramLabel = "STATE", description = "A new state of the components.")
        String state;

        @Override
        void validate() {
            number(id);
            if (state != null) {
                ComponentState.parse(state);
            }
        }

        @Override
        int execute(ConfigurableApplicationContext context, PrintStream out) {
            var updated = context.getBean(Incidents.class).update(number(id), message,
                    state == null ? null : ComponentState.parse(state));
            out.printf("incident %d updated (%s); %d subscribers emailed%n", updated.incident().id(),
                    updated.incident().state().key(), updated.subscribersEmailed());
            return 0;
        }
    }

    @Command(name = "resolve", mixinStandardHelpOptions = true, description = "Resolve an incident.")
    static final class Resolve extends CommandLineInterface.Operation {
        @Parameters(index = "0", paramLabel = "ID", description = "The incident's number.")
        String id;
        @Option(names = "--message", paramLabel = "TEXT", description = "The last update (default: resolved).")
        String message;

        @Override
        void validate() {
            number(id);
        }

        @Override
        int execute(ConfigurableApplicationContext context, PrintStream out) {
            var resolved = context.getBean(Incidents.class).resolve(number(id), message);
            out.printf("incident %d resolved; %d subscribers emailed%n", resolved.incident().id(), resolved.subscribersEmailed());
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The newest incidents, one a line.")
    static final class ListIncidents extends CommandLineInterface.Operation {
        @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "At most N (default: ${DEFAULT-VALUE}).")
        int limit;

        @Override
        int execute(ConfigurableApplicationContext context, PrintStream out) {
            for (Incident i : context.getBean(Incidents.class).latest(Math.max(1, Math.min(limit, 1_000)))) {
                out.printf("%d\t%s\t%s\t%s\t%s\t%s%s%n", i.id(), i.open() ? "open" : "resolved", i.state().key(),
                        keys(i.components()), i.openedAt(), i.title(), i.breach() == null ? "" : "\t[breach]");
            }
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "An incident with its updates; for a breach the affected companies, who was notified when, "
                    + "and the hours left of the 72-hour deadline.")
    static final class Show extends CommandLineInterface.Operation {
        @Parameters(index = "0", paramLabel = "ID", description = "The incident's number.")
        String id;

        @Override
        void validate() {
            number(id);
        }

        @Override
        int execute(ConfigurableApplicationContext context, PrintStream out) {
            Incident i = context.getBean(Incidents.class).get(number(id));
            out.printf("incident %d: %s%n", i.id(), i.title());
            out.printf("  %s, %s, components %s, opened %s%s%n", i.open() ? "open" : "resolved", i.state().key(),
                    keys(i.components()), i.openedAt(), i.resolvedAt() == null ? "" : ", resolved " + i.resolvedAt());
            for (Incident.Update u : i.updates()) {
                out.printf("  %s %s (%s): %s%n", u.at(), u.kind().key(), u.state().key(), u.message());
            }
            if (i.breach() == null) {
                return 0;
            }
            Incident.Breach b = i.breach();
            Breaches breaches = context.getBean(Breaches.class);
            List<AffectedCompany> affected = breaches.affected(i.id());
            List<BreachNotice> notices = breaches.notices(i.id());
            out.printf("data breach: window %s to %s%s%s; recorded %s; deadline %s%n", b.from(), b.to(),
                    b.actor() == null ? "" : ", actor " + b.actor(), b.ip() == null ? "" : ", address " + b.ip(),
                    b.recordedAt(), b.deadline());
            Set<String> notifiedCompanies = new java.util.HashSet<>();
            notices.forEach(n -> notifiedCompanies.add(n.companyId()));
            boolean allNotified = !affected.isEmpty() && affected.stream().allMatch(a -> notifiedCompanies.contains(a.companyId()));
            Instant last = notices.stream().map(BreachNotice::sentAt).max(Instant::compareTo).orElse(null);
            out.printf("deadline: %s%n", affected.isEmpty() ? "no company affected, nobody to notify"
                    : BreachDeadline.describe(b.recordedAt(), context.getBean(Clock.class).instant(), allNotified ? last : null));
            out.printf("affected companies: %d%n", affected.size());
            for (AffectedCompany a : affected) {
                out.printf("  %s (%s): %d entries on %d records [%s]%n", a.slug(), a.name(), a.entries(), a.records(),
                        String.join(", ", a.entityTypes()));
            }
            out.printf("notified owners: %d%n", notices.size());
            for (BreachNotice n : notices) {
                out.printf("  %s %s at %s%n", n.slug(), n.email(), n.sentAt());
            }
            return 0;
        }
    }

    @Command(name = "breach", mixinStandardHelpOptions = true,
            description = "Mark an incident as a data breach and compute the affected companies from the audit trails.")
    static final class MarkBreach extends CommandLineInterface.Operation {
        @Parameters(index = "0", paramLabel = "ID", description = "The incident's number.")
        String id;
        @picocli.CommandLine.ArgGroup(exclusive = false, multiplicity = "1")
        Window window = new Window();

        @Override
        void validate() {
            number(id);
            window.check();
        }

        @Override
        int execute(ConfigurableApplicationContext context, PrintStream out) {
            long n = number(id);
            context.getBean(Incidents.class).get(n);
            window.record(context, n, out, err);
            return 0;
        }
    }

    @Command(name = "notify", mixinStandardHelpOptions = true,
            description = "Email the owners of a breach's affected companies (those not yet notified).")
    static final class Notify extends CommandLineInterface.Operation {
        @Parameters(index = "0", paramLabel = "ID", description = "The incident's number.")
        String id;

        @Override
        void validate() {
            number(id);
        }

        @Override
        int execute(ConfigurableApplicationContext context, PrintStream out) {
            long n = number(id);
            List<BreachNotice> sent = context.getBean(Breaches.class).notifyOwners(n, line -> err.println("  " + line));
            for (BreachNotice notice : sent) {
                out.printf("%s\t%s\t%s%n", notice.slug(), notice.email(), notice.sentAt());
            }
            out.printf("incident %d: %d owners notified now; %d in all%n", n, sent.size(),
                    context.getBean(Breaches.class).notices(n).size());
            return 0;
        }
    }

    static long number(String id) {
        try {
            long n = Long.parseLong(id.strip());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new InvalidInput("id", Message.of("status.refused.id"));
    }

    static Set<StatusComponent> components(List<String> keys) {
        Set<StatusComponent> set = EnumSet.noneOf(StatusComponent.class);
        for (String key : keys) {
            if (!key.isBlank()) {
                set.add(StatusComponent.parse(key));
            }
        }
        if (set.isEmpty()) {
            throw new InvalidInput("components", Message.of("status.refused.components",
                    String.join(", ", Arrays.stream(StatusComponent.values()).map(StatusComponent::key).toList())));
        }
        return set;
    }

    private static String keys(Set<StatusComponent> components) {
        return String.join(",", components.stream().map(StatusComponent::key).toList());
    }
}
