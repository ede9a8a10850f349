package org.fieldstone.web;

import org.fieldstone.support.SqliteApplicationTest;

@SqliteApplicationTest
class TemplateTextOnSqliteTests extends TemplateTextContract {
}
