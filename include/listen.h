/*
 * listen.h — the listen address of both servers (`praktijktoets serve` and
 * `praktijktoets-central serve`): one parser, so both read --listen alike.
 */
#ifndef PT_LISTEN_H
#define PT_LISTEN_H

#include <stdbool.h>

#include <sys/socket.h>

/* "ADDR:PORT" — an IPv4 address, "[IPv6]" or "localhost", and a port
 * 0–65535 written without sign or leading zero (0: any free port).
 * Returns true and fills *addr and *len. */
bool pt_parse_listen(const char *s, struct sockaddr_storage *addr, socklen_t *len);

#endif
