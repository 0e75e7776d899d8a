-- The archive's schema. Applied once to an empty database (see Sources/Store/Schema/Migrator.swift);
-- PRAGMA user_version at the end says which version a database file holds.
--
-- Conventions
--   * Every item of the six collections has one row in `items` (ids are unique across collections)
--     and one row in its collection's table. Child tables keep the order of the import file in
--     `ordinal`.
--   * Every date is kept as its EDTF string plus the first and last day it allows, as day numbers
--     (days since 1970-01-01; NULL = open or unknown end), so date filters and sorts are range scans.
--   * Contested values keep every claim side by side, each with its source.

PRAGMA foreign_keys = ON;

-- The archive's own state: revision counter, last change, name.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY NOT NULL,
    value ANY
) STRICT;

-- One row per item of any collection: what lists, search, the timeline and references need.
CREATE TABLE items (
    rowid     INTEGER PRIMARY KEY,
    id        TEXT NOT NULL UNIQUE CHECK (id GLOB '[a-z0-9]*' AND id NOT GLOB '*[^a-z0-9-]*' AND length(id) <= 200),
    type      TEXT NOT NULL CHECK (type IN ('document', 'person', 'institution', 'event', 'place', 'source')),
    label     TEXT NOT NULL,               -- the display field: title or name
    kind      TEXT,
    edtf      TEXT,                        -- the item's date, when it has one
    earliest  INTEGER,
    latest    INTEGER,
    summary   TEXT
) STRICT;
CREATE INDEX items_type_id ON items (type, id);
CREATE INDEX items_type_label ON items (type, label COLLATE NOCASE, id);
CREATE INDEX items_type_date ON items (type, earliest, latest, id) WHERE earliest IS NOT NULL OR latest IS NOT NULL;
CREATE INDEX items_type_kind ON items (type, kind, id);
-- The sort=date order (Sources/Store/Query/CollectionSQL.swift, the same expressions: an undated
-- item sorts last), so that a page of it, either way and after a cursor, is read in index order.
CREATE INDEX items_type_sort_date ON items (type, coalesce(earliest, latest, 9007199254740991), coalesce(latest, 9007199254740991), id);

-- Alternative, native and abbreviated names and titles of any item (searched, served as lists).
CREATE TABLE item_names (
    item_id  TEXT NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    ordinal  INTEGER NOT NULL,
    role     TEXT NOT NULL CHECK (role IN ('alternative', 'native')),
    language TEXT,                          -- for native names of places: lt, lv, ru, ...
    name     TEXT NOT NULL,
    PRIMARY KEY (item_id, role, ordinal)
) STRICT;

-- The sources every item cites, in order.
CREATE TABLE item_sources (
    item_id   TEXT NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    ordinal   INTEGER NOT NULL,
    source_id TEXT NOT NULL REFERENCES sources (id),
    PRIMARY KEY (item_id, ordinal)
) STRICT;
CREATE INDEX item_sources_source ON item_sources (source_id);

-- Bibliographic sources.
CREATE TABLE sources (
    id           TEXT PRIMARY KEY NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    title        TEXT NOT NULL,
    author       TEXT,
    year         ANY,                       -- an integer year or a text such as "1954-1955"
    url          TEXT,
    kind         TEXT NOT NULL,
    language     TEXT,
    note         TEXT,
    accessed_via TEXT
) STRICT;

-- Countries, republics, regions, cities, camps.
CREATE TABLE places (
    id      TEXT PRIMARY KEY NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    name    TEXT NOT NULL,
    kind    TEXT NOT NULL,
    country TEXT REFERENCES places (id),
    parent  TEXT REFERENCES places (id),
    lat     REAL CHECK (lat BETWEEN -90 AND 90),
    lon     REAL CHECK (lon BETWEEN -180 AND 180),
    coordinates_point     TEXT,             -- which point lat/lon is: "capital: Riga", "administrative centre: Tomsk"
    coordinates_source_id TEXT REFERENCES sources (id),  -- the page the coordinates were read on
    note    TEXT,
    CHECK ((lat IS NULL) = (lon IS NULL)),
    CHECK (lat IS NOT NULL OR (coordinates_point IS NULL AND coordinates_source_id IS NULL))
) STRICT;
CREATE INDEX places_kind ON places (kind, id);
CREATE INDEX places_country ON places (country, id);
CREATE INDEX places_parent ON places (parent, id);
CREATE INDEX places_coordinates_source ON places (coordinates_source_id);

