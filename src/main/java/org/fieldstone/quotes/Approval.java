package org.fieldstone.quotes;

import java.time.Instant;
import java.util.List;

/**
 * A customer's approval of one revision of a quote, as recorded (by office staff on the customer's behalf, or later
 * by the customer on the portal).
 *
 * @param signatureName the name typed as signature, never blank
 * @param recordedBy    who recorded it (the user's name), e.g. "approved by phone"
 * @param revisionHash  SHA-256 (hex) of the exact revision approved ({@link Quote#revisionHash()})
 * @param chosenItemIds the optional items ticked and the option of each group chosen
 */
public record Approval(String signatureName, Instant approvedAt, String recordedBy, String ip, String userAgent,
                       int revision, String revisionHash, List<String> chosenItemIds) {

    public Approval {
        chosenItemIds = List.copyOf(chosenItemIds);
    }
}
