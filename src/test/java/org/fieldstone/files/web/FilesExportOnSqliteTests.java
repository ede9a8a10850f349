package org.fieldstone.files.web;

import org.fieldstone.support.SqliteApplicationTest;

@SqliteApplicationTest
class FilesExportOnSqliteTests extends FilesExportContract {
}
