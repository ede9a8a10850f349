package org.fieldstone.support.rogue;

import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A class that writes a table behind the write path's back: {@code WritePathTests} must catch it. */
public class RogueRepository {

    public void sneak(JdbcClient db) {
        db.sql("UPDATE company_settings SET value = 'sneaky'").update();
    }

    /** The same write from a lambda: compiled into a synthetic method of this class, caught the same. */
    public Consumer<JdbcClient> sneakLater() {
        return db -> db.sql("UPDATE company_settings SET value = 'later'").update();
    }

    /** The same write from a nested class: judged as its enclosing class is. */
    public static class Accomplice {

        public void sneak(JdbcClient db) {
            db.sql("UPDATE company_settings SET value = 'nested'").update();
        }
    }
}
