/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * theme.c: load, find and downsample colour themes.
 *
 * A theme file is INI (cfg_parse): a [theme] section with name, background and
 * one key per slot, "band_c = #000000 on #ffd700, bold". Loading starts
 * from a copy of a default theme, so a partial file changes only what it
 * names; keys it does not know are skipped and counted (a newer theme on an
 * older foh still loads), and a value it cannot read stops nothing but is
 * reported as "FILE:LINE: ..." so the caller can fall back to the defaults.
 *
 * cfg_parse reads every line whole (or refuses it with its number) and
 * passes the line number to the handler; cfg_load names the line of the
 * first error, cfg_error writes any other "FILE:LINE: ...".
 *
 * Colours are kept as RGB and reduced per terminal only when asked:
 * theme_to_256 to the nearest (RGB distance) of the xterm cube and grey
 * ramp. For 16 and 8 colours the nearest by distance is a poor choice,
 * because the ANSI palette differs between terminals and greys sit close to
 * dark blues and cyans; so theme_to_16 and theme_to_8 classify instead: a
 * grey by its luminance, anything else by its hue (with orange kept apart
 * from yellow), bright or not by its value and luminance.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/cfg.h"
#include "theme.h"

#ifndef THEMEDIR
#define THEMEDIR "/usr/local/share/foh/themes"
#endif

/* The keys of the slots, in enum theme_slot order. */
static const char *const theme_slot_names[THEME_SLOTS] = {
	[THEME_NORMAL] = "normal",
	[THEME_STATUS] = "status",
	[THEME_KEYS] = "keys",
	[THEME_HEADING] = "heading",
	[THEME_SELECTED] = "selected",
	[THEME_DIM] = "dim",
	[THEME_LIVE] = "live",
	[THEME_STALE] = "stale",
	[THEME_OFFLINE] = "offline",
	[THEME_CONNECTING] = "connecting",
	[THEME_BORDER] = "border",
	[THEME_NODATA] = "nodata",
	[THEME_BAND_A] = "band_a",
	[THEME_BAND_B] = "band_b",
	[THEME_BAND_C] = "band_c",
	[THEME_BAND_D] = "band_d",
	[THEME_BAND_E] = "band_e",
	[THEME_BAND_F] = "band_f",
	[THEME_SEVERITY_INFO] = "severity_info",
	[THEME_SEVERITY_WARNING] = "severity_warning",
	[THEME_SEVERITY_CRITICAL] = "severity_critical",
	[THEME_STATE_FIRING] = "state_firing",
	[THEME_STATE_ACKNOWLEDGED] = "state_acknowledged",
	[THEME_STATE_SHELVED] = "state_shelved",
	[THEME_STATE_RESOLVED] = "state_resolved",
};

/* The attribute words, in bit order. */
static const struct {
	const char	*word;
	unsigned	 bit;
} theme_attr_words[] = {
	{ "bold", THEME_A_BOLD },
	{ "dim", THEME_A_DIM },
	{ "reverse", THEME_A_REVERSE },
	{ "underline", THEME_A_UNDERLINE },
};

#define THEME_NATTRS (sizeof theme_attr_words / sizeof theme_attr_words[0])

/* Shorthands for the built-in tables. */
#define C(f)		{ 1, (f), 0, 1, 0, 0 }
#define CA(f, a)	{ 1, (f), 0, 1, 0, (a) }
#define CB(f, b, a)	{ 1, (f), (b), 1, 1, (a) }
#define A(a)		{ 1, 0, 0, 0, 0, (a) }

