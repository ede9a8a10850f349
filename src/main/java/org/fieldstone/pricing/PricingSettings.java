package org.fieldstone.pricing;

/**
 * How a company prices: its currency (ISO 4217; new documents take it) and whether its prices include tax — the
 * tax then is the part of the price that is tax ({@code price × rate / (100 + rate)}), otherwise it is added on top.
 */
public record PricingSettings(String currency, boolean taxInclusive) {
}
