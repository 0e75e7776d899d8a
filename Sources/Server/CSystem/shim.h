#ifndef ARCHIVE_CSYSTEM_SHIM_H
#define ARCHIVE_CSYSTEM_SHIM_H
/* Linux calls the Glibc module does not export: epoll and eventfd live in headers outside it,
   and accept4 / pthread_setname_np are declared only under _GNU_SOURCE. Declared here from the
   real headers (and with glibc's own prototypes), so the compiler checks every call. */
#include <stdint.h>
#include <pthread.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>

extern int accept4(int fd, struct sockaddr *address, socklen_t *length, int flags);
extern int pthread_setname_np(pthread_t thread, const char *name);

/* struct epoll_event is packed on x86_64; fill and read it in C so Swift never guesses its layout. */
static inline int archive_epoll_ctl(int epfd, int op, int fd, uint32_t events, uint64_t token) {
    struct epoll_event event;
    event.events = events;
    event.data.u64 = token;
    return epoll_ctl(epfd, op, fd, &event);
}

static inline size_t archive_epoll_event_size(void) { return sizeof(struct epoll_event); }

static inline void archive_epoll_event_at(const void *events, int index, uint32_t *mask, uint64_t *token) {
    const struct epoll_event *event = (const struct epoll_event *)events + index;
    *mask = event->events;
    *token = event->data.u64;
}
#endif
