package org.fieldstone.jobs;

/**
 * Something a dispatcher should know about a visit, which does not stop it: a double-booked user
 * ({@code double-booked}, with the other visit) or a time outside the company's working hours
 * ({@code outside-working-hours}). Its {@code message} is a code of {@code messages.properties} with arguments
 * ({@code jobs.warning.*}), resolved where it is shown.
 */
public record Warning(String code, org.fieldstone.shared.Message message, String userId, String otherVisitId) {
}
