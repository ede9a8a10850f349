package org.fieldstone.support.rogue;

import org.springframework.jdbc.core.simple.JdbcClient;

/** A class that writes a table behind the write path's back: {@code WritePathTests} must catch it. */
public class RogueRepository {

    public void sneak(JdbcClient db) {
        db.sql("UPDATE company_settings SET value = 'sneaky'").update();
    }
}
