/*
 * hoop-spawner: starts a node's runs. One long-lived process per node, started by the service
 * with a Unix stream socket as its stdin. For each request it clones a child that starts a session
 * of its own (no controlling terminal), joins the run's cgroups, takes the run's pipes as its stdin,
 * stdout and stderr, closes every other descriptor, drops to the run's user and execs the program:
 * one exec per run, none for a wrapper.
 *
 * The child is cloned with CLONE_PARENT, so it is the service's child, not this process's: the
 * service reaps it and watches it through the pidfd (CLONE_PIDFD) sent back with the reply, as it
 * would a program it had started itself. CLONE_VM | CLONE_VFORK make the clone as cheap as
 * posix_spawn's and suspend this process until the child has exec'd or failed, so the reply can
 * carry the child's errno. The child runs on a stack of its own and uses raw system calls for the
 * ids: glibc's setuid would signal every thread of the process whose memory the child shares.
 *
 * When the service goes (its end of the socket closes, however it ended), every run of the node
 * is killed through the node's cgroup, so no run outlives its node, and the node's cgroup
 * directories (argv[2] on) are removed once their processes have left.
 *
 * Request: u32 length of what follows, then u32 flags, uid, gid, group count, cgroup count,
 * argument count, environment count; the groups (u32 each); then NUL-terminated strings: program
 * path, working directory ("" keeps the service's), the cgroup.procs files to join, argv, envp.
 * Two descriptors travel with it: the run's stdin and its output pipe.
 * Reply: i32 errno (0 when the program was exec'd), i32 pid (0 when nothing was cloned), with the
 * pidfd attached whenever pid is not 0; a pid with an errno is a child that exited and must be reaped.
 * A request over MAX_REQUEST is read past and answered E2BIG, pid 0; only the service going ends this.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <time.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef CLONE_PIDFD
#define CLONE_PIDFD 0x00001000
#endif

#define FLAG_SET_IDS 1u
#define HEADER_WORDS 8
#define MAX_REQUEST (64u << 20)

struct request {
    uint32_t flags, uid, gid, ngroups, ncgroups, nargv, nenv;
    uint32_t *groups;
    char *path, *cwd;
    char **cgroups, **argv, **envp;
    char **strings;     /* the table cgroups, argv and envp are parts of, as allocated: what is freed */
    int input_fd, output_fd;
    int child_errno;
};

static char child_stack[256 * 1024] __attribute__((aligned(16)));
static const char *node_cgroup_kill;

static int read_fully(int fd, void *buffer, size_t length)
{
    char *at = buffer;
    while (length > 0) {
        ssize_t got = read(fd, at, length);
        if (got == 0) return -1;
        if (got < 0) { if (errno == EINTR) continue; return -1; }
        at += got;
        length -= (size_t)got;
    }
    return 0;
}

static void write_word(const char *path, const char *word)
{
    int file = open(path, O_WRONLY | O_CLOEXEC);
    if (file >= 0) {
        (void)!write(file, word, strlen(word));
        close(file);
    }
}

/* dup2 again when a signal interrupted it, as dotnet/runtime's pal_process.c does in its child. */
static int dup2_retrying(int from, int to)
{
    int result;
    while ((result = dup2(from, to)) < 0 && errno == EINTR) continue;
    return result;
}

/* Writes "0" to a cgroup.procs file, which moves the writer into that cgroup; 0, or -1 with errno. */
static int join_cgroup(const char *procs)
{
    int file;
    while ((file = open(procs, O_WRONLY | O_CLOEXEC)) < 0 && errno == EINTR) {
    }
    if (file < 0) return -1;
    ssize_t written;
    while ((written = write(file, "0", 1)) < 0 && errno == EINTR) {
    }
    int saved = written < 0 ? errno : EIO;     /* a write of nothing sets no errno of its own */
    close(file);
    errno = saved;
    return written == 1 ? 0 : -1;
}

