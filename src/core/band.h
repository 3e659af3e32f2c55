/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * band.h: crowd-density bands (Fruin / Highway Capacity Manual level of
 * service), the table behind every heat-map colour and letter.
 */
#ifndef FOH_BAND_H
#define FOH_BAND_H

#include "proto/foh-proto.h"

#define BAND_COUNT 6	/* A..F */

/* The band letter 'A'..'F' for a density (p/m2) in a zone of this kind. */
char	band_of(double density, enum fohp_zone_kind kind);

/* Upper bound (p/m2) of band 'A'..'E' for this kind; F has none (returns -1). */
double	band_upper(char band, enum fohp_zone_kind kind);

/* 0 for 'A' .. 5 for 'F'; -1 for anything else. */
int	band_index(char band);

#endif
