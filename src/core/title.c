/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * title.c: an alert's title, from what its rule really tests.
 *
 * The templates, one per kind of rule (S the subject, M the metric in
 * words, U the unit in words):
 *
 *   level (threshold, rul, drift), the condition holds:
 *	"S: M v > t U", "S: M v < t U", "S: M v ≥ t"
 *   level, firing but back inside the hysteresis band:
 *	"S: M v U, clearing (below c)"  (">" and "≥" rules)
 *	"S: M v U, clearing (above c)"  ("<" rules)
 *   and past the clear level, should the alert outlive it (flapping):
 *	"S: M v U, cleared (below c)"
 *   rate (change per minute), with its sign:
 *	"S: M rising +v > +t U per minute", "... falling -v < -t ...",
 *	and in the band "S: M rising +v U per minute, clearing (below +c)"
 *   forecast:
 *	"S: M v U, reaches t in 6m" (under a minute: "in 40s"),
 *	"S: M v U, already at or above t" (its trend is, and so is v),
 *	"S: M v U, trend already at or above t" (v is not yet), or what
 *	the forecast says
 *   status:
 *	"S: error", "S: warning (lamp wear 99% of limit)"
 *
 * Numbers have two decimals, more when two different numbers would
 * otherwise print the same ("0.0949, clearing (below 0.09)" rather than
 * "0.09, clearing (below 0.09)"), and three significant digits past a
 * million.
 */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "title.h"
#include "lib/text.h"

/* What is written before cutting: room for any subject and detail. */
#define TITLE_SCRATCH	(4 * FOHP_TEXT_MAX)

/* The comparison of a rule of this kind, as rules_test makes it. */
enum title_cmp
title_cmp_of(enum fohp_rule_kind kind, int below)
{
	switch (kind) {
	case FOHP_RK_THRESHOLD:
	case FOHP_RK_RATE:
		return (below ? TITLE_LT : TITLE_GT);
	case FOHP_RK_RUL:
		return (TITLE_LT);
	case FOHP_RK_DRIFT:
	case FOHP_RK_FORECAST:
		return (TITLE_GE);
	case FOHP_RK_STATUS:
		return (TITLE_STATUS);
	default:
		break;
	}
	return (below ? TITLE_LT : TITLE_GT);
}

/* Whether value is past threshold by cmp. */
int
title_holds(enum title_cmp cmp, double value, double threshold)
{
	switch (cmp) {
	case TITLE_GT:
		return (value > threshold);
	case TITLE_LT:
		return (value < threshold);
	case TITLE_GE:
	case TITLE_STATUS:
		break;
	}
	return (value >= threshold);
}

/* A metric id in words. */
const char *
title_metric_words(const char *metric)
{
	static const struct {
		const char	*id, *words;
	} m[] = {
		{ "density", "density" },
		{ "flow_pmm", "flow" },
		{ "rul_h", "remaining life" },
		{ "score", "drift score" },
		{ "status", "status" },
	};
	size_t	i;

	if (metric == NULL)
		return ("");
	for (i = 0; i < sizeof(m) / sizeof(m[0]); i++) {
		if (strcmp(m[i].id, metric) == 0)
			return (m[i].words);
	}
	return (metric);
}

/* A unit in words. */
const char *
title_unit_words(const char *unit)
{
	static const struct {
		const char	*unit, *words;
	} u[] = {
		{ "p/m\xc2\xb2", "people per m\xc2\xb2" },
		{ "p/m2", "people per m\xc2\xb2" },
		{ "p/m/min", "people per metre per minute" },
		{ "h", "hours" },
		{ "min", "minutes" },
		{ "s", "seconds" },
		{ "C", "\xc2\xb0" "C" },
	};
	size_t	i;

	if (unit == NULL)
		return ("");
	for (i = 0; i < sizeof(u) / sizeof(u[0]); i++) {
		if (strcmp(u[i].unit, unit) == 0)
			return (u[i].words);
	}
	return (unit);
}

