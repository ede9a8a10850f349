-- Client lists are ordered by lower(name), id among the non-archived (ClientRecords.search): with this index the
-- first page is read in order instead of sorting every client of the company on each request.
CREATE INDEX clients_by_name ON clients (archived, lower(name), id);
