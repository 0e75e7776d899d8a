#ifndef ARCHIVE_RANDOM_MAP_VFS_H
#define ARCHIVE_RANDOM_MAP_VFS_H
// A VFS that is the default one ("unix") except that every memory map SQLite makes of a database
// file (PRAGMA mmap_size) is advised MADV_RANDOM. Without it, each page fault on a page not in the
// OS page cache makes Linux read the device's whole read-ahead window around the page
// (read_ahead_kb: 8 MiB on the bench machine's disk, so a by-id lookup of ~8 pages read ~20 MiB,
// and a first answer after a cold start waited for it). B-tree lookups are random reads: with
// the advice a fault reads the page it needs. SQLite offers no hook for this (os_unix.c maps with
// plain mmap/mremap), so the file methods are forwarded, with xFetch advising a new mapping.
#include <sqlite3.h>
#include <stddef.h>
#include <sys/mman.h>

#define ARCHIVE_RANDOM_MAP_VFS_NAME "archive-random-map"

typedef struct {
    sqlite3_file base;                 // pMethods: one of the forwarding tables below
    const sqlite3_io_methods *real;    // the default VFS's methods for `file`
    void *advised;                     // the mapping last advised (NULL: none yet, or remapped since)
    sqlite3_file file[];               // the default VFS's file object (its szOsFile bytes)
} archive_random_map_file;

#define ARCHIVE_REAL(f) (((archive_random_map_file *)(f))->real)
#define ARCHIVE_INNER(f) (((archive_random_map_file *)(f))->file)

static int archive_rm_close(sqlite3_file *f) { return ARCHIVE_REAL(f)->xClose(ARCHIVE_INNER(f)); }
static int archive_rm_read(sqlite3_file *f, void *b, int n, sqlite3_int64 o) { return ARCHIVE_REAL(f)->xRead(ARCHIVE_INNER(f), b, n, o); }
static int archive_rm_write(sqlite3_file *f, const void *b, int n, sqlite3_int64 o) { return ARCHIVE_REAL(f)->xWrite(ARCHIVE_INNER(f), b, n, o); }
static int archive_rm_truncate(sqlite3_file *f, sqlite3_int64 size) { return ARCHIVE_REAL(f)->xTruncate(ARCHIVE_INNER(f), size); }
static int archive_rm_sync(sqlite3_file *f, int flags) { return ARCHIVE_REAL(f)->xSync(ARCHIVE_INNER(f), flags); }
static int archive_rm_file_size(sqlite3_file *f, sqlite3_int64 *size) { return ARCHIVE_REAL(f)->xFileSize(ARCHIVE_INNER(f), size); }
static int archive_rm_lock(sqlite3_file *f, int level) { return ARCHIVE_REAL(f)->xLock(ARCHIVE_INNER(f), level); }
static int archive_rm_unlock(sqlite3_file *f, int level) { return ARCHIVE_REAL(f)->xUnlock(ARCHIVE_INNER(f), level); }
static int archive_rm_check_reserved(sqlite3_file *f, int *out) { return ARCHIVE_REAL(f)->xCheckReservedLock(ARCHIVE_INNER(f), out); }
static int archive_rm_sector_size(sqlite3_file *f) { return ARCHIVE_REAL(f)->xSectorSize(ARCHIVE_INNER(f)); }
static int archive_rm_device_characteristics(sqlite3_file *f) { return ARCHIVE_REAL(f)->xDeviceCharacteristics(ARCHIVE_INNER(f)); }
static int archive_rm_shm_map(sqlite3_file *f, int region, int size, int extend, void volatile **p) { return ARCHIVE_REAL(f)->xShmMap(ARCHIVE_INNER(f), region, size, extend, p); }
static int archive_rm_shm_lock(sqlite3_file *f, int offset, int n, int flags) { return ARCHIVE_REAL(f)->xShmLock(ARCHIVE_INNER(f), offset, n, flags); }
static void archive_rm_shm_barrier(sqlite3_file *f) { ARCHIVE_REAL(f)->xShmBarrier(ARCHIVE_INNER(f)); }
static int archive_rm_shm_unmap(sqlite3_file *f, int deleteFlag) { return ARCHIVE_REAL(f)->xShmUnmap(ARCHIVE_INNER(f), deleteFlag); }

