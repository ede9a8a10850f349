-- What an email of a document was (issue 13): the document itself (null, as before), a reminder (overdue invoice,
-- expiring quote), a fresh portal link the customer asked for, or a notice to the office about the customer's
-- decision. Reminders are claimed by a row whose event_id is the reminder's key (document and stage): the unique index
-- sent_emails_event lets only one node, or one of two concurrent runs, claim it, so each reminder is sent once.
ALTER TABLE sent_emails ADD COLUMN kind TEXT;