/* themes/dark.theme, compiled in: today's look, and the fallback. */
static const struct theme theme_dark = {
	.name = "dark",
	.light = 0,
	.slot = {
		[THEME_NORMAL] =	A(0),
		[THEME_STATUS] =	CB(0xeeeeee, 0x005f87, THEME_A_BOLD),
		[THEME_KEYS] =		CB(0xd0d0d0, 0x303030, 0),
		[THEME_HEADING] =	CA(0x5fd7ff, THEME_A_BOLD),
		[THEME_SELECTED] =	CB(0xffffff, 0x444444, THEME_A_BOLD),
		[THEME_DIM] =		CA(0x808080, THEME_A_DIM),
		[THEME_LIVE] =		CA(0x00d700, THEME_A_BOLD),
		[THEME_STALE] =		CA(0xffaf00, THEME_A_BOLD),
		[THEME_OFFLINE] =	CA(0xff0000, THEME_A_BOLD),
		[THEME_CONNECTING] =	C(0x5fafff),
		[THEME_BORDER] =	C(0x585858),
		[THEME_NODATA] =	CB(0xbcbcbc, 0x3a3a3a, 0),
		[THEME_BAND_A] =	CB(0x000000, 0x00af00, 0),
		[THEME_BAND_B] =	CB(0x000000, 0xafd700, 0),
		[THEME_BAND_C] =	CB(0x000000, 0xffd700, 0),
		[THEME_BAND_D] =	CB(0x000000, 0xff8700, 0),
		[THEME_BAND_E] =	CB(0xffffff, 0xd70000, THEME_A_BOLD),
		[THEME_BAND_F] =	CB(0xffffff, 0xaf00ff, THEME_A_BOLD),
		[THEME_SEVERITY_INFO] =	C(0x5fafff),
		[THEME_SEVERITY_WARNING] = CA(0xffaf00, THEME_A_BOLD),
		[THEME_SEVERITY_CRITICAL] = CB(0xffffff, 0xd70000, THEME_A_BOLD),
		[THEME_STATE_FIRING] =	CA(0xff5f5f, THEME_A_BOLD),
		[THEME_STATE_ACKNOWLEDGED] = C(0xffd700),
		[THEME_STATE_SHELVED] =	C(0x8787af),
		[THEME_STATE_RESOLVED] = C(0x5faf5f),
	},
};

/* themes/mono.theme, compiled in: what a terminal without colour gets. */
static const struct theme theme_mono = {
	.name = "mono",
	.light = 0,
	.slot = {
		[THEME_NORMAL] =	A(0),
		[THEME_STATUS] =	A(THEME_A_REVERSE),
		[THEME_KEYS] =		A(THEME_A_REVERSE),
		[THEME_HEADING] =	A(THEME_A_BOLD),
		[THEME_SELECTED] =	A(THEME_A_REVERSE | THEME_A_BOLD),
		[THEME_DIM] =		A(THEME_A_DIM),
		[THEME_LIVE] =		A(THEME_A_BOLD),
		[THEME_STALE] =		A(THEME_A_BOLD),
		[THEME_OFFLINE] =	A(THEME_A_BOLD),
		[THEME_CONNECTING] =	A(0),
		[THEME_BORDER] =	A(0),
		[THEME_NODATA] =	A(0),
		[THEME_BAND_A] =	A(THEME_A_DIM),
		[THEME_BAND_B] =	A(0),
		[THEME_BAND_C] =	A(THEME_A_BOLD),
		[THEME_BAND_D] =	A(THEME_A_BOLD | THEME_A_UNDERLINE),
		[THEME_BAND_E] =	A(THEME_A_REVERSE),
		[THEME_BAND_F] =	A(THEME_A_REVERSE | THEME_A_BOLD),
		[THEME_SEVERITY_INFO] =	A(0),
		[THEME_SEVERITY_WARNING] = A(THEME_A_BOLD),
		[THEME_SEVERITY_CRITICAL] = A(THEME_A_REVERSE | THEME_A_BOLD),
		[THEME_STATE_FIRING] =	A(THEME_A_BOLD),
		[THEME_STATE_ACKNOWLEDGED] = A(0),
		[THEME_STATE_SHELVED] =	A(THEME_A_DIM),
		[THEME_STATE_RESOLVED] = A(THEME_A_DIM),
	},
};

#undef C
#undef CA
#undef CB
#undef A

/* The levels of each axis of the 6x6x6 cube. */
static const int theme_cube[6] = { 0, 95, 135, 175, 215, 255 };

