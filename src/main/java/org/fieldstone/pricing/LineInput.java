package org.fieldstone.pricing;

import java.math.BigDecimal;
import org.fieldstone.shared.Change;

/**
 * A document line as sent by a form or the API, before it is checked ({@link Pricing#lines}). Values left null are
 * taken from the product when {@code productId} is given.
 *
 * @param id        the id of a line the document has (kept), or null for a new line
 * @param unitPrice minor units
 * @param taxRateId {@link Change#keep()}: the product's rate (none without a product); null: no tax
 */
public record LineInput(String id, String productId, String description, BigDecimal quantity, Long unitPrice,
                        BigDecimal discountPercent, Change<String> taxRateId, boolean optional, String group) {
}
