/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * test-alerts.c: the alert lifecycle. A table of named scripts: each step
 * is an action at a time (seconds after T0) with the result it must give,
 * or a check of what the table must then hold. Bulk cases, restarts and
 * flapping are plain tests in test-alerts-table.c.
 */
#include "config.h"

#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/alerts.h"
#include "unit-fixtures.h"

/* The table under test: too big for the stack, static so a failure leaks
 * nothing. */
static struct alerts	test_table;

enum step_kind {
	S_END = 0,
	S_RAISE,	/* fp, sev, text = action; want = id, 0 for NULL */
	S_RESOLVE,	/* fp; want = 0 or -1 */
	S_ACK,		/* id, who, text, n = expiry_s; want = result */
	S_UNACK,	/* id; want = result */
	S_SHELVE,	/* id, n = duration_s, text = reason; want = result */
	S_UNSHELVE,	/* id; want = result */
	S_COMMENT,	/* id, text; want = result */
	S_APPROVE,	/* id; want = result */
	S_TICK,		/* want = changed count, -1 not checked */
	S_EXPECT,	/* id has state, sev, esc */
	S_ACKBY,	/* id's acked_by is who */
	S_EXPLAIN,	/* id's since is n seconds, value is want */
	S_OPS,		/* id has n ops, first op who, last op text */
	S_COUNT,	/* the table holds n entries */
	S_GONE,		/* id is not in the table */
	S_CHANGED,	/* alerts_changed lists n entries, each once */
	S_RAISEV,	/* fp, sev, value v, then alerts_worsened with the
			   case's rule; want = id, n = 1 if it ends an ack */
	S_ACKTYPE,	/* id's ack_type is n */
	S_LASTOP	/* id's last op is who (by fohd: no operator), its
			   note text */
};

struct step {
	enum step_kind		 kind;
	unsigned		 t_s;
	uint64_t		 fp;
	uint64_t		 id;
	enum fohp_severity	 sev;
	const char		*who;
	const char		*text;
	uint32_t		 n;
	int			 want;
	enum fohp_alert_state	 state;
	int			 esc;
	double			 v;	/* S_RAISEV: the value */
	enum fohp_ack_type	 at;	/* S_ACK: its type */
};

#define RAISE(t, f, s, w) \
	{ .kind = S_RAISE, .t_s = (t), .fp = (f), .sev = (s), \
	  .text = "open gate B", .want = (w) }
#define RAISE_NOACTION(t, f, s, w) \
	{ .kind = S_RAISE, .t_s = (t), .fp = (f), .sev = (s), .text = "", \
	  .want = (w) }
#define RESOLVE(t, f, w) \
	{ .kind = S_RESOLVE, .t_s = (t), .fp = (f), .want = (w) }
#define ACK(t, i, o, c, x, w) \
	{ .kind = S_ACK, .t_s = (t), .id = (i), .who = (o), .text = (c), \
	  .n = (x), .want = (w) }
#define UNACK(t, i, w) \
	{ .kind = S_UNACK, .t_s = (t), .id = (i), .who = "ana", .want = (w) }
#define SHELVE(t, i, d, r, w) \
	{ .kind = S_SHELVE, .t_s = (t), .id = (i), .who = "ana", .n = (d), \
	  .text = (r), .want = (w) }
#define UNSHELVE(t, i, w) \
	{ .kind = S_UNSHELVE, .t_s = (t), .id = (i), .who = "ana", \
	  .want = (w) }
#define COMMENT(t, i, c, w) \
	{ .kind = S_COMMENT, .t_s = (t), .id = (i), .who = "bo", .text = (c), \
	  .want = (w) }
#define APPROVE(t, i, w) \
	{ .kind = S_APPROVE, .t_s = (t), .id = (i), .who = "bo", \
	  .text = "go", .want = (w) }
#define TICK(t, w) \
	{ .kind = S_TICK, .t_s = (t), .want = (w) }
#define EXPECT(i, st, s, e) \
	{ .kind = S_EXPECT, .id = (i), .state = (st), .sev = (s), .esc = (e) }
#define ACKBY(i, o) \
	{ .kind = S_ACKBY, .id = (i), .who = (o) }
#define EXPLAIN(i, since, v) \
	{ .kind = S_EXPLAIN, .id = (i), .n = (since), .want = (v) }
#define OPS(i, k, first, last) \
	{ .kind = S_OPS, .id = (i), .n = (k), .who = (first), .text = (last) }
#define COUNT(k) \
	{ .kind = S_COUNT, .n = (k) }
#define GONE(i) \
	{ .kind = S_GONE, .id = (i) }
#define CHANGED(k) \
	{ .kind = S_CHANGED, .n = (k) }