/* Runs in the child: on any failure it records errno where the parent reads it, and exits. */
static int child_main(void *argument)
{
    struct request *request = argument;
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    /* A session of its own: the service's may have a terminal (started from a shell), which a run
     * there could open as /dev/tty and push input into (TIOCSTI). setsid also makes it the leader
     * of a process group whose id is its pid, as killing a run by its group (kill(-pid)) needs. */
    if (setsid() < 0) goto failed;

    for (uint32_t i = 0; i < request->ncgroups; i++) {
        if (join_cgroup(request->cgroups[i]) != 0) goto failed;
    }

    if (dup2_retrying(request->input_fd, 0) < 0 || dup2_retrying(request->output_fd, 1) < 0 || dup2_retrying(request->output_fd, 2) < 0) goto failed;
    if (syscall(SYS_close_range, 3u, ~0u, 0u) != 0) goto failed;

    if (request->flags & FLAG_SET_IDS) {
        if (syscall(SYS_setgroups, (size_t)request->ngroups, request->groups) != 0) goto failed;
        if (syscall(SYS_setresgid, request->gid, request->gid, request->gid) != 0) goto failed;
        if (syscall(SYS_setresuid, request->uid, request->uid, request->uid) != 0) goto failed;
    }

    if (request->cwd[0] != '\0' && chdir(request->cwd) != 0) goto failed;
    execve(request->path, request->argv, request->envp);

failed:
    request->child_errno = errno ? errno : EINVAL;
    _exit(127);
}

static int parse(char *body, size_t length, struct request *request)
{
    uint32_t *words = (uint32_t *)body;
    if (length < HEADER_WORDS * 4) return -1;
    request->flags = words[0]; request->uid = words[1]; request->gid = words[2];
    request->ngroups = words[3]; request->ncgroups = words[4]; request->nargv = words[5]; request->nenv = words[6];
    if (request->ngroups > 65536 || request->nargv == 0) return -1;
    size_t offset = HEADER_WORDS * 4 + (size_t)request->ngroups * 4;
    if (offset > length) return -1;
    request->groups = words + HEADER_WORDS;

    size_t strings = 2 + (size_t)request->ncgroups + request->nargv + request->nenv;
    char **all = calloc(strings + 2, sizeof(char *));
    if (all == NULL) return -1;
    for (size_t i = 0; i < strings; i++) {
        char *end = memchr(body + offset, '\0', length - offset);
        if (end == NULL) { free(all); return -1; }
        all[i + (i >= 2 + request->ncgroups + request->nargv ? 1 : 0)] = body + offset;
        offset = (size_t)(end - body) + 1;
    }

    request->path = all[0];
    request->cwd = all[1];
    request->cgroups = all + 2;
    request->argv = all + 2 + request->ncgroups;            /* NULL-terminated by the gap left above */
    request->envp = request->argv + request->nargv + 1;     /* NULL-terminated by calloc */
    request->strings = all;
    return 0;
}

static void reply(int socket, int error, int pid, int pidfd)
{
    int32_t answer[2] = { error, pid };
    struct iovec io = { .iov_base = answer, .iov_len = sizeof answer };
    union { struct cmsghdr header; char space[CMSG_SPACE(sizeof(int))]; } control;
    struct msghdr message = { .msg_iov = &io, .msg_iovlen = 1 };
    if (pidfd >= 0) {
        memset(&control, 0, sizeof control);
        message.msg_control = control.space;
        message.msg_controllen = sizeof control.space;
        struct cmsghdr *header = CMSG_FIRSTHDR(&message);
        header->cmsg_level = SOL_SOCKET;
        header->cmsg_type = SCM_RIGHTS;
        header->cmsg_len = CMSG_LEN(sizeof(int));
        memcpy(CMSG_DATA(header), &pidfd, sizeof(int));
    }

    while (sendmsg(socket, &message, MSG_NOSIGNAL) < 0 && errno == EINTR) {
    }
}

/* Reads past a refused request, so the next starts after it; 0, or -1 when the service has gone. */
static int skip(int socket, uint32_t length)
{
    static char discard[64 * 1024];
    while (length > 0) {
        uint32_t part = length < sizeof discard ? length : (uint32_t)sizeof discard;
        if (read_fully(socket, discard, part) != 0) return -1;
        length -= part;
    }
    return 0;
}

