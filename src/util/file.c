/*
 * file.c — whole-file reads and atomic writes (temporary file in the same
 * folder, fsync, rename), so that a failed or killed build never leaves a
 * partial output in place of a good one.
 */
#include <sys/stat.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "util.h"
#include "diag.h"

/* What a file of mode m is, when it is not a regular file. */
static const char *
S_kind(mode_t m)
{
	if (S_ISDIR(m))
		return "is a folder, not a file";
	if (S_ISFIFO(m))
		return "is not a regular file but a FIFO (named pipe)";
	if (S_ISCHR(m) || S_ISBLK(m))
		return "is not a regular file but a device";
	if (S_ISSOCK(m))
		return "is not a regular file but a socket";
	return "is not a regular file";
}

/* Is path (resolved) inside folder top (resolved)? */
static int
S_inside(const char *rp, const char *rtop)
{
	size_t n = strlen(rtop);

	if (n == 1 && rtop[0] == '/')
		return 1;
	return strncmp(rp, rtop, n) == 0 && rp[n] == '/';
}

int
file_read_in(const char *path, const char *top, size_t maxsize, char **data,
    size_t *len, const char **why)
{
	struct stat st;
	struct buf b = BUF_INIT;
	char tmp[65536], *rp = NULL, *rtop;
	const char *open_path = path;
	ssize_t n;
	int fd;

	*why = NULL;
	/* Look before opening: a FIFO or a device is never opened. */
	if (lstat(path, &st) == -1)
		return -1;
	if (S_ISLNK(st.st_mode)) {
		if ((rp = realpath(path, NULL)) == NULL) {
			*why = "is a symbolic link that leads nowhere";
			errno = ENOENT;
			return -1;
		}
		if (top != NULL) {
			rtop = realpath(top, NULL);
			if (rtop == NULL || !S_inside(rp, rtop)) {
				free(rtop);
				free(rp);
				*why = "is a symbolic link leading out of the "
				    "content folder";
				errno = EPERM;
				return -1;
			}
			free(rtop);
		}
		open_path = rp;
		if (lstat(rp, &st) == -1) {
			free(rp);
			return -1;
		}
	}
	if (!S_ISREG(st.st_mode)) {
		free(rp);
		*why = S_kind(st.st_mode);
		errno = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
		return -1;
	}
	/* O_NOFOLLOW and O_NONBLOCK: a link or FIFO swapped in since the
	 * look is refused, not followed nor waited for. */
	fd = open(open_path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK |
	    O_NOCTTY);
	free(rp);
	if (fd == -1)
		return -1;
	if (fstat(fd, &st) == -1) {
		close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		*why = S_kind(st.st_mode);
		errno = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
		return -1;
	}
	if (maxsize && (size_t)st.st_size > maxsize) {
		close(fd);
		errno = EFBIG;
		return -1;
	}
	if (st.st_size > 0)
		buf_grow(&b, (size_t)st.st_size);
	for (;;) {
		n = read(fd, tmp, sizeof(tmp));
		if (n == -1) {
			if (errno == EINTR)
				continue;
			close(fd);
			buf_free(&b);
			return -1;
		}
		if (n == 0)
			break;
		buf_put(&b, tmp, (size_t)n);
		if (maxsize && b.len > maxsize) {
			close(fd);
			buf_free(&b);
			errno = EFBIG;
			return -1;
		}
	}
	close(fd);
	*len = b.len;
	*data = buf_detach(&b);
	return 0;
}

int
file_read(const char *path, size_t maxsize, char **data, size_t *len)
{
	const char *why;

	return file_read_in(path, NULL, maxsize, data, len, &why);
}

/* Returns 1 when path holds exactly data[0..len). */
static int
S_same(const char *path, const void *data, size_t len)
{
	char *old;
	size_t oldlen;
	int same;

	if (file_read(path, len + 1, &old, &oldlen) == -1)
		return 0;
	same = oldlen == len && memcmp(old, data, len) == 0;
	free(old);
	return same;
}

int
file_write_atomic(const char *path, const void *data, size_t len)
{
	return file_write_atomic_flags(path, data, len, 0);
}

