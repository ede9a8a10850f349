package org.fieldstone.jobs;

import java.util.List;
import org.fieldstone.shared.Change;
import org.fieldstone.shared.UserId;

/** Rescheduling and reassigning a visit: absent fields stay. Times as in {@link NewVisit}. */
public record VisitChanges(Change<String> start, Change<String> end, Change<List<UserId>> assignees) {

    public VisitChanges {
        start = start == null ? Change.keep() : start;
        end = end == null ? Change.keep() : end;
        assignees = assignees == null ? Change.keep() : assignees;
    }

    /** Which visits of a recurring series an edit changes, as calendar apps ask. */
    public enum Scope {
        /** Only this one; it is detached from the series from then on. */
        THIS,
        /** This and every later visit of its series: the series ends before it and a changed one continues. */
        THIS_AND_FOLLOWING
    }
}
