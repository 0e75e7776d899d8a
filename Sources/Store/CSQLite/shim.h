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

/// sqlite3_db_config is variadic, which Swift cannot call: one fixed-arity wrapper
/// for the (int, int*) options such as SQLITE_DBCONFIG_DEFENSIVE.
static inline int archive_sqlite3_db_config_int(sqlite3 *db, int op, int value, int *result) {
    return sqlite3_db_config(db, op, value, result);
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

#endif
