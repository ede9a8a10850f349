package org.fieldstone.jobs;

/**
 * Something a dispatcher should know about a visit, which does not stop it: a double-booked user
 * ({@code double-booked}, with the other visit) or a time outside the company's working hours
 * ({@code outside-working-hours}).
 */
public record Warning(String code, String message, String userId, String otherVisitId) {
}