#define ACKT(t, i, o, c, x, ty, w) \
	{ .kind = S_ACK, .t_s = (t), .id = (i), .who = (o), .text = (c), \
	  .n = (x), .at = (ty), .want = (w) }
#define RAISEV(t, f, s, val, w, ended) \
	{ .kind = S_RAISEV, .t_s = (t), .fp = (f), .sev = (s), \
	  .text = "open gate B", .v = (val), .want = (w), .n = (ended) }
#define ACKTYPE(i, ty) \
	{ .kind = S_ACKTYPE, .id = (i), .n = (ty) }
#define LASTOP(i, op, note) \
	{ .kind = S_LASTOP, .id = (i), .who = (op), .text = (note) }

struct life_case {
	const char	*name;
	uint32_t	 escalate_s;	/* for every raise; 0 = never */
	uint64_t	 last_id;	/* alerts_init seed */
	struct step	 steps[24];
};

/* The rule behind S_RAISEV: how its value worsens (alerts_worsened). */
struct ack_rule {
	int			 dir;
	double			 band;
	enum fohp_rule_kind	 rkind;
};

/* An ack script: a life case with its rule. */
struct ack_case {
	struct ack_rule		 rule;
	struct life_case	 c;
};

/* The rule of the script running; all zero for life cases. */
static struct ack_rule	test_rule;

