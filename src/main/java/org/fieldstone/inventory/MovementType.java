package org.fieldstone.inventory;

/**
 * The kinds of stock movement and the locations each names: RECEIVE into {@code to} (with supplier and unit cost),
 * TRANSFER from {@code from} to {@code to}, USE from {@code from} on a job, RETURN into {@code to} (optionally from a
 * job), ADJUST of {@code to} by a signed quantity after a count (with a reason).
 */
public enum MovementType { RECEIVE, TRANSFER, USE, RETURN, ADJUST }
