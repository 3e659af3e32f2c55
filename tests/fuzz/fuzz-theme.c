/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * fuzz-theme.c: libFuzzer target for theme files (theme_load_string in
 * ui/theme.c), over the built-in dark theme as the loader's defaults.
 *
 * An error must name file:line. Whatever loads (and, on error, the
 * defaults it falls back to) must give every slot colour numbers the
 * terminal can take, for 8, 16, 256 colours and direct colour.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "ui/theme.h"

/* Every slot's colours are in range for ncolours. */
static void
fuzz_theme_colours(const struct theme *t)
{
	static const int	ncolours[] = { 8, 16, 256, 0x1000000 };
	unsigned		i, s;
	int			fg, bg;

	for (i = 0; i < sizeof(ncolours) / sizeof(ncolours[0]); i++) {
		for (s = 0; s < THEME_SLOTS; s++) {
			theme_slot_colours(t, s, ncolours[i], &fg, &bg);
			if (fg < -1 || fg >= ncolours[i] || bg < -1 ||
			    bg >= ncolours[i])
				abort();
		}
	}
}

/* One theme file. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static struct theme	dark;
	static int		ready;
	struct theme		t;
	char			*text, err[512];
	int			rv;

	if (!ready) {
		theme_builtin_dark(&dark);
		ready = 1;
	}
	text = fuzz_string(data, len);
	err[0] = '\0';
	rv = theme_load_string(&t, text, "fuzz.theme", &dark, err,
	    sizeof(err));
	if (rv != 0)
		fuzz_check_where(err, "fuzz.theme");
	fuzz_theme_colours(&t);
	free(text);
	return (0);
}