static const struct life_case life_cases[] = {
	{ "repeats update, do not duplicate", 0, 0, {
	    RAISE(0, 1, W, 1), RAISE(5, 1, W, 1), RAISE(6, 2, W, 2),
	    COUNT(2), EXPLAIN(1, 0, 5), EXPECT(1, FIRING, W, 0),
	    CHANGED(2), CHANGED(0) } },
	{ "ids grow above the journal's last id", 0, 41, {
	    RAISE(0, 1, W, 42), RAISE(0, 2, W, 43), RESOLVE(1, 1, 0),
	    RAISE(2, 1, W, 44), COUNT(3) } },
	{ "repeat raises severity, never lowers it", 0, 0, {
	    RAISE(0, 1, W, 1), RAISE(1, 1, C, 1), EXPECT(1, FIRING, C, 0),
	    RAISE(2, 1, I, 1), EXPECT(1, FIRING, C, 0), EXPLAIN(1, 0, 2) } },
	{ "repeat keeps escalated severity", 60, 0, {
	    RAISE(0, 1, I, 1), TICK(60, 1), EXPECT(1, FIRING, W, 1),
	    RAISE(61, 1, I, 1), EXPECT(1, FIRING, W, 1) } },
	{ "resolved never reopens: new id", 0, 0, {
	    RAISE(0, 1, W, 1), RESOLVE(10, 1, 0), EXPECT(1, RESOLVED, W, 0),
	    RESOLVE(11, 1, -1), RAISE(20, 1, W, 2), EXPECT(2, FIRING, W, 0),
	    EXPECT(1, RESOLVED, W, 0), EXPLAIN(2, 20, 20), COUNT(2) } },
	{ "resolve of an unknown fingerprint", 0, 0, {
	    RESOLVE(0, 7, -1), COUNT(0), CHANGED(0) } },
	{ "ack needs an operator and a comment", 0, 0, {
	    RAISE(0, 1, W, 1),
	    ACK(1, 1, "ana", "", 0, BAD), ACK(1, 1, "ana", NULL, 0, BAD),
	    ACK(1, 1, "", "on it", 0, BAD), ACK(1, 1, NULL, "on it", 0, BAD),
	    EXPECT(1, FIRING, W, 0), OPS(1, 0, NULL, NULL), ACKBY(1, ""),
	    ACK(2, 1, "ana", "on it", 0, DONE), EXPECT(1, ACKED, W, 0),
	    ACKBY(1, "ana"), OPS(1, 1, "ack", "on it") } },
	{ "repeated ack is unchanged and recorded once", 0, 0, {
	    RAISE(0, 1, W, 1), ACK(2, 1, "ana", "on it", 0, DONE), CHANGED(1),
	    ACK(3, 1, "ana", "on it", 0, UNCHANGED),
	    ACK(4, 1, "bo", "me too", 60, UNCHANGED),
	    ACKBY(1, "ana"), OPS(1, 1, "ack", "on it"), CHANGED(0) } },
	{ "ack expiry re-triggers and escalates", 60, 0, {
	    RAISE(0, 1, W, 1), ACK(10, 1, "ana", "looking", 30, DONE),
	    TICK(39, 0), EXPECT(1, ACKED, W, 0),
	    TICK(40, 1), EXPECT(1, FIRING, C, 1), ACKBY(1, ""),
	    OPS(1, 2, "ack", "ack by ana expired"),
	    LASTOP(1, "ack-expired", "ack by ana expired"), ACKTYPE(1, 0),
	    TICK(99, 0), TICK(100, 1), EXPECT(1, FIRING, C, 2) } },
	{ "ack expiry escalates even without escalate_ms", 0, 0, {
	    RAISE(0, 1, I, 1), ACK(1, 1, "ana", "brb", 10, DONE),
	    TICK(11, 1), EXPECT(1, FIRING, W, 1), TICK(500, 0),
	    EXPECT(1, FIRING, W, 1) } },
	{ "expired ack not yet ticked can be acked again", 60, 0, {
	    RAISE(0, 1, W, 1), ACK(1, 1, "ana", "x", 10, DONE),
	    UNACK(20, 1, UNCHANGED), ACK(20, 1, "bo", "mine", 0, DONE),
	    ACKBY(1, "bo"), TICK(21, 0), TICK(300, 0),
	    EXPECT(1, ACKED, W, 0), OPS(1, 3, "ack", "mine") } },
	{ "unacked escalates each period, capped at critical", 60, 0, {
	    RAISE(0, 1, I, 1), TICK(59, 0), EXPECT(1, FIRING, I, 0),
	    TICK(60, 1), EXPECT(1, FIRING, W, 1), TICK(119, 0),
	    TICK(120, 1), EXPECT(1, FIRING, C, 2),
	    TICK(180, 1), EXPECT(1, FIRING, C, 3) } },
	{ "a stalled tick escalates once, not per missed period", 60, 0, {
	    RAISE(0, 1, I, 1), TICK(500, 1), EXPECT(1, FIRING, W, 1),
	    TICK(501, 0), TICK(559, 0), TICK(560, 1),
	    EXPECT(1, FIRING, C, 2) } },
	{ "no escalation while acked; unack restarts the clock", 60, 0, {
	    RAISE(0, 1, I, 1), ACK(30, 1, "ana", "on it", 0, DONE),
	    TICK(60, 0), TICK(600, 0), EXPECT(1, ACKED, I, 0),
	    UNACK(610, 1, DONE), EXPECT(1, FIRING, I, 0), ACKBY(1, ""),
	    UNACK(611, 1, UNCHANGED), TICK(669, 0), TICK(670, 1),
	    EXPECT(1, FIRING, W, 1), OPS(1, 2, "ack", "") } },
	{ "no escalation while shelved; the shelve ends", 60, 0, {
	    RAISE(0, 1, I, 1), SHELVE(10, 1, 120, "soundcheck", DONE),
	    EXPECT(1, SHELVED, I, 0), TICK(60, 0), TICK(129, 0),
	    TICK(130, 1), EXPECT(1, FIRING, I, 0), TICK(189, 0),
	    TICK(190, 1), EXPECT(1, FIRING, W, 1),
	    OPS(1, 1, "shelve", "soundcheck") } },
	{ "ack while shelved shows once the shelve ends", 60, 0, {
	    RAISE(0, 1, I, 1), SHELVE(10, 1, 60, "doors", DONE),
	    ACK(20, 1, "ana", "known", 0, DONE), EXPECT(1, SHELVED, I, 0),
	    ACKBY(1, "ana"), TICK(69, 0), TICK(70, 1),
	    EXPECT(1, ACKED, I, 0), TICK(400, 0), EXPECT(1, ACKED, I, 0) } },
	{ "ack expiring while shelved does not escalate", 60, 0, {
	    RAISE(0, 1, I, 1), ACK(1, 1, "ana", "x", 30, DONE),
	    SHELVE(2, 1, 100, "y", DONE), TICK(31, 1),
	    EXPECT(1, SHELVED, I, 0), ACKBY(1, ""), TICK(102, 1),
	    EXPECT(1, FIRING, I, 0), TICK(161, 0), TICK(162, 1),
	    EXPECT(1, FIRING, W, 1) } },
	{ "shelve again: new end is done, same end unchanged", 0, 0, {
	    RAISE(0, 1, W, 1), SHELVE(10, 1, 60, "a", DONE),
	    SHELVE(10, 1, 60, "a", UNCHANGED), SHELVE(20, 1, 120, "b", DONE),
	    TICK(70, 0), EXPECT(1, SHELVED, W, 0), TICK(140, 1),
	    EXPECT(1, FIRING, W, 0), UNSHELVE(141, 1, UNCHANGED),
	    OPS(1, 2, "shelve", "b") } },
	{ "unshelve early", 60, 0, {
	    RAISE(0, 1, I, 1), UNSHELVE(1, 1, UNCHANGED),
	    SHELVE(2, 1, 600, "x", DONE), UNSHELVE(100, 1, DONE),
	    EXPECT(1, FIRING, I, 0), UNSHELVE(101, 1, UNCHANGED),
	    TICK(159, 0), TICK(160, 1), EXPECT(1, FIRING, W, 1),
	    OPS(1, 2, "shelve", "") } },
	{ "ack after resolve loses the race", 0, 0, {
	    RAISE(0, 1, W, 1), RESOLVE(5, 1, 0), CHANGED(1),
	    ACK(6, 1, "ana", "on it", 0, ALREADY), EXPECT(1, RESOLVED, W, 0),
	    ACKBY(1, ""), UNACK(6, 1, ALREADY),
	    SHELVE(6, 1, 60, "x", ALREADY), UNSHELVE(6, 1, ALREADY),
	    APPROVE(6, 1, ALREADY), TICK(7, 0), EXPECT(1, RESOLVED, W, 0),
	    OPS(1, 0, NULL, NULL), CHANGED(0) } },
	{ "acked then resolved stays resolved", 60, 0, {
	    RAISE(0, 1, W, 1), ACK(1, 1, "ana", "on it", 10, DONE),
	    RESOLVE(5, 1, 0), TICK(20, 0), TICK(200, 0),
	    EXPECT(1, RESOLVED, W, 0) } },
	{ "comment on a resolved alert is allowed", 0, 0, {
	    RAISE(0, 1, W, 1), RESOLVE(5, 1, 0), CHANGED(1),
	    COMMENT(10, 1, "left by the north door", DONE),
	    COMMENT(11, 1, "", BAD), COMMENT(11, 1, NULL, BAD),
	    EXPECT(1, RESOLVED, W, 0), CHANGED(1),
	    OPS(1, 1, "comment", "left by the north door") } },
	{ "refusals change nothing", 0, 0, {
	    RAISE(0, 1, W, 1), CHANGED(1),
	    ACK(1, 99, "ana", "x", 0, NOT_FOUND), UNACK(1, 99, NOT_FOUND),
	    SHELVE(1, 99, 60, "x", NOT_FOUND), UNSHELVE(1, 99, NOT_FOUND),
	    COMMENT(1, 99, "x", NOT_FOUND), APPROVE(1, 99, NOT_FOUND),
	    SHELVE(1, 1, 0, "x", BAD), SHELVE(1, 1, 60, "", BAD),
	    SHELVE(1, 1, 60, NULL, BAD), ACK(1, 0, "ana", "x", 0, NOT_FOUND),
	    EXPECT(1, FIRING, W, 0), OPS(1, 0, NULL, NULL), CHANGED(0) } },
	{ "approve records each time; needs an action", 0, 0, {
	    RAISE(0, 1, W, 1), APPROVE(1, 1, DONE), APPROVE(2, 1, DONE),
	    OPS(1, 2, "approve", "go"), EXPECT(1, FIRING, W, 0),
	    RAISE_NOACTION(3, 2, W, 2), APPROVE(4, 2, BAD),
	    OPS(2, 0, NULL, NULL) } },
	{ "resolved dropped after ALERTS_KEEP_MS", 0, 0, {
	    RAISE(0, 1, W, 1), RAISE(0, 2, W, 2), RESOLVE(10, 1, 0),
	    CHANGED(2), TICK(609, 0), COUNT(2), TICK(610, 0), COUNT(1),
	    GONE(1), EXPECT(2, FIRING, W, 0), TICK(5000, 0), COUNT(1) } },
	{ "an unpublished resolution outlives ALERTS_KEEP_MS", 0, 0, {
	    RAISE(0, 1, W, 1), RESOLVE(10, 1, 0), TICK(700, 0), COUNT(1),
	    CHANGED(1), TICK(701, 0), COUNT(0), GONE(1) } },
	{ "changed lists each entry once", 60, 0, {
	    RAISE(0, 1, W, 1), RAISE(1, 1, W, 1), RAISE(2, 2, W, 2),
	    ACK(3, 1, "ana", "x", 0, DONE), COMMENT(4, 1, "y", DONE),
	    CHANGED(2), CHANGED(0), TICK(62, 1), CHANGED(1),
	    TICK(63, 0), CHANGED(0) } },
};

