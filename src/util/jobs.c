/*
 * jobs.c — independent jobs in worker processes (see jobs.h).
 *
 * Protocol: the parent writes job numbers (uint32_t) to one pipe that
 * every worker reads from until it is closed and empty; each worker writes
 * its results to its own pipe as frames: a header of two uint64_t (job
 * number, length) and the result bytes.  The parent polls the job pipe
 * (the list may be longer than the pipe holds) and the result pipes
 * together.  Workers die with the parent (PR_SET_PDEATHSIG) and leave with
 * _exit(): no atexit handlers, no flushing of the parent's stdio buffers.
 */
#include <sys/prctl.h>
#include <sys/wait.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "jobs.h"

#define S_MAXW	16

int
jobs_workers(size_t njobs, size_t per)
{
	const char *v = getenv("RB_JOBS");
	long n;

	if (v && *v)
		n = strtol(v, NULL, 10);
	else if ((n = sysconf(_SC_NPROCESSORS_ONLN)) > 4)
		n = 4;
	if (n > S_MAXW)
		n = S_MAXW;
	if (per > 0 && (size_t)n > njobs / per)
		n = (long)(njobs / per);
	return n < 1 ? 1 : (int)n;
}

static int
S_write_all(int fd, const void *data, size_t n)
{
	const char *p = data;
	ssize_t w;

	while (n > 0) {
		if ((w = write(fd, p, n)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* A worker: runs the jobs it reads from jobs, results to res.  No return. */
static void
S_worker(size_t njobs, jobs_work_fn *work, void *arg, int jobs, int res)
{
	struct buf b = BUF_INIT;
	uint64_t hdr[2];
	uint32_t k;
	ssize_t n;

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() == 1)
		_exit(3);
	for (;;) {
		n = read(jobs, &k, sizeof(k));
		if (n == -1 && errno == EINTR)
			continue;
		if (n != (ssize_t)sizeof(k) || k >= njobs)
			break;
		buf_reset(&b);
		work(arg, k, &b);
		hdr[0] = k;
		hdr[1] = b.len;
		if (S_write_all(res, hdr, sizeof(hdr)) == -1 ||
		    S_write_all(res, b.data, b.len) == -1)
			_exit(3);
	}
	buf_free(&b);
	_exit(0);
}

/* Passes the complete frames at the start of b to done; keeps the rest. */
static void
S_frames(struct buf *b, size_t njobs, jobs_done_fn *done, void *arg)
{
	uint64_t hdr[2];
	size_t off = 0;

	while (b->len - off >= sizeof(hdr)) {
		memcpy(hdr, b->data + off, sizeof(hdr));
		if (hdr[1] > b->len - off - sizeof(hdr))
			break;
		if (hdr[0] < njobs)
			done(arg, (size_t)hdr[0], b->data + off + sizeof(hdr),
			    (size_t)hdr[1]);
		off += sizeof(hdr) + (size_t)hdr[1];
	}
	memmove(b->data, b->data + off, b->len - off);
	b->len -= off;
}

int
jobs_run(int W, size_t njobs, jobs_work_fn *work, jobs_done_fn *done,
    void *arg)
{
	struct pollfd pf[S_MAXW + 1];
	struct buf rb[S_MAXW];
	pid_t pid[S_MAXW];
	int jobs[2], res[S_MAXW], i, nopen, status, rc = 0;
	void (*osig)(int);
	uint32_t k;

	if (W > S_MAXW)
		W = S_MAXW;
	if (W <= 1 || njobs > UINT32_MAX) {
		struct buf b = BUF_INIT;
		size_t j;

		for (j = 0; j < njobs; j++) {
			buf_reset(&b);
			work(arg, j, &b);
			done(arg, j, b.data ? b.data : "", b.len);
		}
		buf_free(&b);
		return 0;
	}
	if (pipe(jobs) == -1)
		return -1;
	/* a dead worker must not kill the parent writing the job list */
	osig = signal(SIGPIPE, SIG_IGN);
	fflush(NULL);
	for (i = 0; i < W; i++) {
		int fds[2];

		memset(&rb[i], 0, sizeof(rb[i]));
		if (pipe(fds) == -1)
			fds[0] = fds[1] = -1;
		if (fds[0] == -1 || (pid[i] = fork()) == -1) {
			if (fds[0] != -1) {
				close(fds[0]);
				close(fds[1]);
			}
			W = i;
			rc = -1;
			break;
		}
		if (pid[i] == 0) {
			close(jobs[1]);
			close(fds[0]);
			while (--i >= 0)	/* the other workers' pipes */
				close(res[i]);
			S_worker(njobs, work, arg, jobs[0], fds[1]);
		}
		close(fds[1]);
		res[i] = fds[0];
	}
	close(jobs[0]);
	k = 0;
	nopen = W;
	if (W == 0 || rc == -1) {
		/* no job handed out when not every worker started */
		k = (uint32_t)njobs;
		close(jobs[1]);
		jobs[1] = -1;
	}
	while (nopen > 0) {
		int n = 0, wi = -1;

		for (i = 0; i < W; i++)
			if (res[i] != -1) {
				pf[n].fd = res[i];
				pf[n++].events = POLLIN;
			}
		if (k < njobs) {
			wi = n;
			pf[n].fd = jobs[1];
			pf[n++].events = POLLOUT;
		}
		if (poll(pf, (nfds_t)n, -1) == -1) {
			if (errno == EINTR)
				continue;
			rc = -1;
			break;
		}
		if (wi >= 0 && (pf[wi].revents & (POLLOUT | POLLERR))) {
			if (write(jobs[1], &k, sizeof(k)) == (ssize_t)sizeof(k))
				k++;
			else
				k = (uint32_t)njobs;
			if (k == njobs) {
				close(jobs[1]);
				jobs[1] = -1;
			}
		}
		for (i = 0; i < W; i++) {
			char chunk[65536];
			ssize_t r;
			int m;

			if (res[i] == -1)
				continue;
			for (m = 0; m < n; m++)
				if (pf[m].fd == res[i])
					break;
			if (m == n || !(pf[m].revents & (POLLIN | POLLHUP |
			    POLLERR)))
				continue;
			r = read(res[i], chunk, sizeof(chunk));
			if (r > 0) {
				buf_put(&rb[i], chunk, (size_t)r);
				S_frames(&rb[i], njobs, done, arg);
			} else if (r == 0 || errno != EINTR) {
				close(res[i]);
				res[i] = -1;
				nopen--;
			}
		}
	}
	if (jobs[1] != -1)
		close(jobs[1]);
	for (i = 0; i < W; i++) {
		if (res[i] != -1)
			close(res[i]);
		while (waitpid(pid[i], &status, 0) == -1 && errno == EINTR)
			continue;
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
			rc = -1;
		if (rb[i].len > 0)		/* a truncated frame */
			rc = -1;
		buf_free(&rb[i]);
	}
	signal(SIGPIPE, osig);
	return rc;
}
