/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * fuzz-scenario.c: libFuzzer target for scenario files (scenario_load_string
 * in src/sim/scenario-parse.c), against each demo venue whose id the text
 * contains (a scenario names its venue), or the arena if it names none.
 * Loading costs a few large allocations, so trying only likely venues keeps
 * the rate up.
 *
 * An error must name file:line. A scenario that loads is played: a few
 * ticks spread over its duration through scenario_step, and each tick's
 * frame through scenario_json, which must be valid JSON.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "fuzz.h"
#include "sim/scenario.h"

#define FUZZ_STEPS	12	/* ticks played per loaded scenario */

static struct reading_batch	*fuzz_batch;
static char			 fuzz_frame[READING_FRAME_MAX];

/* Play a few ticks of a loaded scenario. */
static void
fuzz_scenario_play(struct scenario *s)
{
	double	 span = isfinite(s->duration_s) && s->duration_s > 0 ?
		    s->duration_s : 1, t_s;
	size_t	 n;
	json_t	*v;
	int	 i;

	for (i = 0; i <= FUZZ_STEPS; i++) {
		t_s = span * i / FUZZ_STEPS;
		fuzz_batch->n = 0;
		fuzz_batch->npool = 0;
		if (scenario_step(s, t_s, 1718000000000ULL, fuzz_batch) < 0)
			continue;
		n = scenario_json(fuzz_batch, fuzz_frame, sizeof(fuzz_frame));
		if (n == 0 || n >= sizeof(fuzz_frame))
			continue;
		if ((v = json_loadb(fuzz_frame, n, 0, NULL)) == NULL)
			abort();
		json_decref(v);
	}
}

/* One scenario file. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static const char	*venues[] = { "arena", "club", "festival" };
	struct scenario		 s;
	char			*text, err[512];
	unsigned		 i;

	if (fuzz_batch == NULL &&
	    (fuzz_batch = malloc(sizeof(*fuzz_batch))) == NULL)
		abort();
	text = fuzz_string(data, len);
	for (i = 0; i < sizeof(venues) / sizeof(venues[0]); i++) {
		if (strstr(text, venues[i]) == NULL && (i > 0 ||
		    strstr(text, venues[1]) != NULL ||
		    strstr(text, venues[2]) != NULL))
			continue;
		err[0] = '\0';
		if (scenario_load_string(&s, "fuzz.scn", text,
		    fuzz_venue(venues[i]), err, sizeof(err)) != 0) {
			fuzz_check_where(err, "fuzz.scn");
			continue;
		}
		fuzz_scenario_play(&s);
		scenario_free(&s);
	}
	free(text);
	return (0);
}