/*
 * Sticky and non-sticky acks (PROTOCOL.md 6.7). The rule of most: above
 * is worse, threshold 5, clear 4.5, so one clear band is 0.5; values are
 * binary fractions so that "exactly at the edge" is exact.
 */
#define R_ABOVE		{ 1, 0.5, FOHP_RK_THRESHOLD }	/* > 5, clears < 4.5 */
#define R_RUL		{ -1, 2, FOHP_RK_RUL }		/* < 24, clears >= 26 */
#define R_STATUS	{ 1, 0, FOHP_RK_STATUS }	/* any worse status */
#define R_EXTERNAL	{ 0, 0, FOHP_RK_EXTERNAL }	/* no direction */

static const struct ack_case ack_cases[] = {
	{ R_ABOVE,
	  { "sticky holds over a worsening value and a severity rise", 60, 0, {
	    RAISEV(0, 1, W, 5.25, 1, 0), ACK(1, 1, "ana", "on it", 0, DONE),
	    ACKTYPE(1, STICKY), RAISEV(2, 1, W, 9, 1, 0),
	    RAISEV(3, 1, C, 12, 1, 0), EXPECT(1, ACKED, C, 0),
	    ACKBY(1, "ana"), ACKTYPE(1, STICKY), TICK(600, 0),
	    EXPECT(1, ACKED, C, 0), OPS(1, 1, "ack", "on it"),
	    ACKT(601, 1, "bo", "x", 0, NONSTICKY, UNCHANGED),
	    ACKTYPE(1, STICKY) } } },
	{ R_ABOVE,
	  { "explicit sticky is the default", 0, 0, {
	    RAISEV(0, 1, W, 5.25, 1, 0),
	    ACKT(1, 1, "ana", "on it", 0, STICKY, DONE), ACKTYPE(1, STICKY),
	    RAISEV(2, 1, W, 50, 1, 0), EXPECT(1, ACKED, W, 0),
	    ACKT(3, 1, "bo", "x", 0, FOHP_ACK_COUNT, BAD),
	    ACKBY(1, "ana") } } },
	{ R_ABOVE,
	  { "non-sticky ends past one clear band, not at its edge", 60, 0, {
	    RAISEV(0, 1, W, 5.25, 1, 0),
	    ACKT(1, 1, "ana", "on it", 0, NONSTICKY, DONE),
	    EXPECT(1, ACKED, W, 0), ACKTYPE(1, NONSTICKY), CHANGED(1),
	    RAISEV(2, 1, W, 5.75, 1, 0), EXPECT(1, ACKED, W, 0),
	    RAISEV(3, 1, W, 5, 1, 0), RAISEV(4, 1, W, 5.5, 1, 0),
	    EXPECT(1, ACKED, W, 0), CHANGED(1),
	    RAISEV(5, 1, W, 5.875, 1, 1), EXPECT(1, FIRING, W, 0),
	    ACKBY(1, ""), ACKTYPE(1, 0), CHANGED(1),
	    LASTOP(1, "ack-ended", "value worsened past 5.75"),
	    OPS(1, 2, "ack", "value worsened past 5.75"),
	    /* unattended again: escalates escalate_s after the end */
	    TICK(64, 0), EXPECT(1, FIRING, W, 0), TICK(65, 1),
	    EXPECT(1, FIRING, C, 1) } } },
	{ R_ABOVE,
	  { "non-sticky acked while clear is judged from the threshold", 0,
	    0, {
	    RAISEV(0, 1, W, 3, 1, 0),	/* flapping, clear now: under 4 */
	    ACKT(1, 1, "ana", "on it", 0, NONSTICKY, DONE),
	    RAISEV(2, 1, W, 4.4, 1, 0), EXPECT(1, ACKED, W, 0),
	    RAISEV(3, 1, W, 4.5, 1, 0), EXPECT(1, ACKED, W, 0),
	    RAISEV(4, 1, W, 4.6, 1, 1), EXPECT(1, FIRING, W, 0),
	    LASTOP(1, "ack-ended", "value worsened past 4.50") } } },
	{ R_ABOVE,
	  { "non-sticky ends when the severity rises", 0, 0, {
	    RAISEV(0, 1, W, 5.25, 1, 0),
	    ACKT(1, 1, "ana", "on it", 0, NONSTICKY, DONE),
	    RAISEV(2, 1, I, 5.25, 1, 0), EXPECT(1, ACKED, W, 0),
	    RAISEV(3, 1, C, 5.25, 1, 1), EXPECT(1, FIRING, C, 0),
	    ACKTYPE(1, 0), LASTOP(1, "ack-ended", "severity rose to critical"),
	    RAISEV(4, 1, C, 9, 1, 0), OPS(1, 2, "ack", NULL) } } },
	{ R_RUL,
	  { "non-sticky on a below rule: lower is worse", 0, 0, {
	    RAISEV(0, 1, W, 20, 1, 0),
	    ACKT(1, 1, "ana", "swap due", 0, NONSTICKY, DONE),
	    RAISEV(2, 1, W, 30, 1, 0), RAISEV(3, 1, W, 18, 1, 0),
	    EXPECT(1, ACKED, W, 0),
	    RAISEV(4, 1, W, 17.5, 1, 1), EXPECT(1, FIRING, W, 0),
	    LASTOP(1, "ack-ended", "value worsened past 18.00") } } },
	{ R_STATUS,
	  { "non-sticky on a status rule: any worse status", 0, 0, {
	    RAISEV(0, 1, W, FOHP_ST_WARNING, 1, 0),
	    ACKT(1, 1, "ana", "fan", 0, NONSTICKY, DONE),
	    RAISEV(2, 1, W, FOHP_ST_WARNING, 1, 0), RAISEV(3, 1, W, 0, 1, 0),
	    EXPECT(1, ACKED, W, 0),
	    RAISEV(4, 1, W, FOHP_ST_ERROR, 1, 1), EXPECT(1, FIRING, W, 0),
	    LASTOP(1, "ack-ended", "status worsened to error") } } },
	{ R_EXTERNAL,
	  { "no direction known: only a severity rise ends it", 0, 0, {
	    RAISEV(0, 1, W, 5, 1, 0),
	    ACKT(1, 1, "ana", "seen", 0, NONSTICKY, DONE),
	    RAISEV(2, 1, W, 1e9, 1, 0), RAISEV(3, 1, W, -1e9, 1, 0),
	    EXPECT(1, ACKED, W, 0), RAISEV(4, 1, C, 0, 1, 1),
	    EXPECT(1, FIRING, C, 0) } } },
	{ R_ABOVE,
	  { "re-ack after an ended ack: a new reference", 0, 0, {
	    RAISEV(0, 1, W, 5.25, 1, 0),
	    ACKT(1, 1, "ana", "first", 0, NONSTICKY, DONE),
	    RAISEV(2, 1, W, 6, 1, 1), EXPECT(1, FIRING, W, 0),
	    ACKT(3, 1, "bo", "second", 0, NONSTICKY, DONE),
	    EXPECT(1, ACKED, W, 0), ACKBY(1, "bo"), ACKTYPE(1, NONSTICKY),
	    RAISEV(4, 1, W, 6.5, 1, 0), EXPECT(1, ACKED, W, 0),
	    RAISEV(5, 1, W, 6.625, 1, 1), EXPECT(1, FIRING, W, 0),
	    LASTOP(1, "ack-ended", "value worsened past 6.50"),
	    ACKT(6, 1, "cy", "third", 0, STICKY, DONE),
	    RAISEV(7, 1, W, 40, 1, 0), EXPECT(1, ACKED, W, 0),
	    OPS(1, 5, "ack", "third") } } },
	{ R_ABOVE,
	  { "unack clears the type; a sticky ack after it holds", 0, 0, {
	    RAISEV(0, 1, W, 5.25, 1, 0),
	    ACKT(1, 1, "ana", "x", 0, NONSTICKY, DONE), UNACK(2, 1, DONE),
	    ACKTYPE(1, 0), RAISEV(3, 1, W, 9, 1, 0), EXPECT(1, FIRING, W, 0),
	    ACK(4, 1, "bo", "y", 0, DONE), ACKTYPE(1, STICKY),
	    RAISEV(5, 1, W, 99, 1, 0), EXPECT(1, ACKED, W, 0) } } },
	{ R_ABOVE,
	  { "non-sticky ended while shelved: shelved, then firing", 60, 0, {
	    RAISEV(0, 1, W, 5.25, 1, 0), SHELVE(1, 1, 100, "doors", DONE),
	    ACKT(2, 1, "ana", "x", 0, NONSTICKY, DONE),
	    RAISEV(3, 1, W, 7, 1, 1), EXPECT(1, SHELVED, W, 0),
	    ACKBY(1, ""), TICK(101, 1), EXPECT(1, FIRING, W, 0),
	    TICK(160, 0), TICK(161, 1), EXPECT(1, FIRING, C, 1) } } },
	{ R_ABOVE,
	  { "non-sticky expiry is recorded and escalates", 0, 0, {
	    RAISEV(0, 1, W, 5.25, 1, 0),
	    ACKT(1, 1, "ana", "brb", 30, NONSTICKY, DONE),
	    TICK(30, 0), TICK(31, 1), EXPECT(1, FIRING, C, 1), ACKTYPE(1, 0),
	    LASTOP(1, "ack-expired", "ack by ana expired"),
	    RAISEV(32, 1, C, 99, 1, 0) } } },
	{ R_ABOVE,
	  { "a resolved alert ends nothing", 0, 0, {
	    RAISEV(0, 1, W, 5.25, 1, 0),
	    ACKT(1, 1, "ana", "x", 0, NONSTICKY, DONE), RESOLVE(2, 1, 0),
	    EXPECT(1, RESOLVED, W, 0), OPS(1, 1, "ack", "x") } } },
};