/* Theme files are small: a larger one is refused, not read. */
#define THEME_FILE_MAX	(64 * 1024)

/* What one load is doing; the user pointer of the cfg_parse handler. */
struct theme_load {
	struct theme	*t;
	const char	*file;		/* for messages */
	char		 error[256];	/* the first error, without FILE:LINE */
	unsigned	 unknown;	/* keys ignored */
	int		 unknown_line;	/* of the first */
	char		 unknown_key[64];
};

/* The slot's key in a theme file. */
const char *
theme_slot_name(enum theme_slot slot)
{
	if ((int)slot < 0 || slot >= THEME_SLOTS)
		return (NULL);
	return (theme_slot_names[slot]);
}

/* The slot called name, or -1. */
int
theme_slot_find(const char *name)
{
	int	i;

	for (i = 0; i < THEME_SLOTS; i++) {
		if (strcmp(theme_slot_names[i], name) == 0)
			return (i);
	}
	return (-1);
}

/*
 * Record the first error of a load; later ones are consequences or noise.
 * The handler then refuses the line, and cfg_load names it.
 */
static void
theme_load_error(struct theme_load *l, const char *fmt, ...)
{
	va_list	ap;

	if (l->error[0] != '\0')
		return;
	va_start(ap, fmt);
	vsnprintf(l->error, sizeof l->error, fmt, ap);
	va_end(ap);
}

/* Parse "#RRGGBB" into rgb. Returns 0, or -1 if it is not that. */
static int
theme_parse_rgb(const char *s, uint32_t *rgb)
{
	int		i;
	uint32_t	v = 0;

	if (s[0] != '#' || strlen(s) != 7)
		return (-1);
	for (i = 1; i < 7; i++) {
		int	c = (unsigned char)s[i], d;

		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			return (-1);
		v = (v << 4) | (uint32_t)d;
	}
	*rgb = v;
	return (0);
}

/* The bit of an attribute word, or 0. */
static unsigned
theme_attr_bit(const char *word)
{
	size_t	i;

	for (i = 0; i < THEME_NATTRS; i++) {
		if (strcmp(theme_attr_words[i].word, word) == 0)
			return (theme_attr_words[i].bit);
	}
	return (0);
}

/* Cut s into whitespace-separated words, in place. Returns how many. */
static int
theme_words(char *s, char **w, int max)
{
	int	n = 0;

	for (;;) {
		while (isspace((unsigned char)*s))
			s++;
		if (*s == '\0')
			return (n);
		if (n == max)
			return (max + 1);
		w[n++] = s;
		while (*s != '\0' && !isspace((unsigned char)*s))
			s++;
		if (*s != '\0')
			*s++ = '\0';
	}
}

/* Parse one colour word ("#RRGGBB" or "default") for slot name. */
static int
theme_parse_colour(struct theme_load *l, const char *name, const char *word,
    uint32_t *rgb, int *has)
{
	if (strcmp(word, "default") == 0) {
		*rgb = 0;
		*has = 0;
		return (0);
	}
	if (theme_parse_rgb(word, rgb) != 0) {
		theme_load_error(l, "slot %s: \"%s\" is not #RRGGBB", name, word);
		return (-1);
	}
	*has = 1;
	return (0);
}

/*
 * Parse a slot's value: [COLOUR [on COLOUR]] followed by ", ATTR" parts,
 * or ATTR parts alone; COLOUR is #RRGGBB or "default".
 */