-- Commissariats, ministries, committees, legislatures.
CREATE TABLE institutions (
    id                TEXT PRIMARY KEY NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    name              TEXT NOT NULL,
    abbreviation      TEXT,
    native_name       TEXT,
    kind              TEXT NOT NULL,
    founded           TEXT,
    founded_earliest  INTEGER,
    founded_latest    INTEGER,
    founded_note      TEXT,
    dissolved         TEXT,
    dissolved_earliest INTEGER,
    dissolved_latest  INTEGER,
    dissolved_note    TEXT,
    parent            TEXT REFERENCES institutions (id),
    predecessor       TEXT REFERENCES institutions (id),
    successor         TEXT REFERENCES institutions (id),
    summary           TEXT NOT NULL
) STRICT;
CREATE INDEX institutions_kind ON institutions (kind, id);
CREATE INDEX institutions_parent ON institutions (parent);
CREATE INDEX institutions_predecessor ON institutions (predecessor);
CREATE INDEX institutions_successor ON institutions (successor);

-- The periods an institution existed in, where it existed more than once (the NKGB).
CREATE TABLE institution_periods (
    institution_id TEXT NOT NULL REFERENCES institutions (id) ON DELETE CASCADE,
    ordinal        INTEGER NOT NULL,
    edtf           TEXT NOT NULL,
    earliest       INTEGER,
    latest         INTEGER,
    note           TEXT,
    PRIMARY KEY (institution_id, ordinal)
) STRICT;

-- Contested founding and dissolution dates, each with its source.
CREATE TABLE institution_date_claims (
    institution_id TEXT NOT NULL REFERENCES institutions (id) ON DELETE CASCADE,
    event          TEXT NOT NULL CHECK (event IN ('founded', 'dissolved')),
    ordinal        INTEGER NOT NULL,
    edtf           TEXT NOT NULL,
    earliest       INTEGER,
    latest         INTEGER,
    source_id      TEXT NOT NULL REFERENCES sources (id),
    status         TEXT,
    note           TEXT,
    PRIMARY KEY (institution_id, event, ordinal)
) STRICT;
CREATE INDEX institution_date_claims_source ON institution_date_claims (source_id);

-- Signatories and other actors.
CREATE TABLE persons (
    id          TEXT PRIMARY KEY NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    native_name TEXT,
    summary     TEXT NOT NULL
) STRICT;

-- Birth and death: the accepted value, its place, and a note.
CREATE TABLE person_life_events (
    person_id  TEXT NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
    event      TEXT NOT NULL CHECK (event IN ('born', 'died')),
    edtf       TEXT,
    earliest   INTEGER,
    latest     INTEGER,
    place      TEXT REFERENCES places (id),
    place_name TEXT,
    note       TEXT,
    PRIMARY KEY (person_id, event)
) STRICT;
CREATE INDEX person_life_events_place ON person_life_events (place);

-- Contested birth and death dates, each with its source.
CREATE TABLE person_date_claims (
    person_id TEXT NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
    event     TEXT NOT NULL CHECK (event IN ('born', 'died')),
    ordinal   INTEGER NOT NULL,
    edtf      TEXT NOT NULL,
    earliest  INTEGER,
    latest    INTEGER,
    source_id TEXT NOT NULL REFERENCES sources (id),
    note      TEXT,
    PRIMARY KEY (person_id, event, ordinal)
) STRICT;
CREATE INDEX person_date_claims_source ON person_date_claims (source_id);

-- Posts held: from/to where known, or a day on which the post is attested.
CREATE TABLE positions (
    person_id        TEXT NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
    ordinal          INTEGER NOT NULL,
    institution_id   TEXT REFERENCES institutions (id),
    institution_name TEXT,
    title            TEXT NOT NULL,
    from_edtf        TEXT,
    from_earliest    INTEGER,
    from_latest      INTEGER,
    to_edtf          TEXT,
    to_earliest      INTEGER,
    to_latest        INTEGER,
    attested         TEXT,
    attested_earliest INTEGER,
    attested_latest  INTEGER,
    note             TEXT,
    PRIMARY KEY (person_id, ordinal)
) STRICT;
CREATE INDEX positions_institution ON positions (institution_id, person_id);

CREATE TABLE position_sources (
    person_id        TEXT NOT NULL,
    position_ordinal INTEGER NOT NULL,
    ordinal          INTEGER NOT NULL,
    source_id        TEXT NOT NULL REFERENCES sources (id),
    PRIMARY KEY (person_id, position_ordinal, ordinal),
    FOREIGN KEY (person_id, position_ordinal) REFERENCES positions (person_id, ordinal) ON DELETE CASCADE
) STRICT;
CREATE INDEX position_sources_source ON position_sources (source_id);

