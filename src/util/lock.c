/*
 * lock.c — one rolebook run at a time per output folder: `rolebook build`
 * and `rolebook report` hold an exclusive flock(2) while they run, so two
 * runs into the same OUT never interleave their writes (the second waits).
 * The lock is taken on the folder that holds OUT (its nearest existing
 * ancestor), not on a file in OUT: a run that fails writes nothing, not
 * even OUT itself.  The kernel drops the lock when the process ends,
 * killed or not.  Holding the lock, a run also removes the temporary files
 * (NAME.tmp.PID, PID no longer running) a killed run left behind.  See
 * docs/security.md.
 */
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "util.h"

/* The nearest existing folder above path ("." for a bare name). */
char *
dir_lock_holder(const char *path)
{
	struct stat st;
	char *s = xstrdup(path), *slash;
	size_t n = strlen(s);

	for (;;) {
		while (n > 1 && s[n - 1] == '/')
			s[--n] = '\0';
		if ((slash = strrchr(s, '/')) == NULL) {
			free(s);
			return xstrdup(".");
		}
		if (slash == s) {
			free(s);
			return xstrdup("/");
		}
		*slash = '\0';
		n = (size_t)(slash - s);
		if (stat(s, &st) == 0 && S_ISDIR(st.st_mode))
			return s;
	}
}

int
dir_lock(const char *out, int wait)
{
	char *dir = dir_lock_holder(out);
	int fd, save;

	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	save = errno;
	free(dir);
	if (fd == -1) {
		errno = save;
		return -1;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) == 0)
		return fd;
	if (errno != EWOULDBLOCK || !wait)
		goto fail;
	while (flock(fd, LOCK_EX) == -1)
		if (errno != EINTR)
			goto fail;
	return fd;
fail:
	save = errno;
	close(fd);
	errno = save;
	return -1;
}

void
dir_unlock(int fd)
{
	if (fd >= 0)
		close(fd);	/* drops the flock */
}

/* Is name a temporary file of an atomic write (NAME.tmp.DIGITS)? */
static int
S_is_tmp(const char *name)
{
	const char *t = NULL, *p;

	for (p = name; (p = strstr(p, ".tmp.")) != NULL; p++)
		t = p;
	if (t == NULL || t == name || t[5] == '\0')
		return 0;
	for (p = t + 5; *p; p++)
		if (!isdigit((unsigned char)*p))
			return 0;
	/* only when the writer is gone */
	return kill((pid_t)atol(t + 5), 0) == -1 && errno == ESRCH;
}

static int
S_sweep(const char *dir, int depth)
{
	struct dirent *e;
	struct stat st;
	char *p;
	DIR *dp;
	int n = 0;

	if (depth > 16 || (dp = opendir(dir)) == NULL)
		return 0;
	while ((e = readdir(dp)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		p = xasprintf("%s/%s", dir, e->d_name);
		if (lstat(p, &st) == 0) {
			if (S_ISDIR(st.st_mode))
				n += S_sweep(p, depth + 1);
			else if (S_ISREG(st.st_mode) && S_is_tmp(e->d_name) &&
			    unlink(p) == 0)
				n++;
		}
		free(p);
	}
	closedir(dp);
	return n;
}

int
dir_sweep_tmp(const char *dir)
{
	return S_sweep(dir, 0);
}