static int
theme_parse_slot(struct theme_load *l, int slot, const char *value)
{
	struct theme_colour	 c = { 1, 0, 0, 0, 0, 0 };
	const char		*name = theme_slot_names[slot];
	char			 buf[256], *part, *next, *w[4];
	int			 n, first = 1;
	unsigned		 bit;

	if (strlen(value) >= sizeof buf) {
		theme_load_error(l, "slot %s: value too long", name);
		return (-1);
	}
	memcpy(buf, value, strlen(value) + 1);
	for (part = buf; part != NULL; part = next, first = 0) {
		if ((next = strchr(part, ',')) != NULL)
			*next++ = '\0';
		n = theme_words(part, w, 4);
		if (n == 0) {
			theme_load_error(l, "slot %s: %s", name, first ?
			    "no value (\"default\" is the terminal's colour)" :
			    "nothing after ','");
			return (-1);
		}
		if ((bit = theme_attr_bit(w[0])) != 0) {
			if (n > 1) {
				theme_load_error(l, "slot %s: unexpected"
				    " \"%s\" after \"%s\"", name, w[1], w[0]);
				return (-1);
			}
			c.attrs |= bit;
			continue;
		}
		if (!first) {
			theme_load_error(l, "slot %s: \"%s\" is not bold, dim,"
			    " reverse or underline", name, w[0]);
			return (-1);
		}
		if (theme_parse_colour(l, name, w[0], &c.fg, &c.has_fg) != 0)
			return (-1);
		if (n == 1)
			continue;
		if (strcmp(w[1], "on") != 0) {
			theme_load_error(l, "slot %s: unexpected \"%s\" after"
			    " \"%s\"", name, w[1], w[0]);
			return (-1);
		}
		if (n == 2) {
			theme_load_error(l, "slot %s: \"on\" needs a background"
			    " colour", name);
			return (-1);
		}
		if (theme_parse_colour(l, name, w[2], &c.bg, &c.has_bg) != 0)
			return (-1);
		if (n > 3) {
			theme_load_error(l, "slot %s: unexpected \"%s\" after"
			    " \"%s\"", name, w[3], w[2]);
			return (-1);
		}
	}
	l->t->slot[slot] = c;
	return (0);
}

/*
 * cfg_parse handler: a section header (name NULL: nothing to do, as any
 * section may be empty) or one key. Returns 0 on an error.
 */
static int
theme_handler(void *user, int line, const char *section, const char *name,
    const char *value)
{
	struct theme_load	*l = user;
	int			 slot;

	if (name == NULL)
		return (1);
	if (strcmp(section, "theme") == 0) {
		if (strcmp(name, "name") == 0) {
			snprintf(l->t->name, sizeof l->t->name, "%s", value);
			return (1);
		}
		if (strcmp(name, "background") == 0) {
			if (strcmp(value, "dark") == 0)
				l->t->light = 0;
			else if (strcmp(value, "light") == 0)
				l->t->light = 1;
			else {
				theme_load_error(l, "background: \"%s\" is not"
				    " dark or light", value);
				return (0);
			}
			return (1);
		}
		if (strcmp(name, "luminance") == 0) {
			if (strcmp(value, "rising") == 0)
				l->t->rising = 1;
			else if (strcmp(value, "any") == 0)
				l->t->rising = 0;
			else {
				theme_load_error(l, "luminance: \"%s\" is not"
				    " rising or any", value);
				return (0);
			}
			return (1);
		}
		if ((slot = theme_slot_find(name)) >= 0)
			return (theme_parse_slot(l, slot, value) == 0);
	}
	if (l->unknown++ == 0) {
		l->unknown_line = line;
		if (*section != '\0' && strcmp(section, "theme") != 0)
			snprintf(l->unknown_key, sizeof l->unknown_key,
			    "[%s] %s", section, name);
		else
			snprintf(l->unknown_key, sizeof l->unknown_key, "%s",
			    name);
	}
	return (1);
}

/* The file's name without directory or ".theme", for a theme's name. */
static void
theme_name_from(char *name, size_t len, const char *file)
{
	const char	*base = strrchr(file, '/');
	size_t		 n;

	base = base != NULL ? base + 1 : file;
	n = strlen(base);
	if (n > 6 && strcmp(base + n - 6, ".theme") == 0)
		n -= 6;
	snprintf(name, len, "%.*s", (int)n, base);
}

/* Start *t from defaults (or empty) and name it after file. */
static void
theme_load_start(struct theme *t, const char *file,
    const struct theme *defaults)
{
	if (defaults != NULL)
		*t = *defaults;
	else
		memset(t, 0, sizeof *t);
	theme_name_from(t->name, sizeof t->name, file);
}