/* Reads one request with its two descriptors: 0, -1 when the service has gone, or the errno that
 * refuses it alone (read past, fds still to close): an exit would kill every run of the node. */
static int receive(int socket, char **body, uint32_t *length, int fds[2])
{
    uint32_t size;
    struct iovec io = { .iov_base = &size, .iov_len = sizeof size };
    union { struct cmsghdr header; char space[CMSG_SPACE(2 * sizeof(int))]; } control;
    struct msghdr message = { .msg_iov = &io, .msg_iovlen = 1, .msg_control = control.space, .msg_controllen = sizeof control.space };
    ssize_t got;
    while ((got = recvmsg(socket, &message, MSG_CMSG_CLOEXEC | MSG_WAITALL)) < 0 && errno == EINTR) {
    }

    if (got != (ssize_t)sizeof size) return -1;
    fds[0] = fds[1] = -1;
    struct cmsghdr *header = CMSG_FIRSTHDR(&message);
    if (header != NULL && header->cmsg_level == SOL_SOCKET && header->cmsg_type == SCM_RIGHTS && header->cmsg_len == CMSG_LEN(2 * sizeof(int))) {
        memcpy(fds, CMSG_DATA(header), 2 * sizeof(int));
    }

    if (size > MAX_REQUEST) return skip(socket, size) == 0 ? E2BIG : -1;
    if ((*body = malloc((size_t)size + 1)) == NULL) return skip(socket, size) == 0 ? ENOMEM : -1;
    if (read_fully(socket, *body, size) != 0) return -1;
    *length = size;
    return 0;
}

/* Removes a node's cgroup directory and its run directories; false while some still hold processes. */
static int remove_tree(const char *node)
{
    DIR *directory = opendir(node);
    if (directory == NULL) return errno == ENOENT;
    struct dirent *entry;
    char path[4096];
    while ((entry = readdir(directory)) != NULL) {
        if (entry->d_type == DT_DIR && entry->d_name[0] != '.') {
            snprintf(path, sizeof path, "%s/%s", node, entry->d_name);
            rmdir(path);
        }
    }

    closedir(directory);
    return rmdir(node) == 0 || errno == ENOENT;
}

static void remove_node_cgroups(int count, char **nodes)
{
    const struct timespec pause = { .tv_sec = 0, .tv_nsec = 20 * 1000 * 1000 };
    for (int attempt = 0; attempt < 100; attempt++) {
        int removed = 1;
        for (int i = 0; i < count; i++) removed &= remove_tree(nodes[i]);
        if (removed) return;
        nanosleep(&pause, NULL);
    }
}

int main(int argc, char **argv)
{
    /* argv[1]: the node's cgroup.kill file, or "-" where runs have no cgroups. */
    node_cgroup_kill = argc > 1 && strcmp(argv[1], "-") != 0 ? argv[1] : NULL;
    const int socket = 0;
    for (;;) {
        char *body = NULL;
        uint32_t length = 0;
        int fds[2];
        int received = receive(socket, &body, &length, fds);
        if (received < 0) break;

        struct request request = { .input_fd = fds[0], .output_fd = fds[1] };
        if (received > 0) {
            reply(socket, received, 0, -1);
        } else if (fds[0] < 0 || fds[1] < 0 || parse(body, length, &request) != 0) {
            reply(socket, EINVAL, 0, -1);
        } else {
            int pidfd = -1;
            int pid = clone(child_main, child_stack + sizeof child_stack,
                            CLONE_VM | CLONE_VFORK | CLONE_PARENT | CLONE_PIDFD | SIGCHLD, &request, &pidfd);
            if (pid < 0) {
                reply(socket, errno, 0, -1);
            } else {
                reply(socket, request.child_errno, pid, pidfd);
                close(pidfd);
            }
        }

        free(request.strings);      /* NULL unless parse succeeded */

        if (fds[0] >= 0) close(fds[0]);
        if (fds[1] >= 0) close(fds[1]);
        free(body);
    }

    if (node_cgroup_kill != NULL) write_word(node_cgroup_kill, "1");
    if (argc > 2) remove_node_cgroups(argc - 2, argv + 2);
    return 0;
}
