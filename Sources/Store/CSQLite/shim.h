#ifndef ARCHIVE_CSQLITE_SHIM_H
#define ARCHIVE_CSQLITE_SHIM_H
// sqlite3.h declares the session extension (sqlite3session_*, sqlite3changeset_*) only when
// these are defined; Debian's libsqlite3 is built with both (sqlite3_compileoption_used checks
// it at run time, see Connection+Session.swift).
#ifndef SQLITE_ENABLE_SESSION
#define SQLITE_ENABLE_SESSION 1
#endif
#ifndef SQLITE_ENABLE_PREUPDATE_HOOK
#define SQLITE_ENABLE_PREUPDATE_HOOK 1
#endif
#include <sqlite3.h>
#include <string.h>
#include "random_map_vfs.h"

/// sqlite3_db_config is variadic, which Swift cannot call: one fixed-arity wrapper
/// for the (int, int*) options such as SQLITE_DBCONFIG_DEFENSIVE.
static inline int archive_sqlite3_db_config_int(sqlite3 *db, int op, int value, int *result) {
    return sqlite3_db_config(db, op, value, result);
}

/// sqlite3_config is variadic too: SQLITE_CONFIG_MEMSTATUS off (before the library initialises;
/// SQLITE_MISUSE after), so allocations stop taking the one process-wide memory-statistics mutex.
static inline int archive_sqlite3_config_memstatus(int on) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, on);
}

/// What archive_sqlite3changeset_apply hands its callbacks: the tables to leave out, and the
/// kind of the first conflict.
typedef struct {
    const char *const *excluded;
    int conflict;
} archive_apply_context;

static int archive_session_table_filter(void *context, const char *table);

static int archive_changeset_apply_filter(void *context, const char *table) {
    return archive_session_table_filter((void *)((archive_apply_context *)context)->excluded, table);
}

/// The conflict handler of archive_sqlite3changeset_apply: a replica applies changesets made on
/// a database in exactly its state, so any conflict means the two differ: note its kind and abort.
static int archive_changeset_conflict_abort(void *context, int kind, sqlite3_changeset_iter *iterator) {
    (void)iterator;
    ((archive_apply_context *)context)->conflict = kind;
    return SQLITE_CHANGESET_ABORT;
}

/// sqlite3changeset_apply of every table but those in the NULL-terminated list `excluded`, with
/// the aborting handler above; `*conflict` is set to the SQLITE_CHANGESET_* kind of the first
/// conflict (0 when there is none).
static inline int archive_sqlite3changeset_apply(sqlite3 *db, int size, void *changeset, const char *const *excluded, int *conflict) {
    archive_apply_context context = { excluded, 0 };
    int code = sqlite3changeset_apply(db, size, changeset, archive_changeset_apply_filter, archive_changeset_conflict_abort, &context);
    *conflict = context.conflict;
    return code;
}

/// The table filter of archive_sqlite3session_attach_excluding: every table but those in the
/// NULL-terminated list `context` is recorded.
static int archive_session_table_filter(void *context, const char *table) {
    for (const char *const *name = (const char *const *)context; *name; name++) {
        if (strcmp(*name, table) == 0) return 0;
    }
    return 1;
}

/// Attaches every table of the session's database but those named in `excluded` (a
/// NULL-terminated list that must outlive the session).
static inline int archive_sqlite3session_attach_excluding(sqlite3_session *session, const char *const *excluded) {
    sqlite3session_table_filter(session, archive_session_table_filter, (void *)excluded);
    return sqlite3session_attach(session, 0);
}


static int archive_changeset_count(void *context, const void *data, int size) {
    (void)data;
    *(sqlite3_int64 *)context += size;
    return SQLITE_OK;
}

/// The exact length of the session's changeset, made piece by piece and counted, not kept.
static inline int archive_sqlite3session_changeset_length(sqlite3_session *session, sqlite3_int64 *length) {
    *length = 0;
    return sqlite3session_changeset_strm(session, archive_changeset_count, length);
}

/// Where archive_sqlite3session_changeset_into_blob gathers the pieces of a changeset before
/// writing them into the BLOB.
typedef struct {
    sqlite3 *db;
    const char *table;
    const char *column;
    sqlite3_int64 rowid;
    sqlite3_int64 offset;
    int used;
    unsigned char buffer[256 * 1024];
} archive_changeset_blob_output;

/// Writes what is gathered at its offset. The BLOB is opened for each write and closed again:
/// the session releases a savepoint when it has made the changeset, which an open BLOB handle
/// (an unfinished statement) would make fail.
static int archive_changeset_flush(archive_changeset_blob_output *output) {
    if (output->used == 0) return SQLITE_OK;
    sqlite3_blob *blob = 0;
    int code = sqlite3_blob_open(output->db, "main", output->table, output->column, output->rowid, 1, &blob);
    if (code == SQLITE_OK) code = sqlite3_blob_write(blob, output->buffer, output->used, (int)output->offset);
    int closed = sqlite3_blob_close(blob);
    if (code == SQLITE_OK) code = closed;
    output->offset += output->used;
    output->used = 0;
    return code;
}

static int archive_changeset_gather(void *context, const void *data, int size) {
    archive_changeset_blob_output *output = (archive_changeset_blob_output *)context;
    const unsigned char *bytes = (const unsigned char *)data;
    while (size > 0) {
        int room = (int)sizeof(output->buffer) - output->used;
        int piece = size < room ? size : room;
        memcpy(output->buffer + output->used, bytes, (size_t)piece);
        output->used += piece;
        bytes += piece;
        size -= piece;
        if (output->used == (int)sizeof(output->buffer)) {
            int code = archive_changeset_flush(output);
            if (code != SQLITE_OK) return code;
        }
    }
    return SQLITE_OK;
}

/// Makes the session's changeset piece by piece into the BLOB in `column` of row `rowid` of
/// `table` (a zeroblob as long as archive_sqlite3session_changeset_length said), 256 KiB at a
/// time: the changeset is never held whole. `*written` is the number of bytes written.
static inline int archive_sqlite3session_changeset_into_blob(
    sqlite3_session *session, sqlite3 *db, const char *table, const char *column, sqlite3_int64 rowid, sqlite3_int64 *written
) {
    archive_changeset_blob_output *output = (archive_changeset_blob_output *)sqlite3_malloc(sizeof(archive_changeset_blob_output));
    if (!output) return SQLITE_NOMEM;
    output->db = db;
    output->table = table;
    output->column = column;
    output->rowid = rowid;
    output->offset = 0;
    output->used = 0;
    int code = sqlite3session_changeset_strm(session, archive_changeset_gather, output);
    if (code == SQLITE_OK) code = archive_changeset_flush(output);
    *written = output->offset;
    sqlite3_free(output);
    return code;
}
#endif
