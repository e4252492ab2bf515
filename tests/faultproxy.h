/* faultproxy.h — an HTTP proxy on loopback that injects faults between the
 * client and the real receiver, for the submission tests.
 *
 * The plan is a comma-separated list of what to do with successive
 * connections (one request each; the proxy always closes after answering):
 *   ok       forward to the receiver and pass its answer on
 *   500      answer 500 itself
 *   503      answer 503 with "Retry-After: 1"
 *   503date  answer 503 with Retry-After as an HTTP date one second ahead
 *   429      answer 429 with "Retry-After: 1"
 *   307      answer 307 with Location: https://elders.example/v1/results
 *   drop     forward (the receiver stores it), then pass on only part of
 *            the answer and cut the connection
 *   reset    close the connection before reading the request
 *   hang     read the request and never answer (until the client gives up)
 *   huge     answer 201 with a 4 MiB body (beyond the client's limit)
 *   random:P from here on, each connection gets a random fault with
 *            probability P percent (seeded), else ok
 * After the plan, every connection is ok.
 */
#ifndef PT_FAULTPROXY_H
#define PT_FAULTPROXY_H

#include <sys/types.h>

/* Starts the proxy in a child process; returns its pid and sets *port. */
pid_t fp_start(int upstream_port, const char *plan, unsigned seed, int *port);
/* Stops it (SIGTERM, then waits). */
void fp_stop(pid_t pid);

#endif