static int archive_rm_file_control(sqlite3_file *f, int op, void *arg) {
    int rc = ARCHIVE_REAL(f)->xFileControl(ARCHIVE_INNER(f), op, arg);
    // A new limit remaps the file at once.
    if (op == SQLITE_FCNTL_MMAP_SIZE) ((archive_random_map_file *)f)->advised = NULL;
    return rc;
}

static int archive_rm_fetch(sqlite3_file *f, sqlite3_int64 offset, int amount, void **p) {
    archive_random_map_file *file = (archive_random_map_file *)f;
    int rc = file->real->xFetch(file->file, offset, amount, p);
    if (rc != SQLITE_OK || *p == NULL) return rc;
    char *mapping = (char *)*p - offset;  // os_unix.c hands out pointers into one mapping of the file from offset 0
    if (mapping != file->advised) {
        // os_unix.c maps min(file size, mmap limit) bytes; asking for the limit only reads it.
        sqlite3_int64 size = 0, limit = -1;
        if (file->real->xFileSize(file->file, &size) == SQLITE_OK
            && file->real->xFileControl(file->file, SQLITE_FCNTL_MMAP_SIZE, &limit) == SQLITE_OK && size > 0) {
            if (limit >= 0 && limit < size) size = limit;
            // Advice only; a failure leaves the kernel's default read-ahead.
            (void)madvise(mapping, (size_t)size, MADV_RANDOM);
        }
        file->advised = mapping;
    }
    return rc;
}

static int archive_rm_unfetch(sqlite3_file *f, sqlite3_int64 offset, void *p) {
    archive_random_map_file *file = (archive_random_map_file *)f;
    int rc = file->real->xUnfetch(file->file, offset, p);
    // Without a page, SQLite asks to unmap the whole file (the next fetch maps it anew).
    if (p == NULL) file->advised = NULL;
    return rc;
}

#define ARCHIVE_RM_CORE \
    archive_rm_close, archive_rm_read, archive_rm_write, archive_rm_truncate, archive_rm_sync, \
    archive_rm_file_size, archive_rm_lock, archive_rm_unlock, archive_rm_check_reserved, \
    archive_rm_file_control, archive_rm_sector_size, archive_rm_device_characteristics

// One table per shape of the default VFS's tables: with shared memory and mmap (posix locking),
// mmap without shared memory (nolock, immutable=1), shared memory without mmap, neither.
static const sqlite3_io_methods archive_rm_methods_shm = {
    3, ARCHIVE_RM_CORE, archive_rm_shm_map, archive_rm_shm_lock, archive_rm_shm_barrier, archive_rm_shm_unmap,
    archive_rm_fetch, archive_rm_unfetch};
static const sqlite3_io_methods archive_rm_methods_no_shm = {
    3, ARCHIVE_RM_CORE, NULL, NULL, NULL, NULL, archive_rm_fetch, archive_rm_unfetch};
static const sqlite3_io_methods archive_rm_methods_shm_v2 = {
    2, ARCHIVE_RM_CORE, archive_rm_shm_map, archive_rm_shm_lock, archive_rm_shm_barrier, archive_rm_shm_unmap, NULL, NULL};
static const sqlite3_io_methods archive_rm_methods_v1 = {1, ARCHIVE_RM_CORE, NULL, NULL, NULL, NULL, NULL, NULL};

static int archive_rm_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *f, int flags, int *outFlags) {
    sqlite3_vfs *real = (sqlite3_vfs *)vfs->pAppData;
    archive_random_map_file *file = (archive_random_map_file *)f;
    file->base.pMethods = NULL;
    file->real = NULL;
    file->advised = NULL;
    int rc = real->xOpen(real, name, file->file, flags, outFlags);
    const sqlite3_io_methods *methods = file->file->pMethods;
    // Only a file whose open succeeded is closed through pMethods (sqlite3OsClose).
    if (methods == NULL) return rc;
    file->real = methods;
    if (methods->iVersion >= 3 && methods->xFetch != NULL) {
        file->base.pMethods = methods->xShmMap != NULL ? &archive_rm_methods_shm : &archive_rm_methods_no_shm;
    } else if (methods->iVersion >= 2 && methods->xShmMap != NULL) {
        file->base.pMethods = &archive_rm_methods_shm_v2;
    } else {
        file->base.pMethods = &archive_rm_methods_v1;
    }
    return rc;
}

