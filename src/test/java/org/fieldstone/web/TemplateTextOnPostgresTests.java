package org.fieldstone.web;

import org.fieldstone.support.PostgresApplicationTest;

@PostgresApplicationTest
class TemplateTextOnPostgresTests extends TemplateTextContract {
}
