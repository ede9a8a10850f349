package org.fieldstone.tenancy;

import java.util.function.Consumer;

/**
 * One module's part of a company's data export ({@link CompanyExports}). Every module that keeps business data in
 * the company database declares one as a bean, so the export grows with the modules rather than one class
 * reading every module's tables. Sections are written in bean order ({@code @Order}), each as a named JSON array.
 */
public interface ExportSection {

    /** The section's property name in the export document, e.g. {@code clients}. */
    String name();

    /**
     * Hands over every item of the company, one at a time and in a stable order, with sensitive fields opened (the
     * export is the owner's copy of their data). Items are records or maps and are written as JSON objects. Never
     * what only serves to prove identity: password hashes, session and API key hashes, MFA secrets.
     */
    void export(CompanyDatabase db, Consumer<Object> item);
}
