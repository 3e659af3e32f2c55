/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * replay.c: feed a file of JSON lines of readings, paced by their times.
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "ingest.h"
#include "replay.h"

struct replay {
	FILE		*f;
	char		 path[256];
	double		 speed;
	unsigned long	 line;		/* lines read */
	char		*text;		/* the line read ahead, or NULL */
	size_t		 cap;
	json_t		*next;		/* it, parsed; NULL if it did not */
	json_error_t	 jerr;
	uint64_t	 next_t;	/* its time, 0 if none */
	uint64_t	 first_t;	/* time of the first timed line */
	uint64_t	 start_mono;	/* when the first timed line was fed */
	int		 started;
	uint64_t	 readings, refused, bad_lines;
	char		 summary[128];
};

/* The smallest "t" in a reading or an array of them; 0 if none. */
static uint64_t
replay_time(json_t *v)
{
	json_t		*t, *e;
	uint64_t	 best = 0, u;
	size_t		 i;

	if (json_is_object(v)) {
		t = json_object_get(v, "t");
		return (json_is_integer(t) && json_integer_value(t) > 0 ?
		    (uint64_t)json_integer_value(t) : 0);
	}
	if (!json_is_array(v))
		return (0);
	json_array_foreach(v, i, e) {
		u = replay_time(e);
		if (u != 0 && (best == 0 || u < best))
			best = u;
	}
	return (best);
}

/* Read the next non-empty line ahead. Returns 0, or -1 at EOF or error. */
static int
replay_read(struct replay *r)
{
	ssize_t	n;

	json_decref(r->next);
	r->next = NULL;
	for (;;) {
		if ((n = getline(&r->text, &r->cap, r->f)) < 0)
			return (-1);
		r->line++;
		while (n > 0 && (r->text[n - 1] == '\n' ||
		    r->text[n - 1] == '\r'))
			r->text[--n] = '\0';
		if (n > 0)
			break;
	}
	r->next = json_loadb(r->text, (size_t)n, 0, &r->jerr);
	r->next_t = r->next != NULL ? replay_time(r->next) : 0;
	return (0);
}

/* Open a replay. */
struct replay *
replay_open(const char *path, double speed, char *err, size_t errlen)
{
	struct replay	*r;

	if ((r = calloc(1, sizeof(*r))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return (NULL);
	}
	if ((r->f = fopen(path, "r")) == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		free(r);
		return (NULL);
	}
	snprintf(r->path, sizeof(r->path), "%s", path);
	r->speed = speed;
	if (replay_read(r) != 0) {
		snprintf(err, errlen, "%s: no readings", path);
		replay_close(r);
		return (NULL);
	}
	return (r);
}

/* When, in monotonic ms, the line read ahead is due. */
static uint64_t
replay_due(struct replay *r, uint64_t now_mono)
{
	if (r->next_t == 0 || !r->started || r->next_t <= r->first_t)
		return (now_mono);
	return (r->start_mono + (uint64_t)llround((double)(r->next_t -
	    r->first_t) / r->speed));
}

/* Feed the next line if it is due. */
int
replay_feed(struct replay *r, const struct vconf *conf, uint64_t now_mono,
    uint64_t now_wall, struct reading_batch *out, uint64_t *wait_ms)
{
	unsigned	i;
	uint64_t	due;

	out->n = 0;
	out->rejected = 0;
	out->accepted = 0;
	out->nerrs = 0;
	*wait_ms = 0;
	if (r->text == NULL)
		return (0);	/* the last line was fed */
	due = replay_due(r, now_mono);
	if (due > now_mono) {
		*wait_ms = due - now_mono;
		return (1);
	}
	if (r->next_t != 0 && !r->started) {
		r->started = 1;
		r->first_t = r->next_t;
		r->start_mono = now_mono;
	}
	if (r->next == NULL) {
		fprintf(stderr, "fohd: warning: %s:%lu: line %d column %d: "
		    "%s\n", r->path, r->line, r->jerr.line, r->jerr.column,
		    r->jerr.text);
		r->bad_lines++;
		out->rejected = 1;
	} else {
		ingest_value(conf, r->next, now_wall, out);
		for (i = 0; i < out->n; i++)
			out->r[i].t_ms = now_wall;
		for (i = 0; i < out->nerrs; i++)
			fprintf(stderr, "fohd: warning: %s:%lu: reading %d: "
			    "%s: %s\n", r->path, r->line, out->errs[i].index,
			    out->errs[i].field, out->errs[i].reason);
		r->readings += out->n;
		r->refused += out->rejected;
	}
	if (replay_read(r) != 0) {
		free(r->text);
		r->text = NULL;
		return (0);
	}
	due = replay_due(r, now_mono);
	*wait_ms = due > now_mono ? due - now_mono : 0;
	return (1);
}

/* A line for the log. */
const char *
replay_summary(struct replay *r)
{
	snprintf(r->summary, sizeof(r->summary), "%lu lines, %llu readings, "
	    "%llu refused, %llu bad lines", r->line,
	    (unsigned long long)r->readings, (unsigned long long)r->refused,
	    (unsigned long long)r->bad_lines);
	return (r->summary);
}

/* Close a replay. */
void
replay_close(struct replay *r)
{
	if (r == NULL)
		return;
	json_decref(r->next);
	if (r->f != NULL)
		fclose(r->f);
	free(r->text);
	free(r);
}
