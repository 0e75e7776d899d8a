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

/// The conflict handler of archive_sqlite3changeset_apply: a replica applies changesets made on
/// a database in exactly its state, so any conflict means the two differ: note its kind and abort.
static int archive_changeset_conflict_abort(void *context, int kind, sqlite3_changeset_iter *iterator) {
    (void)iterator;
    if (context) *(int *)context = kind;
    return SQLITE_CHANGESET_ABORT;
}

/// sqlite3changeset_apply with no table filter and the aborting handler above; `*conflict` is
/// set to the SQLITE_CHANGESET_* kind of the first conflict (left alone when there is none).
static inline int archive_sqlite3changeset_apply(sqlite3 *db, int size, void *changeset, int *conflict) {
    return sqlite3changeset_apply(db, size, changeset, 0, archive_changeset_conflict_abort, conflict);
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
