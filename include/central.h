/*
 * central.h — praktijktoets-central, the central receiver (submission.md,
 * "The central receiver"). Everything of the receiver carries the prefix
 * pc_ and lives in src/central/, one module per concern:
 *
 *   central_main.c       command line: serve, token add|list|revoke
 *   central_http.c       the routes and their handlers
 *   central_server.c     the HTTP/1.1 server: connections, limits, TLS (GnuTLS)
 *   central_head.c       the strict request-head and chunked parser (pure)
 *   central_request.c    pure request helpers: Bearer header, rubric
 *                        parameter, Idempotency-Key, JSON answers
 *   central_validate.c   the body praktijktoets-submission/2 (pure), walked
 *                        along the shared schema (submission_schema.h)
 *   central_store.c      the store: picks a backend, dispatches to its
 *                        operations table (central_store.h)
 *   central_store_sqlite.c  the SQLite backend (a PostgreSQL one is a
 *                        second file with its own ops table)
 *   central_pool.c       the connection pool both backends keep
 *                        (private header src/central/central_pool.h)
 *   central_token.c      token generation (getrandom) and hashing
 *   central_benchmark.c  quartiles and the benchmark answer
 *   sha256.c             SHA-256 (FIPS 180-4)
 *
 * The receiver is not part of libpraktijktoets; it reuses only util.c,
 * model.c, arena.c, db.c and submission_schema.c from it.
 */
#ifndef PC_CENTRAL_H
#define PC_CENTRAL_H

/* The receiver's functions follow the library's error convention
 * (status.h): an enum pt_status (also the exit status, as in cli.md:
 * PT_FAILED for I/O, database and internal errors, PT_USAGE, PT_INVALID for
 * refused input such as an unknown token id) and a struct pt_error. */
#include "status.h"

#define PC_PROGRAM "praktijktoets-central"

/* Identifier: 1–64 of A-Z a-z 0-9 . _ - plus the NUL. */
#define PC_ID_SIZE 65
/* SWV code in stored form "PO 27-01" plus the NUL. */
#define PC_SWV_SIZE 16

#endif