/* Run cfg_parse over text and turn what it found into the result. */
static int
theme_load_run(struct theme_load *l, const char *text,
    const struct theme *defaults, char *err, size_t errlen)
{
	if (cfg_load(text, l->file, theme_handler, l, l->error, err,
	    errlen) != 0) {
		theme_load_start(l->t, l->file, defaults);
		return (-1);
	}
	if (err != NULL && errlen > 0)
		err[0] = '\0';
	if (l->unknown == 0)
		return (0);
	if (l->unknown == 1)
		(void)cfg_error(err, errlen, l->file, l->unknown_line,
		    "unknown key \"%s\" ignored", l->unknown_key);
	else
		(void)cfg_error(err, errlen, l->file, l->unknown_line,
		    "unknown key \"%s\" ignored (and %u more)",
		    l->unknown_key, l->unknown - 1);
	return ((int)l->unknown);
}

/* Load a theme file over a copy of defaults. */
int
theme_load_file(struct theme *t, const char *path,
    const struct theme *defaults, char *err, size_t errlen)
{
	struct theme_load	l;
	char			e[512], *text;
	int			rv;

	memset(&l, 0, sizeof l);
	l.t = t;
	l.file = path;
	theme_load_start(t, path, defaults);
	if ((text = cfg_read_file(path, THEME_FILE_MAX, e, sizeof e)) == NULL) {
		if (err != NULL)
			snprintf(err, errlen, "%s", e);
		return (-1);
	}
	rv = theme_load_run(&l, text, defaults, err, errlen);
	free(text);
	return (rv);
}

/* Load a theme held in memory over a copy of defaults. */
int
theme_load_string(struct theme *t, const char *text, const char *file,
    const struct theme *defaults, char *err, size_t errlen)
{
	struct theme_load	l;

	memset(&l, 0, sizeof l);
	l.t = t;
	l.file = file != NULL ? file : "(string)";
	theme_load_start(t, l.file, defaults);
	return (theme_load_run(&l, text, defaults, err, errlen));
}

/* The default theme, the same as themes/dark.theme. */
void
theme_builtin_dark(struct theme *t)
{
	*t = theme_dark;
}

/* The monochrome theme, the same as themes/mono.theme. */
void
theme_builtin_mono(struct theme *t)
{
	*t = theme_mono;
}

/* Squared RGB distance. */
static long
theme_distance(uint32_t a, uint32_t b)
{
	long	dr = (long)(a >> 16 & 0xff) - (long)(b >> 16 & 0xff);
	long	dg = (long)(a >> 8 & 0xff) - (long)(b >> 8 & 0xff);
	long	db = (long)(a & 0xff) - (long)(b & 0xff);

	return (dr * dr + dg * dg + db * db);
}

/* The index of the cube level nearest v. */
static int
theme_cube_level(int v)
{
	int	i, best = 0;

	for (i = 1; i < 6; i++) {
		if (abs(theme_cube[i] - v) < abs(theme_cube[best] - v))
			best = i;
	}
	return (best);
}

/* Nearest xterm 256-colour index, 16..255. */
int
theme_to_256(uint32_t rgb)
{
	int		r = (int)(rgb >> 16 & 0xff), g = (int)(rgb >> 8 & 0xff);
	int		b = (int)(rgb & 0xff);
	int		cr, cg, cb, grey, gi;
	uint32_t	cube, ramp;

	cr = theme_cube_level(r);
	cg = theme_cube_level(g);
	cb = theme_cube_level(b);
	cube = (uint32_t)theme_cube[cr] << 16 | (uint32_t)theme_cube[cg] << 8 |
	    (uint32_t)theme_cube[cb];

	grey = (r + g + b) / 3;
	gi = (grey - 8 + 5) / 10;
	if (gi < 0)
		gi = 0;
	if (gi > 23)
		gi = 23;
	ramp = (uint32_t)(8 + 10 * gi) * 0x010101u;

	if (theme_distance(ramp, rgb) < theme_distance(cube, rgb))
		return (232 + gi);
	return (16 + 36 * cr + 6 * cg + cb);
}

