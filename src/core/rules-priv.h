/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * rules-priv.h: what the files of the rules module (rules.c builds,
 * rules-words.c words, rules-eval.c evaluates) share; rules.h is the
 * module's public face.
 */
#ifndef FOH_RULES_PRIV_H
#define FOH_RULES_PRIV_H

#include <stddef.h>

#include "rules.h"

#define RULES_SEC	1000U

/* The id of subject i of a target in conf. */
const char	*rules_subject_id(const struct vconf *conf,
		    enum rules_target target, unsigned i);

/* Format into a fixed buffer, truncating. */
void		rules_printf(char *buf, size_t len, const char *fmt, ...)
		    __attribute__((format(printf, 3, 4)));

/* Unit of a metric, "" if it has none or is not known. */
const char	*rules_unit(const char *metric);

/* A level as text, as few decimals as say it exactly; returns buf. */
const char	*rules_level(char *buf, size_t len, double v);

/* Fill in expr, and words and action unless given; why may be NULL. */
void		rules_describe(struct rule *r, const struct vconf *conf,
		    unsigned i, const char *why);

#endif
