package org.fieldstone.schedule.web;

import org.fieldstone.support.PostgresApplicationTest;

@PostgresApplicationTest
class DispatchBoardOnPostgresTests extends DispatchBoardContract {
}