int
file_write_atomic_flags(const char *path, const void *data, size_t len,
    int flags)
{
	char *tmp;
	int rc, save;

	if ((rc = file_stage(path, data, len, flags, &tmp)) != 1)
		return rc;
	file_test_stall(path);
	if (rename(tmp, path) == -1) {
		save = errno;
		unlink(tmp);
		free(tmp);
		errno = save;
		return -1;
	}
	free(tmp);
	return 1;
}

int
file_stage(const char *path, const void *data, size_t len, int flags,
    char **tmpp)
{
	char *tmp;
	const char *p = data;
	size_t off = 0;
	ssize_t n;
	int fd, save;

	*tmpp = NULL;
	if (S_same(path, data, len))
		return 0;
	tmp = xasprintf("%s.tmp.%ld", path, (long)getpid());
	/* A fresh file, never one already there: O_EXCL fails on anything at
	 * the name, a planted symbolic link included (O_NOFOLLOW), which is
	 * then removed (unlink removes the link, not what it points to) and
	 * the name tried once more. */
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
	    0644);
	if (fd == -1 && errno == EEXIST && unlink(tmp) == 0)
		fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
		    O_CLOEXEC, 0644);
	if (fd == -1) {
		save = errno;
		free(tmp);
		errno = save;
		return -1;
	}
	while (off < len) {
		n = write(fd, p + off, len - off);
		if (n == -1) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		off += (size_t)n;
	}
	if (!(flags & FILE_NOSYNC) && fsync(fd) == -1 && errno != EINVAL)
		goto fail;
	if (close(fd) == -1) {
		fd = -1;
		goto fail;
	}
	*tmpp = tmp;
	return 1;
fail:
	save = errno;
	if (fd != -1)
		close(fd);
	unlink(tmp);
	free(tmp);
	errno = save;
	return -1;
}

void
file_test_stall(const char *path)
{
	const char *s = getenv("RB_TEST_STALL_BEFORE_RENAME"), *colon;

	if (s == NULL || atoi(s) <= 0)
		return;
	if ((colon = strchr(s, ':')) != NULL &&
	    (path == NULL || strstr(path, colon + 1) == NULL))
		return;
	sleep((unsigned)atoi(s));
}

int
mkdir_p(const char *path)
{
	char *p, *s = xstrdup(path);

	for (p = s + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(s, 0755) == -1 && errno != EEXIST) {
			free(s);
			return -1;
		}
		*p = '/';
	}
	if (mkdir(s, 0755) == -1 && errno != EEXIST) {
		free(s);
		return -1;
	}
	free(s);
	return 0;
}

static int
S_strpcmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void
file_prune(struct diag *d, const char *top, const char *sub, const char *ext,
    const char *const *keep, size_t nkeep, const char *what)
{
	char *dir = xasprintf("%s/%s", top, sub), *rel, *p, **names;
	size_t n, elen = strlen(ext);
	struct dirent *e;
	DIR *dp;

	if ((dp = opendir(dir)) == NULL) {
		free(dir);
		return;
	}
	/* sorted once: 10,000 files are not compared with 10,000 names */
	names = xreallocarray(NULL, nkeep + 1, sizeof(*names));
	if (nkeep > 0)
		memcpy(names, keep, nkeep * sizeof(*names));
	qsort(names, nkeep, sizeof(*names), S_strpcmp);
	while ((e = readdir(dp)) != NULL) {
		n = strlen(e->d_name);
		if (n <= elen || strcmp(e->d_name + n - elen, ext) != 0)
			continue;
		rel = xasprintf("%s/%s", sub, e->d_name);
		if (bsearch(&rel, names, nkeep, sizeof(*names),
		    S_strpcmp) == NULL) {
			p = xasprintf("%s/%s", top, rel);
			if (unlink(p) == -1)
				diag_at(d, DIAG_WARNING, p, 0, 0, "cannot "
				    "remove a stale %s: %s", what,
				    strerror(errno));
			free(p);
		}
		free(rel);
	}
	closedir(dp);
	free(names);
	free(dir);
}