/* Whether an op is one the agent makes by itself (no operator). */
static int
agent_op(const char *op)
{
	return (strcmp(op, "ack-expired") == 0 || strcmp(op, "ack-ended") == 0 ||
	    strcmp(op, "flapping") == 0 || strcmp(op, "settled") == 0);
}

/* Fail with the case and step that went wrong. */
#define want_eq(c, i, what, got, want) do {				\
	long long	got_ = (long long)(got), want_ = (long long)(want); \
									\
	if (got_ != want_)						\
		fail_msg("%s: step %u: %s is %lld, want %lld",		\
		    (c)->name, (i), (what), got_, want_);		\
} while (0)

/* The alert a script raises: fingerprint f, value t. */
static void
make_alert(struct fohp_alert *a, const struct step *s)
{
	memset(a, 0, sizeof(*a));
	a->fingerprint = s->fp;
	snprintf(a->rule, sizeof(a->rule), "rule-%llu",
	    (unsigned long long)s->fp);
	snprintf(a->subject, sizeof(a->subject), "zone-%llu",
	    (unsigned long long)s->fp);
	snprintf(a->title, sizeof(a->title), "crowding at %u s", s->t_s);
	a->severity = s->sev;
	a->value = s->kind == S_RAISEV ? s->v : s->t_s;
	/* The ack scripts' rules: above 4, or below 24 (R_RUL). */
	a->threshold = test_rule.dir < 0 ? 24 : 4;
	a->margin = a->value - a->threshold;
	a->rkind = FOHP_RK_THRESHOLD;
	snprintf(a->action, sizeof(a->action), "%s", s->text);
	/* Operator fields in a raise are ignored. */
	a->id = 999;
	a->state = FOHP_AS_ACKED;
	a->escalated = 9;
	snprintf(a->acked_by, sizeof(a->acked_by), "intruder");
}

