package org.fieldstone.tenancy;

import org.fieldstone.shared.Actor;

/**
 * The company's settings: each declared by its module as a {@link CompanySetting}, kept as a versioned record and
 * written through the one write path (the setting's own permission checked, the change audited and published).
 */
public interface CompanySettings {

    /** The setting's value in this company, or its default where the company never set it. */
    <T> T get(CompanyDatabase db, CompanySetting<T> setting);

    /**
     * Sets a setting (in the caller's transaction, if there is one) and returns the value it had before; setting the
     * value it has writes nothing.
     */
    <T> T set(Actor actor, CompanySetting<T> setting, T value);
}
