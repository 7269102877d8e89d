/*
 * jobs.h — runs independent jobs 0..n-1 in worker processes (fork).  The
 * parent hands out job numbers through a pipe (the lowest first, so put
 * the biggest jobs first); a worker runs each job and sends back its
 * result bytes, which the parent passes to a callback.  Results arrive in
 * any order: the caller stores them by job number and acts on them in
 * order afterwards, so that its output does not depend on the scheduling.
 * With one worker the jobs run in the calling process, through the same
 * callbacks.  Used by the HTML build (src/build/handbook_html.c) and the
 * PDF build (src/build/handbook_pdf.c).
 */
#ifndef RB_JOBS_H
#define RB_JOBS_H

#include <stddef.h>
#include "util.h"

/*
 * The number of workers for njobs jobs: RB_JOBS=N from the environment,
 * else the processors online (at most 4); at most 16, and at most one per
 * per jobs (forking is not worth it for a few).  At least 1.
 */
int	jobs_workers(size_t njobs, size_t per);

/* Runs job k (in a worker, or in the caller) and appends its result to res
 * (empty on entry). */
typedef void	jobs_work_fn(void *arg, size_t k, struct buf *res);
/* In the caller: the result of job k, res[0..len). */
typedef void	jobs_done_fn(void *arg, size_t k, const char *res,
		    size_t len);

/*
 * Runs jobs 0..njobs-1 in workers processes (workers <= 1: in this process)
 * and calls done for each result.  Returns 0, or -1 when a worker could not
 * be started or died: then some jobs may have no result.
 */
int	jobs_run(int workers, size_t njobs, jobs_work_fn *work,
	    jobs_done_fn *done, void *arg);

#endif
