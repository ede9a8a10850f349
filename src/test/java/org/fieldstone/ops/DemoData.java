package org.fieldstone.ops;

import org.fieldstone.tenancy.Company;
import org.springframework.context.ApplicationContext;

/** The demo company's week and money, seeded into a test's company, for tests outside this package. */
public final class DemoData {

    private DemoData() {
    }

    public static void seed(ApplicationContext context, Company company) {
        context.getBean(DemoMoney.class).seed(company, context.getBean(DemoWeek.class).seed(company));
    }
}