/* Cut a UTF-8 string to at most max bytes, at a sequence boundary. */
size_t
title_cut(char *s, size_t max)
{
	size_t	n = strlen(s);

	if (n <= max)
		return (n);
	n = max;
	/* s[n] would be the first byte left out: if it continues a
	 * sequence, the sequence started before the cut; drop all of it. */
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	s[n] = '\0';
	return (n);
}

/* Append to a bounded buffer, truncating. */
static void __attribute__((format(printf, 3, 4)))
title_add(char *buf, size_t len, const char *fmt, ...)
{
	size_t	used = strlen(buf);
	va_list	ap;

	if (used + 1 >= len)
		return;
	va_start(ap, fmt);
	vsnprintf(buf + used, len - used, fmt, ap);
	va_end(ap);
}

/* Whether v, printed with d decimals, looks like other though it is not. */
static int
title_num_same(double v, double other, int d, int sign)
{
	char	a[64], b[64];

	if (v == other || !isfinite(other))
		return (0);
	snprintf(a, sizeof(a), sign ? "%+.*f" : "%.*f", d, v);
	snprintf(b, sizeof(b), sign ? "%+.*f" : "%.*f", d, other);
	return (strcmp(a, b) == 0);
}

/*
 * A number as the title shows it: two decimals, more (up to six) when it
 * differs from o1 or o2 (NAN: none) but would print the same; signed if
 * sign.
 */
static void
title_num(char *buf, size_t len, double v, double o1, double o2, int sign)
{
	char	a[64];
	size_t	n;
	int	d;

	if (!isfinite(v)) {
		snprintf(buf, len, "%s", isnan(v) ? "?" : v > 0 ?
		    "\xe2\x88\x9e" : "-\xe2\x88\x9e");
		return;
	}
	if (fabs(v) >= 1e6) {
		snprintf(buf, len, sign ? "%+.3g" : "%.3g", v);
		return;
	}
	for (d = 2; d <= 6; d++) {
		if (!title_num_same(v, o1, d, sign) &&
		    !title_num_same(v, o2, d, sign))
			break;
	}
	if (d > 6)
		snprintf(a, sizeof(a), sign ? "%+g" : "%g", v);
	else {
		snprintf(a, sizeof(a), sign ? "%+.*f" : "%.*f", d, v);
		/* Decimals past two only as far as they tell. */
		n = strlen(a);
		while (d-- > 2 && a[n - 1] == '0')
			a[--n] = '\0';
	}
	snprintf(buf, len, "%s", a);
}

/* The comparison's sign. */
static const char *
title_op(enum title_cmp cmp)
{
	switch (cmp) {
	case TITLE_GT:
		return (">");
	case TITLE_LT:
		return ("<");
	case TITLE_GE:
	case TITLE_STATUS:
		break;
	}
	return ("\xe2\x89\xa5");	/* ≥ */
}

/* Which side the rule clears on: "below" for > and ≥, "above" for <. */
static const char *
title_clears(enum title_cmp cmp)
{
	return (cmp == TITLE_LT ? "above" : "below");
}

/* Not past the threshold: "clearing" inside the band, else "cleared". */
static const char *
title_band(const struct title_in *in)
{
	return (in->cleared ? "cleared" : "clearing");
}

/*
 * A time to come, as text_duration writes it: whole seconds under a minute
 * ("40s", never under "1s"), else to the minute ("6m", "1h20m", "1h").
 */
static void
title_eta(char *buf, size_t len, double s)
{
	uint64_t	ms;

	if (!(s >= 0))
		s = 0;
	if (s < 59.5)
		ms = (uint64_t)(s < 1 ? 1 : lround(s)) * 1000;
	else
		ms = (uint64_t)lround(s / 60) * 60000;
	text_duration(buf, len, ms, 2);
}

/* Level rules (threshold, rul, drift): the value against its level. */
static void
title_level(char *buf, size_t len, const struct title_in *in,
    const char *unit)
{
	char	v[64], t[64];

	if (in->on) {
		title_num(v, sizeof(v), in->value, in->threshold, NAN, 0);
		title_num(t, sizeof(t), in->threshold, in->value, NAN, 0);
		title_add(buf, len, " %s %s %s%s%s", v, title_op(in->cmp), t,
		    *unit != '\0' ? " " : "", unit);
		return;
	}
	title_num(v, sizeof(v), in->value, in->clear, in->threshold, 0);
	title_num(t, sizeof(t), in->clear, in->value, NAN, 0);
	title_add(buf, len, " %s%s%s, %s (%s %s)", v,
	    *unit != '\0' ? " " : "", unit, title_band(in),
	    title_clears(in->cmp), t);
}