-- Orders, instructions, decrees, reports, protocols.
CREATE TABLE documents (
    id             TEXT PRIMARY KEY NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    title          TEXT NOT NULL,
    native_title   TEXT,
    number         TEXT,
    kind           TEXT NOT NULL,
    classification TEXT,
    language       TEXT,
    undated        INTEGER NOT NULL CHECK (undated IN (0, 1)),
    stated_date    TEXT,
    date_edtf      TEXT,
    date_earliest  INTEGER,
    date_latest    INTEGER,
    date_note      TEXT,
    issuer         TEXT REFERENCES institutions (id),
    issuer_name    TEXT,
    place_of_issue TEXT REFERENCES places (id),
    summary        TEXT NOT NULL,
    notes          TEXT
) STRICT;
CREATE INDEX documents_kind ON documents (kind, id);
CREATE INDEX documents_issuer ON documents (issuer, id);
CREATE INDEX documents_place_of_issue ON documents (place_of_issue);

-- Institutions that issued a document together with its issuer.
CREATE TABLE document_co_issuers (
    document_id    TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    ordinal        INTEGER NOT NULL,
    institution_id TEXT NOT NULL REFERENCES institutions (id),
    PRIMARY KEY (document_id, ordinal)
) STRICT;
CREATE INDEX document_co_issuers_institution ON document_co_issuers (institution_id);

-- Contested issuers (by name), each with its source.
CREATE TABLE document_issuer_claims (
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    ordinal     INTEGER NOT NULL,
    issuer_name TEXT NOT NULL,
    source_id   TEXT NOT NULL REFERENCES sources (id),
    note        TEXT,
    PRIMARY KEY (document_id, ordinal)
) STRICT;
CREATE INDEX document_issuer_claims_source ON document_issuer_claims (source_id);

-- Every date claimed for a document, with its status and the reason.
CREATE TABLE document_dating_claims (
    document_id            TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    ordinal                INTEGER NOT NULL,
    edtf                   TEXT NOT NULL,
    earliest               INTEGER,
    latest                 INTEGER,
    claimed_by             TEXT NOT NULL REFERENCES sources (id),
    claimed_by_description TEXT,
    status                 TEXT NOT NULL CHECK (status IN ('accepted', 'disputed', 'refuted')),
    reason                 TEXT,
    PRIMARY KEY (document_id, ordinal)
) STRICT;
CREATE INDEX document_dating_claims_source ON document_dating_claims (claimed_by);

-- Signatories modelled as persons, with their role and its institution at signing.
CREATE TABLE document_signatories (
    document_id     TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    ordinal         INTEGER NOT NULL,
    person_id       TEXT NOT NULL REFERENCES persons (id),
    role_at_signing TEXT NOT NULL,
    institution_id  TEXT REFERENCES institutions (id),
    PRIMARY KEY (document_id, ordinal)
) STRICT;
CREATE INDEX document_signatories_person ON document_signatories (person_id, document_id);
CREATE INDEX document_signatories_institution ON document_signatories (institution_id);

-- Signatories known by name only.
CREATE TABLE document_other_signatories (
    document_id     TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    ordinal         INTEGER NOT NULL,
    name            TEXT NOT NULL,
    role_at_signing TEXT,
    note            TEXT,
    PRIMARY KEY (document_id, ordinal)
) STRICT;

-- Persons a document names (not as signatories).
CREATE TABLE document_named_persons (
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    ordinal     INTEGER NOT NULL,
    person_id   TEXT NOT NULL REFERENCES persons (id),
    role        TEXT,
    source_id   TEXT REFERENCES sources (id),
    PRIMARY KEY (document_id, ordinal)
) STRICT;
CREATE INDEX document_named_persons_person ON document_named_persons (person_id);
CREATE INDEX document_named_persons_source ON document_named_persons (source_id);

-- Copies of a document and when they were received.
CREATE TABLE document_copies (
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    ordinal     INTEGER NOT NULL,
    place       TEXT REFERENCES places (id),
    received    TEXT,
    received_earliest INTEGER,
    received_latest   INTEGER,
    note        TEXT,
    source_id   TEXT NOT NULL REFERENCES sources (id),
    PRIMARY KEY (document_id, ordinal)
) STRICT;
CREATE INDEX document_copies_place ON document_copies (place);
CREATE INDEX document_copies_source ON document_copies (source_id);