/*
 * The ANSI colour of rgb: for a grey, 0, 8, 7 or 15 by luminance (0 or 7
 * with eight colours); otherwise the hue's colour, 1 red .. 6 cyan, made
 * bright (+8) if 16 are allowed and rgb is bright or light. Orange has no
 * ANSI colour: it goes to 3, which most terminals show as brown or orange,
 * and never to bright yellow, so orange and yellow stay apart.
 */
static int
theme_to_ansi(uint32_t rgb, int bright_ok)
{
	int	r = (int)(rgb >> 16 & 0xff), g = (int)(rgb >> 8 & 0xff);
	int	b = (int)(rgb & 0xff);
	int	max, min, chroma, lum, hue, c;

	max = r > g ? (r > b ? r : b) : (g > b ? g : b);
	min = r < g ? (r < b ? r : b) : (g < b ? g : b);
	chroma = max - min;
	lum = (299 * r + 587 * g + 114 * b) / 1000;

	if (chroma < 48 || chroma * 4 < max) {
		if (!bright_ok)
			return (lum < 0x60 ? 0 : 7);
		if (lum < 0x40)
			return (0);
		if (lum < 0xa0)
			return (8);
		return (lum < 0xe0 ? 7 : 15);
	}

	/* Hue in degrees, 0 red, 120 green, 240 blue. */
	if (max == r)
		hue = 60 * (g - b) / chroma;
	else if (max == g)
		hue = 120 + 60 * (b - r) / chroma;
	else
		hue = 240 + 60 * (r - g) / chroma;
	if (hue < 0)
		hue += 360;

	if (hue >= 15 && hue < 40)
		return (3);		/* orange */
	if (hue < 15 || hue >= 345)
		c = 1;			/* red */
	else if (hue < 70)
		c = 3;			/* yellow */
	else if (hue < 160)
		c = 2;			/* green */
	else if (hue < 197)
		c = 6;			/* cyan */
	else if (hue < 260)
		c = 4;			/* blue */
	else
		c = 5;			/* magenta */
	if (bright_ok && (max >= 0xe0 || lum >= 150))
		c += 8;
	return (c);
}

/* The ANSI colour (0..15) of rgb. */
int
theme_to_16(uint32_t rgb)
{
	return (theme_to_ansi(rgb, 1));
}

/* The ANSI colour (0..7) of rgb. */
int
theme_to_8(uint32_t rgb)
{
	return (theme_to_ansi(rgb, 0));
}

/* rgb as a colour number of a terminal with ncolours colours. */
static int
theme_reduce(uint32_t rgb, int ncolours)
{
	if (ncolours >= 0x1000000)
		return ((int)rgb);
	if (ncolours >= 256)
		return (theme_to_256(rgb));
	if (ncolours >= 16)
		return (theme_to_16(rgb));
	return (theme_to_8(rgb));
}

/* A slot's colour numbers for a terminal with ncolours colours. */
void
theme_slot_colours(const struct theme *t, enum theme_slot slot, int ncolours,
    int *fg, int *bg)
{
	const struct theme_colour	*c = &t->slot[slot];
	uint32_t			 under, black = 0, white = 0xffffff;
	int				 against, lo, hi;

	*fg = c->has_fg ? theme_reduce(c->fg, ncolours) : -1;
	*bg = c->has_bg ? theme_reduce(c->bg, ncolours) : -1;
	if (*fg < 0 || ncolours >= 0x1000000)
		return;

	/* What the text is drawn on; if it would vanish, use black or white. */
	under = c->has_bg ? c->bg : t->light ? white : black;
	against = c->has_bg ? *bg : theme_reduce(under, ncolours);
	if (*fg != against)
		return;
	lo = theme_reduce(black, ncolours);
	hi = theme_reduce(white, ncolours);
	if (theme_distance(black, under) > theme_distance(white, under))
		*fg = lo != against ? lo : hi;
	else
		*fg = hi != against ? hi : lo;
}
