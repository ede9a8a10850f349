package org.fieldstone.ops;

import org.fieldstone.tenancy.Company;
import org.springframework.beans.factory.BeanFactory;

/** The demo company's week and money, seeded into a test's company, for tests outside this package. */
public final class DemoData {

    private DemoData() {
    }

    public static void seed(BeanFactory beans, Company company) {
        beans.getBean(DemoMoney.class).seed(company, beans.getBean(DemoWeek.class).seed(company));
    }
}