-- Printings of a document: in another document of the archive, or in a source.
CREATE TABLE document_publications (
    document_id    TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    ordinal        INTEGER NOT NULL,
    in_document    TEXT REFERENCES documents (id),
    year           TEXT,
    heading        TEXT,
    note           TEXT,
    source_id      TEXT NOT NULL REFERENCES sources (id),
    PRIMARY KEY (document_id, ordinal)
) STRICT;
CREATE INDEX document_publications_in_document ON document_publications (in_document);
CREATE INDEX document_publications_source ON document_publications (source_id);

-- Deportation operations and other dated events.
CREATE TABLE events (
    id                  TEXT PRIMARY KEY NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    name                TEXT NOT NULL,
    kind                TEXT NOT NULL,
    operation_code_name TEXT,
    start_edtf          TEXT,
    start_earliest      INTEGER,
    start_latest        INTEGER,
    end_edtf            TEXT,
    end_earliest        INTEGER,
    end_latest          INTEGER,
    date_note           TEXT,
    summary             TEXT NOT NULL
) STRICT;

-- Where an event happened (countries and regions) and where its deportees were sent.
CREATE TABLE event_places (
    event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    role     TEXT NOT NULL CHECK (role IN ('country', 'region', 'destination')),
    ordinal  INTEGER NOT NULL,
    place_id TEXT NOT NULL REFERENCES places (id),
    PRIMARY KEY (event_id, role, ordinal)
) STRICT;
CREATE INDEX event_places_place ON event_places (place_id, event_id);

-- Documents that authorised an event, and institutions that carried it out.
CREATE TABLE event_documents (
    event_id    TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    ordinal     INTEGER NOT NULL,
    document_id TEXT NOT NULL REFERENCES documents (id),
    PRIMARY KEY (event_id, ordinal)
) STRICT;
CREATE INDEX event_documents_document ON event_documents (document_id, event_id);

CREATE TABLE event_institutions (
    event_id       TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    ordinal        INTEGER NOT NULL,
    institution_id TEXT NOT NULL REFERENCES institutions (id),
    PRIMARY KEY (event_id, ordinal)
) STRICT;
CREATE INDEX event_institutions_institution ON event_institutions (institution_id);

-- Numbers of deportees, deaths and arrivals per destination: every estimate with its source.
CREATE TABLE event_estimates (
    event_id  TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    measure   TEXT NOT NULL CHECK (measure IN ('deported', 'deaths', 'destination')),
    ordinal   INTEGER NOT NULL,
    place     TEXT REFERENCES places (id),  -- NULL: the total
    count     ANY,                           -- an integer, or a fraction for percentages
    low       INTEGER,
    high      INTEGER,
    unit      TEXT NOT NULL,
    basis     TEXT,
    qualifier TEXT,
    note      TEXT,
    source_id TEXT NOT NULL REFERENCES sources (id),
    PRIMARY KEY (event_id, measure, ordinal),
    CHECK (count IS NOT NULL OR low IS NOT NULL OR high IS NOT NULL)
) STRICT;
CREATE INDEX event_estimates_source ON event_estimates (source_id);
CREATE INDEX event_estimates_place ON event_estimates (place);

-- Typed relations between items (confused_with, published_in, authorizes, ...).
CREATE TABLE relations (
    ordinal   INTEGER PRIMARY KEY,
    from_id   TEXT NOT NULL REFERENCES items (id),
    to_id     TEXT NOT NULL REFERENCES items (id),
    type      TEXT NOT NULL CHECK (type GLOB '[a-z]*' AND type NOT GLOB '*[^a-z_]*'),
    note      TEXT,
    source_id TEXT NOT NULL REFERENCES sources (id),
    UNIQUE (from_id, type, to_id)
) STRICT;
CREATE INDEX relations_to ON relations (to_id, type);
CREATE INDEX relations_source ON relations (source_id);

-- Full-text index over titles, names, alternative and native names, numbers and summaries.
-- Filled by the store whenever an item is written (external content would need triggers
-- across several tables; a contentless-delete index is not available before SQLite 3.43).
CREATE VIRTUAL TABLE search_index USING fts5 (
    label,          -- title or name, and the id
    names,          -- alternative, native and abbreviated names, the number, operation code name
    body,           -- summary and notes
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);

