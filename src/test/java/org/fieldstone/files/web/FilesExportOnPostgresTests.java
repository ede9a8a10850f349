package org.fieldstone.files.web;

import org.fieldstone.support.PostgresApplicationTest;

@PostgresApplicationTest
class FilesExportOnPostgresTests extends FilesExportContract {
}
