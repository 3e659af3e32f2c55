/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * band.c: Fruin / HCM level-of-service bands for crowd density.
 *
 * Upper bounds in persons per square metre (doc/DOMAIN.md): a density
 * is in band X when it is at most X's upper bound and above the band
 * before's. Walkways use the walkway table; standing areas and queues use the
 * queue/standing table. Above E is F.
 */
#include "config.h"

#include <math.h>

#include "band.h"

static const double band_walkway[BAND_COUNT - 1] = {
	0.31, 0.43, 0.72, 1.08, 2.17
};
static const double band_standing[BAND_COUNT - 1] = {
	0.83, 1.11, 1.43, 3.33, 5.00
};

/* The upper-bound table for a zone kind. */
static const double *
band_table(enum fohp_zone_kind kind)
{
	return (kind == FOHP_ZK_WALKWAY ? band_walkway : band_standing);
}

/* Band letter of a density in a zone of this kind. */
char
band_of(double density, enum fohp_zone_kind kind)
{
	const double	*t = band_table(kind);
	int		 i;

	if (isnan(density) || density < 0)
		density = 0;
	for (i = 0; i < BAND_COUNT - 1; i++) {
		if (density <= t[i])
			return ((char)('A' + i));
	}
	return ('F');
}

/* Upper bound of a band for this kind, or -1 for F and bad letters. */
double
band_upper(char band, enum fohp_zone_kind kind)
{
	int	i = band_index(band);

	if (i < 0 || i >= BAND_COUNT - 1)
		return (-1);
	return (band_table(kind)[i]);
}

/* Index 0..5 of a band letter; -1 if it is not one. */
int
band_index(char band)
{
	if (band < 'A' || band > 'F')
		return (-1);
	return (band - 'A');
}
