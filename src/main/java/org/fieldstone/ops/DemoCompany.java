package org.fieldstone.ops;

import java.time.ZoneId;
import org.fieldstone.identity.Accounts;
import org.fieldstone.identity.Team;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Channel;
import org.fieldstone.shared.EmailAddress;
import org.fieldstone.shared.Role;
import org.fieldstone.tenancy.Companies;
import org.fieldstone.tenancy.Company;
import org.fieldstone.tenancy.NewCompany;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

/**
 * On the first start of an empty embedded installation (SQLite, no database URL): a demo company {@code demo}
 * with a few team members and a working week of jobs ({@link DemoWeek}). The owner's one-time random password is printed once to the console (not to
 * the log) with the URL. Installations on PostgreSQL create their companies with the CLI.
 */
@Component
@ConditionalOnWebApplication
@ConditionalOnProperty(name = "fieldstone.demo.enabled", havingValue = "true")
@ConditionalOnExpression("'${fieldstone.database.url:}'.isBlank()")
class DemoCompany implements ApplicationRunner {

    static final String SLUG = "demo";
    static final String OWNER = "owner@demo.example";

    private final Companies companies;
    private final Accounts accounts;
    private final Team team;
    private final DemoWeek week;
    private final DemoMoney money;
    private final int httpsPort;

    DemoCompany(Companies companies, Accounts accounts, Team team, DemoWeek week, DemoMoney money,
                @Value("${server.port:8443}") int httpsPort) {
        this.money = money;
        this.companies = companies;
        this.accounts = accounts;
        this.team = team;
        this.week = week;
        this.httpsPort = httpsPort;
    }

    @Override
    public void run(ApplicationArguments args) {
        // a control plane that ever held a company is not new: a destroyed demo does not come back at the next start
        if (!companies.list().isEmpty() || !companies.destroyed().isEmpty()) {
            return;
        }
        char[] password = DemoWeek.randomPassword(20);
        Company demo = accounts.createCompany(new NewCompany(SLUG, "Demo Plumbing & Heating", ZoneId.of("Europe/Zurich"), "CH"),
                new EmailAddress(OWNER), "Olivia Owner", password.clone());
        Actor system = Actor.system(demo.id(), Channel.SYSTEM);
        accounts.addUser(system, new EmailAddress("office@demo.example"), "Adam Admin", Role.ADMIN, DemoWeek.randomPassword(24));
        team.invite(system, new EmailAddress("books@demo.example"), "Rita Reader", Role.READ_ONLY);
        money.seed(demo, week.seed(demo));

        String url = "https://localhost:" + httpsPort + "/c/" + SLUG + "/login";
        String line = "=".repeat(72);
        System.out.println();
        System.out.println(line);
        System.out.println(" Fieldstone: created the demo company \"" + demo.name() + "\"");
        System.out.println("   Sign in at  " + url);
        System.out.println("   Email       " + OWNER);
        System.out.println("   Password    " + new String(password) + "   (shown only this once)");
        System.out.println(" The certificate is self-signed: your browser will ask you to accept it.");
        System.out.println(line);
        System.out.println();
    }
}
