/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * theme.h: colour themes as data files (themes/NAME.theme).
 *
 * A theme gives each semantic slot (bands A..F, severities, alert states,
 * the chrome) an RGB foreground, optionally an RGB background, and
 * attributes. This module only parses, finds and downsamples: it knows
 * nothing of curses, so it is unit-tested on its own; ui-colour.c turns a
 * struct theme into colour pairs. The format is described in
 * themes/README.md.
 */
#ifndef FOH_THEME_H
#define FOH_THEME_H

#include <stddef.h>
#include <stdint.h>

/*
 * The slots. The first THEME_BAND_F + 1 are in the order of enum ui_slot
 * (ui-priv.h), so a ui slot number is also a theme slot number.
 */
enum theme_slot {
	THEME_NORMAL = 0,
	THEME_STATUS,
	THEME_KEYS,
	THEME_HEADING,
	THEME_SELECTED,
	THEME_DIM,
	THEME_LIVE,
	THEME_STALE,
	THEME_OFFLINE,
	THEME_CONNECTING,
	THEME_BORDER,
	THEME_NODATA,
	THEME_BAND_A,
	THEME_BAND_B,
	THEME_BAND_C,
	THEME_BAND_D,
	THEME_BAND_E,
	THEME_BAND_F,
	THEME_SEVERITY_INFO,
	THEME_SEVERITY_WARNING,
	THEME_SEVERITY_CRITICAL,
	THEME_STATE_FIRING,
	THEME_STATE_ACKNOWLEDGED,
	THEME_STATE_SHELVED,
	THEME_STATE_RESOLVED,
	THEME_SLOTS
};

/* Attribute bits of a slot. */
#define THEME_A_BOLD	0x1u
#define THEME_A_DIM	0x2u
#define THEME_A_REVERSE	0x4u
#define THEME_A_UNDERLINE	0x8u

/* One slot. A colour not given (has_fg/has_bg 0) is the terminal's own. */
struct theme_colour {
	int		set;		/* given by the file or the defaults */
	uint32_t	fg, bg;		/* 0xRRGGBB */
	int		has_fg, has_bg;
	unsigned	attrs;		/* THEME_A_BOLD | ... */
};

struct theme {
	char			name[64];
	int			light;		/* background = light */
	int			rising;		/* luminance = rising: bands
						   get lighter A..F */
	struct theme_colour	slot[THEME_SLOTS];
};

/* The slot's key in a theme file ("band_c"); NULL if out of range. */
const char	*theme_slot_name(enum theme_slot);

/* The slot called name, or -1. */
int		 theme_slot_find(const char *name);

/*
 * Load a theme file over a copy of defaults (NULL: start empty, every slot
 * unset). Returns 0; or the number (> 0) of unknown keys, which were
 * ignored, with a warning "FILE:LINE: unknown key \"x\" ignored" in err;
 * or -1 with "FILE:LINE: ..." in err, and then *t is the defaults (or empty)
 * so the caller may still use it. err may be NULL.
 */
int		 theme_load_file(struct theme *t, const char *path,
		     const struct theme *defaults, char *err, size_t errlen);

/* The same for a theme held in memory; file names it in messages. */
int		 theme_load_string(struct theme *t, const char *text,
		     const char *file, const struct theme *defaults, char *err,
		     size_t errlen);

#define THEME_PATH_MAX	1024
#define THEME_DIRS_MAX	4
#define THEME_NAME_MAX	32

/*
 * The directories searched, first found wins: $XDG_CONFIG_HOME/foh/themes
 * (~/.config/foh/themes if unset), $FOH_THEMEDIR, the source tree's
 * themes/ when this program runs from its build tree, THEMEDIR. Returns
 * how many it wrote (<= max).
 */
int		 theme_dirs(char dirs[][THEME_PATH_MAX], int max);

/*
 * Find NAME.theme in those directories. A name with a '/' is a path
 * and is taken as it is. Writes the readable file's path into path and
 * returns 0, or returns -1 (also for "" or a name starting with '.').
 */
int		 theme_find(const char *name, char *path, size_t len);

/*
 * The themes there are in those directories, each name once, sorted; the
 * directories holding any into where (NULL: not wanted). Returns how many.
 */
int		 theme_list(char names[][THEME_NAME_MAX], int max, char *where,
		     size_t wlen);
/* The same as words, "colorblind, dark, light" ("none"). Returns buf. */
const char	*theme_names(char *buf, size_t len, char *where, size_t wlen);

/* The default theme, the same as themes/dark.theme; every slot set. */
void		 theme_builtin_dark(struct theme *);

/* The monochrome theme, the same as themes/mono.theme: attributes only. */
void		 theme_builtin_mono(struct theme *);

/* Nearest xterm 256-colour index (16..255: the 6x6x6 cube or 24 greys). */
int		 theme_to_256(uint32_t rgb);

/* The ANSI colour (0..15) of rgb: greys by luminance, others by hue. */
int		 theme_to_16(uint32_t rgb);

/* The same with 8 colours (0..7): no bright variants. */
int		 theme_to_8(uint32_t rgb);

/*
 * A slot's colour numbers for a terminal with ncolours colours (8, 16,
 * 256, or 0x1000000 for direct colour, where the number is the RGB); -1 is
 * the terminal's default. A foreground that would come out the same as its
 * background (or, with no background, as the theme's own dark or light
 * one) is moved to the contrasting grey, so no text vanishes.
 */
void		 theme_slot_colours(const struct theme *, enum theme_slot,
		     int ncolours, int *fg, int *bg);

#endif