-- Every version of every item, written by curators or by an import: nothing is ever lost. One row
-- per change, so this table is also the changes feed (`sequence` is its keyset: an import makes
-- many changes at one data revision). The newest row of an id that is no longer in `items` is its
-- `delete`: the tombstone that answers 410 and that refuses to create the id again.
CREATE TABLE revisions (
    sequence  INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused, even after `import --replace`
    item_id   TEXT NOT NULL,
    type      TEXT NOT NULL CHECK (type IN ('document', 'person', 'institution', 'event', 'place', 'source')),
    revision  INTEGER NOT NULL CHECK (revision >= 1),  -- the data revision of the write
    action    TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete', 'restore')),
    at        TEXT NOT NULL,                  -- UTC time, RFC 3339
    curator   TEXT NOT NULL,
    summary   TEXT,
    body      TEXT,                           -- the item in the import format, compact; NULL for a delete
    CHECK ((body IS NULL) = (action = 'delete')),
    UNIQUE (item_id, revision)
) STRICT;
CREATE INDEX revisions_revision ON revisions (revision, sequence);

-- The timeline (Sources/Store/Query/Timeline.swift): one row per dated fact of an item (a
-- document's date, a copy's received-stamp, an event, an institution founded, dissolved or active,
-- a person born or died, a post taken up, left or attested), rewritten whenever the item is written.
-- Open or unknown bounds are sentinels (earliest -4000000000000, latest 4000000000000), so that
-- the order and the window filter are range scans of one index; the label is the subject's own
-- data, the name of `related_id` (a copy's place) is joined in when read.
CREATE TABLE timeline_entries (
    earliest     INTEGER NOT NULL,
    latest       INTEGER NOT NULL,
    kind         TEXT NOT NULL,
    subject_id   TEXT NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    ordinal      INTEGER NOT NULL,
    subject_type TEXT NOT NULL,
    edtf         TEXT NOT NULL,
    label        TEXT NOT NULL,
    related_id   TEXT,
    PRIMARY KEY (subject_id, kind, ordinal)
) STRICT;
CREATE INDEX timeline_entries_order ON timeline_entries (earliest, latest, kind, subject_id, ordinal);

-- Replication (docs/deploy.md): the changeset of every committed write, recorded by SQLite's
-- session extension in the write's own transaction, keyed by the data revision it produced.
-- Replicas pull these in order (GET /v1/replication/changes) and apply them; a revision with no
-- row here (an `archive-server import` from the command line) makes them take a new snapshot.
CREATE TABLE changesets (
    revision  INTEGER PRIMARY KEY,
    changeset BLOB NOT NULL
) STRICT;

-- Every item's full JSON as `GET /v1/<collection>/<id>` serves it (compact) with its strong ETag,
-- and for a document its dating analysis (`GET /v1/documents/<id>/dating`): rendered inside the
-- transaction of every write that changes them (Sources/Store/Rendering), so that a read is one
-- lookup. `embeds` lists, space-separated, the other items the renderings show (reference objects).
CREATE TABLE rendered_items (
    item_id     TEXT PRIMARY KEY,
    type        TEXT NOT NULL,
    body        BLOB NOT NULL,
    etag        TEXT NOT NULL,
    dating      BLOB,
    dating_etag TEXT,
    embeds      TEXT NOT NULL
) STRICT;
-- The reverse of `embeds`: the items whose renderings show `embedded_id`, which a write of it renders again.
CREATE TABLE rendered_embeds (
    embedded_id TEXT NOT NULL,
    item_id     TEXT NOT NULL,
    PRIMARY KEY (embedded_id, item_id)
) STRICT, WITHOUT ROWID;

-- The counts of the unfiltered lists and of their facets (Sources/Store/Query/FacetCounts.swift):
-- kept by every write in its own transaction, rebuilt whole by an import or a migration, so that a
-- list's `total` and `facets=` without a filter read a few rows instead of counting the collection.
CREATE TABLE collection_counts (
    type  TEXT PRIMARY KEY NOT NULL,
    items INTEGER NOT NULL CHECK (items > 0)
) STRICT;
-- `items` is the number of distinct items of `type` with `value` for the facet `facet`.
CREATE TABLE facet_counts (
    type  TEXT NOT NULL,
    facet TEXT NOT NULL,
    value ANY NOT NULL,
    items INTEGER NOT NULL CHECK (items > 0),
    PRIMARY KEY (type, facet, value)
) STRICT, WITHOUT ROWID;
CREATE INDEX facet_counts_order ON facet_counts (type, facet, items DESC, value);

PRAGMA user_version = 5;
