package org.fieldstone.web;

import java.util.Set;
import org.fieldstone.identity.SignedIn;
import org.fieldstone.shared.web.PhoneText;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.dialect.AbstractDialect;
import org.thymeleaf.dialect.IExpressionObjectDialect;
import org.thymeleaf.expression.IExpressionObjectFactory;

/**
 * {@code #phones} in every template: {@code ${#phones.display(client.phone)}} shows a stored number as
 * {@link PhoneText} does, for the signed-in user's company (the layout's {@code me}); one format on every page.
 */
@Component
class Phones extends AbstractDialect implements IExpressionObjectDialect {

    Phones() {
        super("fieldstone-phones");
    }

    @Override
    public IExpressionObjectFactory getExpressionObjectFactory() {
        return new IExpressionObjectFactory() {
            @Override
            public Set<String> getAllExpressionObjectNames() {
                return Set.of("phones");
            }

            @Override
            public Object buildObject(IExpressionContext context, String name) {
                return new Display(context.getVariable("me") instanceof SignedIn me ? me.companyCountry() : null);
            }

            @Override
            public boolean isCacheable(String name) {
                return false;
            }
        };
    }

    /** The formatter for one page: the company's country fixed. */
    public record Display(String country) {
        public String display(String e164) {
            return PhoneText.display(e164, country);
        }
    }
}
