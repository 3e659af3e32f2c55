/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * theme-find.c: where themes are, and which there are.
 *
 * A theme NAME is the file NAME.theme in the first of these directories
 * that has it: the user's ($XDG_CONFIG_HOME/foh/themes), $FOH_THEMEDIR,
 * the source tree's themes/ when foh runs from its build tree (the demo
 * before "make install"), and the installed THEMEDIR. The same list
 * answers ":theme" with no name and a name that is not found.
 */
#include "config.h"

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "theme.h"

#ifndef THEMEDIR
#define THEMEDIR "/usr/local/share/foh/themes"
#endif

/* Write dir/name.theme into path if it fits and is readable. */
static int
theme_find_in(const char *dir, const char *sub, const char *name, char *path,
    size_t len)
{
	int	n;

	if (dir == NULL || *dir == '\0')
		return (-1);
	n = snprintf(path, len, "%s%s/%s.theme", dir, sub, name);
	if (n < 0 || (size_t)n >= len)
		return (-1);
	return (access(path, R_OK) == 0 ? 0 : -1);
}

/*
 * Whether this program runs from the build tree it was built in (the demo
 * before "make install"): then the source tree's themes/ is searched too.
 * The configure-time directories are compared with /proc/self/exe's, so an
 * installed foh never looks there (and make distcheck's read-only srcdir,
 * elsewhere, is only read).
 */
#if defined(FOH_BUILDDIR) && defined(FOH_SRCDIR)
static int
theme_uninstalled(void)
{
	char	exe[PATH_MAX], built[PATH_MAX], *slash;
	ssize_t	n;

	if ((n = readlink("/proc/self/exe", exe, sizeof(exe) - 1)) <= 0)
		return (0);
	exe[n] = '\0';
	if ((slash = strrchr(exe, '/')) == NULL)
		return (0);
	*slash = '\0';
	/* The build directory as the kernel names it: no symbolic links. */
	if (realpath(FOH_BUILDDIR, built) == NULL)
		return (0);
	return (strcmp(exe, built) == 0);
}
#endif

/* Add dir + sub to dirs[*n] if it is set and there is room. */
static void
theme_dirs_add(char dirs[][THEME_PATH_MAX], int max, int *n, const char *dir,
    const char *sub)
{
	int	k;

	if (dir == NULL || *dir == '\0' || *n >= max)
		return;
	k = snprintf(dirs[*n], THEME_PATH_MAX, "%s%s", dir, sub);
	if (k > 0 && k < THEME_PATH_MAX)
		(*n)++;
}

/*
 * The directories themes are looked for in, first found wins: the user's
 * ($XDG_CONFIG_HOME/foh/themes, ~/.config/foh/themes if unset),
 * $FOH_THEMEDIR, the source tree's themes/ when running from the build
 * tree, then THEMEDIR (the installed ones). Returns how many (<= max).
 */
int
theme_dirs(char dirs[][THEME_PATH_MAX], int max)
{
	const char	*xdg = getenv("XDG_CONFIG_HOME");
#if defined(FOH_BUILDDIR) && defined(FOH_SRCDIR)
	char		 src[PATH_MAX];
#endif
	int		 n = 0;

	if (xdg != NULL && xdg[0] == '/')
		theme_dirs_add(dirs, max, &n, xdg, "/foh/themes");
	else
		theme_dirs_add(dirs, max, &n, getenv("HOME"),
		    "/.config/foh/themes");
	theme_dirs_add(dirs, max, &n, getenv("FOH_THEMEDIR"), "");
#if defined(FOH_BUILDDIR) && defined(FOH_SRCDIR)
	if (theme_uninstalled() && realpath(FOH_SRCDIR, src) != NULL)
		theme_dirs_add(dirs, max, &n, src, "/themes");
#endif
	theme_dirs_add(dirs, max, &n, THEMEDIR, "");
	return (n);
}

/* Find NAME.theme in theme_dirs' directories, first found wins. */
int
theme_find(const char *name, char *path, size_t len)
{
	char	dirs[THEME_DIRS_MAX][THEME_PATH_MAX];
	int	n, i;

	if (name == NULL || *name == '\0' || len == 0)
		return (-1);
	if (strchr(name, '/') != NULL) {
		n = snprintf(path, len, "%s", name);
		if (n < 0 || (size_t)n >= len || access(path, R_OK) != 0)
			return (-1);
		return (0);
	}
	if (name[0] == '.')
		return (-1);
	n = theme_dirs(dirs, THEME_DIRS_MAX);
	for (i = 0; i < n; i++)
		if (theme_find_in(dirs[i], "", name, path, len) == 0)
			return (0);
	return (-1);
}

/* Order theme names alphabetically (qsort). */
static int
theme_name_cmp(const void *a, const void *b)
{
	return (strcmp(a, b));
}

/*
 * The themes that exist: every NAME.theme in theme_dirs' directories,
 * each name once, sorted, into names (at most max). If where is not NULL,
 * the directories that hold any, ", " between, go there (wlen bytes).
 * Returns how many names.
 */
int
theme_list(char names[][THEME_NAME_MAX], int max, char *where, size_t wlen)
{
	char		 dirs[THEME_DIRS_MAX][THEME_PATH_MAX];
	struct dirent	*de;
	DIR		*d;
	size_t		 l, o = 0;
	int		 nd, i, j, n = 0, found;

	if (where != NULL && wlen > 0)
		where[0] = '\0';
	nd = theme_dirs(dirs, THEME_DIRS_MAX);
	for (i = 0; i < nd; i++) {
		if ((d = opendir(dirs[i])) == NULL)
			continue;
		found = 0;
		while ((de = readdir(d)) != NULL) {
			l = strlen(de->d_name);
			if (de->d_name[0] == '.' || l <= 6 ||
			    l - 6 >= THEME_NAME_MAX ||
			    strcmp(de->d_name + l - 6, ".theme") != 0)
				continue;
			found = 1;
			for (j = 0; j < n; j++)
				if (strncmp(names[j], de->d_name, l - 6) == 0 &&
				    names[j][l - 6] == '\0')
					break;
			if (j < n || n >= max)
				continue;
			memcpy(names[n], de->d_name, l - 6);
			names[n++][l - 6] = '\0';
		}
		closedir(d);
		if (found && where != NULL && o < wlen)
			o += (size_t)snprintf(where + o, wlen - o, "%s%s",
			    o > 0 ? ", " : "", dirs[i]);
	}
	qsort(names, (size_t)n, sizeof(names[0]), theme_name_cmp);
	return (n);
}

/*
 * The themes there are as words, "colorblind, dark, light" ("none" if
 * there are none), into buf (len bytes); the directories holding them
 * into where (NULL: not wanted). Returns buf.
 */
const char *
theme_names(char *buf, size_t len, char *where, size_t wlen)
{
	char	names[64][THEME_NAME_MAX];
	size_t	o = 0;
	int	n, i;

	n = theme_list(names, 64, where, wlen);
	if (len > 0)
		snprintf(buf, len, "%s", n == 0 ? "none" : "");
	for (i = 0; i < n && o < len; i++)
		o += (size_t)snprintf(buf + o, len - o, "%s%s",
		    i > 0 ? ", " : "", names[i]);
	return (buf);
}
