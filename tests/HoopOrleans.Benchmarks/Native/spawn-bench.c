/*
 * The strict baseline of B1 and B2: the same argv and stdin as a served run, started with
 * posix_spawn from C, with as many in flight as the service's clients, each one's stdout and stderr
 * read to their end and its exit collected. Nothing of .NET runs on this side.
 *
 *   spawn-bench SCRIPT-FILE PROGRAM [ARG...]
 *
 * Reads commands from stdin, one a line: "RUNS IN-FLIGHT". For each, starts RUNS programs, at most
 * IN-FLIGHT at once (one thread each, starting the next as its last one ends), and answers one line:
 * "SECONDS FAILED OUTPUT-BYTES" (a run failed when it did not exit with 0). Stays up between
 * commands, as .NET's Process baseline stays in the benchmark's process.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <spawn.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static char **program_argv;
static char *script;
static size_t script_length;

static atomic_int next_run;
static int total_runs;
static atomic_int failed;
static atomic_long output_bytes;

static int run_one(void)
{
    /* O_CLOEXEC: another thread's start must not inherit this run's pipes, or they never see EOF. */
    int in[2], out[2], err[2];
    if (pipe2(in, O_CLOEXEC) || pipe2(out, O_CLOEXEC) || pipe2(err, O_CLOEXEC)) return -1;

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in[0], 0);
    posix_spawn_file_actions_adddup2(&actions, out[1], 1);
    posix_spawn_file_actions_adddup2(&actions, err[1], 2);
    pid_t pid;
    int spawned = posix_spawnp(&pid, program_argv[0], &actions, NULL, program_argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    close(in[0]);
    close(out[1]);
    close(err[1]);
    if (spawned != 0) {
        close(in[1]);
        close(out[0]);
        close(err[0]);
        return -1;
    }

    /* The script is smaller than a pipe's buffer: written whole, then stdin closed, as the service does. */
    size_t written = 0;
    while (written < script_length) {
        ssize_t n = write(in[1], script + written, script_length - written);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        written += (size_t)n;
    }
    close(in[1]);

    struct pollfd fds[2] = { { out[0], POLLIN, 0 }, { err[0], POLLIN, 0 } };
    int open_fds = 2;
    char buffer[65536];
    while (open_fds > 0) {
        if (poll(fds, 2, -1) < 0) {
            if (errno == EINTR) continue;
            break;
        }
        for (int i = 0; i < 2; i++) {
            if (fds[i].fd < 0 || fds[i].revents == 0) continue;
            ssize_t n = read(fds[i].fd, buffer, sizeof buffer);
            if (n > 0) {
                atomic_fetch_add(&output_bytes, n);
            } else if (n == 0 || errno != EINTR) {
                close(fds[i].fd);
                fds[i].fd = -1;
                open_fds--;
            }
        }
    }

    int status;
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) return -1;
    }
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

static void *worker(void *unused)
{
    (void)unused;
    while (atomic_fetch_add(&next_run, 1) < total_runs) {
        if (run_one() != 0) atomic_fetch_add(&failed, 1);
    }
    return NULL;
}

static char *read_file(const char *path, size_t *length)
{
    FILE *file = fopen(path, "rb");
    if (!file) return NULL;
    struct stat st;
    if (fstat(fileno(file), &st)) { fclose(file); return NULL; }
    char *data = malloc((size_t)st.st_size + 1);
    *length = fread(data, 1, (size_t)st.st_size, file);
    fclose(file);
    return data;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: %s SCRIPT-FILE PROGRAM [ARG...]\n", argv[0]);
        return 2;
    }
    script = read_file(argv[1], &script_length);
    if (!script) {
        perror(argv[1]);
        return 2;
    }
    program_argv = argv + 2;

    int runs, in_flight;
    while (scanf("%d %d", &runs, &in_flight) == 2 && runs > 0 && in_flight > 0) {
        atomic_store(&next_run, 0);
        atomic_store(&failed, 0);
        atomic_store(&output_bytes, 0);
        total_runs = runs;
        pthread_t threads[in_flight];
        struct timespec started, ended;
        clock_gettime(CLOCK_MONOTONIC, &started);
        if (in_flight == 1) {
            worker(NULL); /* one at a time (B2): no thread to start around it */
        } else {
            for (int i = 0; i < in_flight; i++) pthread_create(&threads[i], NULL, worker, NULL);
            for (int i = 0; i < in_flight; i++) pthread_join(threads[i], NULL);
        }
        clock_gettime(CLOCK_MONOTONIC, &ended);
        double seconds = (double)(ended.tv_sec - started.tv_sec) + (ended.tv_nsec - started.tv_nsec) / 1e9;
        printf("%.9f %d %ld\n", seconds, atomic_load(&failed), atomic_load(&output_bytes));
        fflush(stdout);
    }
    return 0;
}