/* Rate rules: the change per minute, signed, against its level. */
static void
title_rate(char *buf, size_t len, const struct title_in *in,
    const char *unit)
{
	const char	*word;
	char		 v[64], t[64];

	word = in->value > 0 ? "rising" : in->value < 0 ? "falling" :
	    "steady";
	if (in->on) {
		title_num(v, sizeof(v), in->value, in->threshold, NAN, 1);
		title_num(t, sizeof(t), in->threshold, in->value, NAN, 1);
		title_add(buf, len, " %s %s %s %s%s%s per minute", word, v,
		    title_op(in->cmp), t, *unit != '\0' ? " " : "", unit);
		return;
	}
	title_num(v, sizeof(v), in->value, in->clear, in->threshold, 1);
	title_num(t, sizeof(t), in->clear, in->value, NAN, 1);
	title_add(buf, len, " %s %s%s%s per minute, %s (%s %s)", word,
	    v, *unit != '\0' ? " " : "", unit, title_band(in),
	    title_clears(in->cmp), t);
}

/* Forecast rules: the value now, and when it reaches the level. */
static void
title_forecast(char *buf, size_t len, const struct title_in *in,
    const char *unit)
{
	char	v[64], t[64], eta[32];

	title_num(v, sizeof(v), in->value, in->threshold, NAN, 0);
	title_num(t, sizeof(t), in->threshold, in->value, NAN, 0);
	title_add(buf, len, " %s%s%s, ", v, *unit != '\0' ? " " : "", unit);
	switch (in->fc_state) {
	case FOHP_FC_CROSSING:
		title_eta(eta, sizeof(eta), in->fc_eta_s);
		title_add(buf, len, "reaches %s in %s", t, eta);
		break;
	case FOHP_FC_ALREADY:
		/* The fitted trend is there; the last value may not be. */
		title_add(buf, len, "%salready at or above %s",
		    in->value >= in->threshold ? "" : "trend ", t);
		break;
	case FOHP_FC_BEYOND:
		title_add(buf, len, "not forecast to reach %s soon", t);
		break;
	case FOHP_FC_NOT_RISING:
		title_add(buf, len, "not rising toward %s", t);
		break;
	case FOHP_FC_POOR_FIT:
		title_add(buf, len, "no reliable forecast toward %s", t);
		break;
	default:
		title_add(buf, len, "forecast toward %s pending", t);
		break;
	}
}

/* Write the title. */
size_t
title_write(char *buf, size_t len, const struct title_in *in)
{
	char		 s[TITLE_SCRATCH];
	const char	*subject = in->subject != NULL ? in->subject : "";
	const char	*unit = title_unit_words(in->unit);
	size_t		 max;

	if (len == 0)
		return (0);
	*s = '\0';
	if (in->kind == FOHP_RK_STATUS || in->cmp == TITLE_STATUS) {
		title_add(s, sizeof(s), "%s: %s", subject,
		    fohp_status_name((enum fohp_status)(int)in->value));
		if (in->detail != NULL && *in->detail != '\0')
			title_add(s, sizeof(s), " (%s)", in->detail);
	} else {
		title_add(s, sizeof(s), "%s: %s", subject,
		    title_metric_words(in->metric));
		if (in->kind == FOHP_RK_RATE)
			title_rate(s, sizeof(s), in, unit);
		else if (in->kind == FOHP_RK_FORECAST)
			title_forecast(s, sizeof(s), in, unit);
		else
			title_level(s, sizeof(s), in, unit);
	}
	max = len - 1 < FOHP_TEXT_MAX - 1 ? len - 1 : FOHP_TEXT_MAX - 1;
	title_cut(s, max);
	memcpy(buf, s, strlen(s) + 1);
	return (strlen(buf));
}
