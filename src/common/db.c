/*
 * db.c — opening an SQLite database and upgrading its schema, the same way
 * for both programs. See db.h.
 */
#include "db.h"

#include <stdio.h>
#include <string.h>

const char *pt_db_text(sqlite3 *db, int rc)
{
    if (db)
        rc = sqlite3_extended_errcode(db);
    switch (rc) {
    case SQLITE_BUSY: case SQLITE_BUSY_SNAPSHOT: case SQLITE_BUSY_RECOVERY:
        return "de database is bezet door een ander proces (later opnieuw proberen)";
    case SQLITE_LOCKED: return "de database is vergrendeld";
    case SQLITE_READONLY: case SQLITE_READONLY_DBMOVED: case SQLITE_READONLY_RECOVERY:
    case SQLITE_READONLY_CANTLOCK: case SQLITE_READONLY_ROLLBACK:
        return "de database kan alleen worden gelezen (rechten van het bestand of de map?)";
    case SQLITE_NOTADB: return "dit bestand is geen database";
    case SQLITE_CORRUPT: case SQLITE_CORRUPT_INDEX: case SQLITE_CORRUPT_SEQUENCE:
    case SQLITE_CORRUPT_VTAB:
        return "de database is beschadigd";
    case SQLITE_FULL: return "de schijf is vol";
    case SQLITE_CANTOPEN: case SQLITE_CANTOPEN_ISDIR: case SQLITE_CANTOPEN_FULLPATH:
        return "het bestand kan niet worden geopend (bestaat de map, zijn de rechten goed?)";
    case SQLITE_IOERR: case SQLITE_IOERR_READ: case SQLITE_IOERR_WRITE:
    case SQLITE_IOERR_FSYNC: case SQLITE_IOERR_SHORT_READ:
        return "lees- of schrijffout van de schijf";
    case SQLITE_PERM: case SQLITE_AUTH: return "geen toegang tot de database";
    case SQLITE_NOMEM: return "onvoldoende geheugen";
    case SQLITE_CONSTRAINT: case SQLITE_CONSTRAINT_FOREIGNKEY: case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY: case SQLITE_CONSTRAINT_CHECK:
    case SQLITE_CONSTRAINT_NOTNULL:
        return "de gegevens passen niet bij de regels van de database";
    case SQLITE_TOOBIG: return "een waarde is te groot voor de database";
    case SQLITE_SCHEMA: return "het schema van de database veranderde tijdens het werk";
    case SQLITE_ERROR: return "de database gaf een fout (schema of opdracht)";
    default: return "onbekende databasefout";
    }
}

static enum pt_status exec(sqlite3 *db, const char *path, const char *sql,
                           struct pt_error *err)
{
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        pt_error_set(err, "%s: database: %s", path, pt_db_text(db, 0));
        sqlite3_free(msg);
        return PT_FAILED;
    }
    return PT_OK;
}

static void rollback(sqlite3 *db)
{
    if (!sqlite3_get_autocommit(db))
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
}

static int user_version(sqlite3 *db, long *v)
{
    sqlite3_stmt *st = NULL;
    int rc = -1;
    if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW) {
        *v = sqlite3_column_int(st, 0);
        rc = 0;
    }
    sqlite3_finalize(st);
    return rc;
}

enum pt_status pt_db_open(const char *path, unsigned flags, sqlite3 **out,
                          struct pt_error *err)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    bool require_wal = flags & PT_DB_REQUIRE_WAL;
    *out = NULL;
    int rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE |
                             (flags & PT_DB_NO_CREATE ? 0 : SQLITE_OPEN_CREATE) |
                             (flags & PT_DB_ONE_THREAD ? SQLITE_OPEN_NOMUTEX : 0), NULL);
    if (rc != SQLITE_OK) {
        pt_error_set(err, "%s: database kan niet worden geopend: %s", path,
                 pt_db_text(db, rc));
        goto fail;
    }
    sqlite3_extended_result_codes(db, 1);
    sqlite3_busy_timeout(db, 5000);
    sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
    sqlite3_db_config(db, SQLITE_DBCONFIG_DQS_DML, 0, NULL);
    sqlite3_db_config(db, SQLITE_DBCONFIG_DQS_DDL, 0, NULL);
    if (exec(db, path, "PRAGMA foreign_keys = ON", err) != PT_OK)
        goto fail;
    /* journal_mode answers with the mode it ended up in. */
    if (sqlite3_prepare_v2(db, "PRAGMA journal_mode = WAL", -1, &st, NULL) != SQLITE_OK ||
        sqlite3_step(st) != SQLITE_ROW) {
        pt_error_set(err, "%s: database: %s", path, pt_db_text(db, 0));
        goto fail;
    }
    const unsigned char *mode = sqlite3_column_text(st, 0);
    if (require_wal && (!mode || strcmp((const char *)mode, "wal") != 0)) {
        pt_error_set(err, "%s: WAL-modus niet beschikbaar (netwerkschijf?)", path);
        goto fail;
    }
    sqlite3_finalize(st);
    st = NULL;
    if (exec(db, path, "PRAGMA synchronous = FULL", err) != PT_OK)
        goto fail;
    *out = db;
    return PT_OK;
fail:
    sqlite3_finalize(st);
    sqlite3_close(db);
    return PT_FAILED;
}

enum pt_status pt_db_migrate(sqlite3 *db, const char *path, const char *program,
                             const char *const *migrations, size_t n,
                             struct pt_error *err)
{
    long v = 0;
    if (user_version(db, &v) != 0) {
        pt_error_set(err, "%s: geen database van %s (%s)", path, program,
                 pt_db_text(db, 0));
        return PT_FAILED;
    }
    if (v > (long)n) {
        pt_error_set(err, "%s: de database heeft schemaversie %ld, deze %s kent er "
                 "maar %zu; gebruik een nieuwere versie", path, v, program, n);
        return PT_FAILED;
    }
    while (v < (long)n) {
        char sql[64];
        long now = 0;
        if (exec(db, path, "BEGIN IMMEDIATE", err) != PT_OK)
            return PT_FAILED;
        /* Another process may have migrated while we waited for the lock. */
        if (user_version(db, &now) != 0 || now != v) {
            rollback(db);
            if (user_version(db, &v) != 0) {
                pt_error_set(err, "%s: database (user_version): %s", path,
                         pt_db_text(db, 0));
                return PT_FAILED;
            }
            continue;
        }
        snprintf(sql, sizeof sql, "PRAGMA user_version = %ld", v + 1);
        if (exec(db, path, migrations[v], err) != PT_OK ||
            exec(db, path, sql, err) != PT_OK ||
            exec(db, path, "COMMIT", err) != PT_OK) {
            rollback(db);
            return PT_FAILED;
        }
        v++;
    }
    return PT_OK;
}
