package org.fieldstone.invoices.web;

import org.fieldstone.support.PostgresApplicationTest;

@PostgresApplicationTest
class InvoicePdfOnPostgresTests extends InvoicePdfContract {
}