static int archive_rm_delete(sqlite3_vfs *v, const char *n, int s) { sqlite3_vfs *r = (sqlite3_vfs *)v->pAppData; return r->xDelete(r, n, s); }
static int archive_rm_access(sqlite3_vfs *v, const char *n, int f, int *o) { sqlite3_vfs *r = (sqlite3_vfs *)v->pAppData; return r->xAccess(r, n, f, o); }
static int archive_rm_full_pathname(sqlite3_vfs *v, const char *n, int size, char *out) { sqlite3_vfs *r = (sqlite3_vfs *)v->pAppData; return r->xFullPathname(r, n, size, out); }
static void *archive_rm_dl_open(sqlite3_vfs *v, const char *n) { sqlite3_vfs *r = (sqlite3_vfs *)v->pAppData; return r->xDlOpen(r, n); }
static void archive_rm_dl_error(sqlite3_vfs *v, int n, char *m) { sqlite3_vfs *r = (sqlite3_vfs *)v->pAppData; r->xDlError(r, n, m); }
static void (*archive_rm_dl_sym(sqlite3_vfs *v, void *h, const char *s))(void) { sqlite3_vfs *r = (sqlite3_vfs *)v->pAppData; return r->xDlSym(r, h, s); }
static void archive_rm_dl_close(sqlite3_vfs *v, void *h) { sqlite3_vfs *r = (sqlite3_vfs *)v->pAppData; r->xDlClose(r, h); }
static int archive_rm_randomness(sqlite3_vfs *v, int n, char *out) { sqlite3_vfs *r = (sqlite3_vfs *)v->pAppData; return r->xRandomness(r, n, out); }
static int archive_rm_sleep(sqlite3_vfs *v, int us) { sqlite3_vfs *r = (sqlite3_vfs *)v->pAppData; return r->xSleep(r, us); }
static int archive_rm_current_time(sqlite3_vfs *v, double *t) { sqlite3_vfs *r = (sqlite3_vfs *)v->pAppData; return r->xCurrentTime(r, t); }
static int archive_rm_last_error(sqlite3_vfs *v, int n, char *m) { sqlite3_vfs *r = (sqlite3_vfs *)v->pAppData; return r->xGetLastError(r, n, m); }
static int archive_rm_current_time_int64(sqlite3_vfs *v, sqlite3_int64 *t) { sqlite3_vfs *r = (sqlite3_vfs *)v->pAppData; return r->xCurrentTimeInt64(r, t); }

/// Registers the VFS (not as the default) over the default one; SQLITE_OK when it is registered.
/// Call it once (Swift's lazy static does) before opening a connection with it.
static inline int archive_register_random_map_vfs(void) {
    static sqlite3_vfs vfs;
    if (sqlite3_vfs_find(ARCHIVE_RANDOM_MAP_VFS_NAME) != NULL) return SQLITE_OK;
    sqlite3_vfs *real = sqlite3_vfs_find(NULL);
    if (real == NULL || real->iVersion < 2) return SQLITE_ERROR;
    vfs.iVersion = 2;
    vfs.szOsFile = (int)(offsetof(archive_random_map_file, file) + (size_t)real->szOsFile);
    vfs.mxPathname = real->mxPathname;
    vfs.zName = ARCHIVE_RANDOM_MAP_VFS_NAME;
    vfs.pAppData = real;
    vfs.xOpen = archive_rm_open;
    vfs.xDelete = archive_rm_delete;
    vfs.xAccess = archive_rm_access;
    vfs.xFullPathname = archive_rm_full_pathname;
    vfs.xDlOpen = archive_rm_dl_open;
    vfs.xDlError = archive_rm_dl_error;
    vfs.xDlSym = archive_rm_dl_sym;
    vfs.xDlClose = archive_rm_dl_close;
    vfs.xRandomness = archive_rm_randomness;
    vfs.xSleep = archive_rm_sleep;
    vfs.xCurrentTime = archive_rm_current_time;
    vfs.xGetLastError = archive_rm_last_error;
    vfs.xCurrentTimeInt64 = archive_rm_current_time_int64;
    return sqlite3_vfs_register(&vfs, 0);
}

#endif
