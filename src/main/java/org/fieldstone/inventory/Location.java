package org.fieldstone.inventory;

import org.fieldstone.shared.UserId;
import org.fieldstone.shared.Versioned;

/**
 * Where stock is kept: a warehouse, or a van that belongs to one technician ({@code userId}) or one crew
 * ({@code crewId}). Its version rises with every movement in or out of it (and with every change of its own), so a
 * client holding it knows whether the location's stock moved since it looked.
 */
public record Location(String id, Kind kind, String name, UserId userId, String crewId, boolean archived, long version)
        implements Versioned {

    public enum Kind { WAREHOUSE, VAN }
}