/* The entry with an id, failing if there is none. */
static struct alerts_entry *
find_or_fail(const struct life_case *c, unsigned i, struct alerts *as,
    uint64_t id)
{
	struct alerts_entry	*e;

	if ((e = alerts_find(as, id)) == NULL)
		fail_msg("%s: step %u: no alert %llu", c->name, i,
		    (unsigned long long)id);
	return (e);
}

/* Check alerts_changed lists n distinct entries. */
static void
check_changed(const struct life_case *c, unsigned i, struct alerts *as,
    unsigned want)
{
	struct alerts_entry	*out[ALERTS_MAX];
	unsigned		 n, j, k;

	n = alerts_changed(as, out, ALERTS_MAX);
	want_eq(c, i, "changed", n, want);
	for (j = 0; j < n; j++) {
		want_eq(c, i, "changed mark", out[j]->changed, 0);
		for (k = j + 1; k < n; k++) {
			if (out[j] == out[k])
				fail_msg("%s: step %u: listed twice", c->name,
				    i);
		}
	}
}

/* Run one step of a script. */
static void
run_step(const struct life_case *c, unsigned i, struct alerts *as)
{
	const struct step	*s = &c->steps[i];
	uint64_t		 now = AT(s->t_s);
	struct fohp_alert	 a;
	struct alerts_entry	*e;
	const struct fohp_alert_op *o;

	switch (s->kind) {
	case S_END:
		break;
	case S_RAISE:
		make_alert(&a, s);
		e = alerts_raise(as, &a, c->escalate_s * 1000, now);
		want_eq(c, i, "raised id", e == NULL ? 0 : e->a.id, s->want);
		break;
	case S_RESOLVE:
		want_eq(c, i, "resolve", alerts_resolve(as, s->fp, now),
		    s->want);
		break;
	case S_ACK:
		want_eq(c, i, "ack", alerts_ack(as, s->id, s->who, s->text,
		    s->n, s->at, now), s->want);
		break;
	case S_RAISEV:
		make_alert(&a, s);
		a.rkind = test_rule.rkind;
		e = alerts_raise(as, &a, c->escalate_s * 1000, now);
		want_eq(c, i, "raised id", e == NULL ? 0 : e->a.id, s->want);
		if (e != NULL)
			want_eq(c, i, "ack ended", alerts_worsened(e,
			    test_rule.dir, test_rule.band, now), s->n);
		break;
	case S_ACKTYPE:
		e = find_or_fail(c, i, as, s->id);
		want_eq(c, i, "ack_type", e->a.ack_type, s->n);
		break;
	case S_LASTOP:
		e = find_or_fail(c, i, as, s->id);
		if (e->a.nops == 0)
			fail_msg("%s: step %u: no ops", c->name, i);
		o = &e->a.ops[e->a.nops - 1];
		if (strcmp(o->op, s->who) != 0 || strcmp(o->note, s->text) != 0)
			fail_msg("%s: step %u: last op \"%s\" \"%s\", want "
			    "\"%s\" \"%s\"", c->name, i, o->op, o->note, s->who,
			    s->text);
		want_eq(c, i, "op by fohd", o->operator_name[0] == '\0',
		    agent_op(o->op));
		break;
	case S_UNACK:
		want_eq(c, i, "unack", alerts_unack(as, s->id, s->who, now),
		    s->want);
		break;
	case S_SHELVE:
		want_eq(c, i, "shelve", alerts_shelve(as, s->id, s->who, s->n,
		    s->text, now), s->want);
		break;
	case S_UNSHELVE:
		want_eq(c, i, "unshelve", alerts_unshelve(as, s->id, s->who,
		    now), s->want);
		break;
	case S_COMMENT:
		want_eq(c, i, "comment", alerts_comment(as, s->id, s->who,
		    s->text, now), s->want);
		break;
	case S_APPROVE:
		want_eq(c, i, "approve", alerts_approve(as, s->id, s->who,
		    s->text, now), s->want);
		break;
	case S_TICK:
		if (s->want >= 0)
			want_eq(c, i, "tick", alerts_tick(as, now), s->want);
		else
			alerts_tick(as, now);
		break;
	case S_EXPECT:
		e = find_or_fail(c, i, as, s->id);
		want_eq(c, i, "state", e->a.state, s->state);
		want_eq(c, i, "severity", e->a.severity, s->sev);
		want_eq(c, i, "escalated", e->a.escalated, s->esc);
		if (s->state == FOHP_AS_RESOLVED)
			assert_ptr_not_equal(alerts_open(as, e->a.fingerprint),
			    e);
		else
			assert_ptr_equal(alerts_open(as, e->a.fingerprint), e);
		break;
	case S_ACKBY:
		e = find_or_fail(c, i, as, s->id);
		if (strcmp(e->a.acked_by, s->who) != 0)
			fail_msg("%s: step %u: acked by \"%s\", want \"%s\"",
			    c->name, i, e->a.acked_by, s->who);
		if (*s->who == '\0') {
			want_eq(c, i, "acked_ms", e->a.acked_ms, 0);
			want_eq(c, i, "ack_expires_ms", e->a.ack_expires_ms, 0);
		} else
			assert_true(e->a.acked_ms != 0);
		break;
	case S_EXPLAIN:
		e = find_or_fail(c, i, as, s->id);
		want_eq(c, i, "since", e->a.since_ms, AT(s->n));
		want_eq(c, i, "value", e->a.value, s->want);
		want_eq(c, i, "margin", e->a.margin, s->want - 4);
		assert_int_equal(e->a.rkind, FOHP_RK_THRESHOLD);
		break;
	case S_OPS:
		e = find_or_fail(c, i, as, s->id);
		want_eq(c, i, "nops", e->a.nops, s->n);
		if (s->n == 0)
			break;
		o = &e->a.ops[0];
		if (strcmp(o->op, s->who) != 0)
			fail_msg("%s: step %u: first op \"%s\", want \"%s\"",
			    c->name, i, o->op, s->who);
		o = &e->a.ops[e->a.nops - 1];
		if (s->text != NULL && strcmp(o->note, s->text) != 0)
			fail_msg("%s: step %u: last note \"%s\", want \"%s\"",
			    c->name, i, o->note, s->text);
		assert_true(o->operator_name[0] != '\0' || agent_op(o->op));
		break;
	case S_COUNT:
		want_eq(c, i, "entries", as->n, s->n);
		break;
	case S_GONE:
		assert_null(alerts_find(as, s->id));
		break;
	case S_CHANGED:
		check_changed(c, i, as, s->n);
		break;
	}
}

/* Every lifecycle script. */
static void
test_alerts_life_table(void **state)
{
	struct alerts		*as;
	const struct life_case	*c;
	unsigned		 k, i;

	as = &test_table;
	for (k = 0; k < nitems(life_cases); k++) {
		c = &life_cases[k];
		alerts_init(as, c->last_id);
		for (i = 0; i < nitems(c->steps); i++) {
			if (c->steps[i].kind == S_END)
				break;
			run_step(c, i, as);
		}
	}
}

/* Every sticky and non-sticky ack script. */
static void
test_alerts_ack_table(void **state)
{
	struct alerts		*as;
	const struct life_case	*c;
	unsigned		 k, i;

	as = &test_table;
	for (k = 0; k < nitems(ack_cases); k++) {
		c = &ack_cases[k].c;
		test_rule = ack_cases[k].rule;
		alerts_init(as, c->last_id);
		for (i = 0; i < nitems(c->steps); i++) {
			if (c->steps[i].kind == S_END)
				break;
			run_step(c, i, as);
		}
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alerts_life_table),
		cmocka_unit_test(test_alerts_ack_table),
	};

	return (cmocka_run_group_tests_name("alerts", tests, NULL, NULL));
}
