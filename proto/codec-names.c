/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * codec-names.c: the wire names of kinds and enums, the words for error
 * codes, and topics. Each name table is indexed by its enum in foh-proto.h;
 * a NULL entry is a value sent as no key at all.
 */
#include <string.h>

#include "codec-priv.h"

const char *const fohp_kind_names[FOHP_KIND_COUNT] = {
	"unknown", "hello", "heartbeat", "layout", "zone", "equip", "drift",
	"alert", "snapshot", "request", "error", "gate", "action", "reply",
	"raster", "signed"
};
const char *const fohp_zone_kind_names[FOHP_ZK_COUNT] = {
	"walkway", "standing", "queue"
};
const char *const fohp_status_names[FOHP_ST_COUNT] = {
	"ok", "warning", "error", "offline"
};
const char *const fohp_rul_names[FOHP_RUL_COUNT] = {
	"unset", "pending", "na", "value", "beyond"
};
/* NULL: FOHP_DL_NONE has no wire name, it is the absent key. */
const char *const fohp_drift_level_names[FOHP_DL_COUNT] = {
	NULL, "stable", "moderate", "major", "pending"
};
/* NULL: the NONE values have no wire name, they are the absent key. */
const char *const fohp_rule_kind_names[FOHP_RK_COUNT] = {
	NULL, "threshold", "rate", "forecast", "status", "rul", "drift",
	"external"
};
const char *const fohp_fc_state_names[FOHP_FC_COUNT] = {
	NULL, "pending", "not-rising", "poor-fit", "beyond-horizon",
	"crossing", "already"
};
const char *const fohp_severity_names[FOHP_SEV_COUNT] = {
	"info", "warning", "critical"
};
const char *const fohp_alert_state_names[FOHP_AS_COUNT] = {
	"firing", "acknowledged", "shelved", "resolved", "flapping"
};
const char *const fohp_stake_names[FOHP_STAKE_COUNT] = {
	NULL, "safety", "equipment", "model"
};
const char *const fohp_ack_type_names[FOHP_ACK_COUNT] = {
	NULL, "sticky", "non-sticky"
};
const char *const fohp_error_names[FOHP_ECOUNT] = {
	"no error",
	"message truncated or not msgpack",
	"field has the wrong type",
	"number out of range",
	"string or array too long",
	"required field missing",
	"unknown message kind",
	"unsupported protocol version",
	"topic missing or does not match the message",
	"message too large to encode"
};

/* Look up v in a name table; "unknown" if out of range, "" if no name. */
static const char *
fohp_name(const char *const *names, size_t n, int v)
{
	if (v < 0 || (size_t)v >= n)
		return ("unknown");
	return (names[v] != NULL ? names[v] : "");
}

/* Find s (n bytes, not NUL-terminated) in a name table; -1 if absent. */
int
fohp_lookup(const char *const *names, size_t count, const char *s, size_t n)
{
	size_t	i;

	for (i = 0; i < count; i++) {
		if (names[i] != NULL && strlen(names[i]) == n &&
		    memcmp(names[i], s, n) == 0)
			return ((int)i);
	}
	return (-1);
}

/* Wire name of a kind. */
const char *
fohp_kind_name(enum fohp_kind k)
{
	return (fohp_name(fohp_kind_names, nitems(fohp_kind_names), k));
}

/* Kind of a wire name of n bytes; FOHP_UNKNOWN if there is none. */
enum fohp_kind
fohp_kind_parse(const char *s, size_t n)
{
	int	k;

	k = fohp_lookup(fohp_kind_names, nitems(fohp_kind_names), s, n);
	if (k <= 0)
		return (FOHP_UNKNOWN);
	return ((enum fohp_kind)k);
}

/* Wire name of a zone kind. */
const char *
fohp_zone_kind_name(enum fohp_zone_kind k)
{
	return (fohp_name(fohp_zone_kind_names, nitems(fohp_zone_kind_names),
	    k));
}

/* Parse a zone kind name; FOHP_OK, or FOHP_ERANGE if unknown. */
int
fohp_zone_kind_parse(const char *s, enum fohp_zone_kind *out)
{
	int	k;

	k = fohp_lookup(fohp_zone_kind_names, nitems(fohp_zone_kind_names), s,
	    strlen(s));
	if (k < 0)
		return (FOHP_ERANGE);
	*out = (enum fohp_zone_kind)k;
	return (FOHP_OK);
}

/* Wire name of an equipment status. */
const char *
fohp_status_name(enum fohp_status s)
{
	return (fohp_name(fohp_status_names, nitems(fohp_status_names), s));
}

/* Wire name of an alert severity. */
const char *
fohp_severity_name(enum fohp_severity s)
{
	return (fohp_name(fohp_severity_names, nitems(fohp_severity_names),
	    s));
}

/* Wire name of an alert state. */
const char *
fohp_alert_state_name(enum fohp_alert_state s)
{
	return (fohp_name(fohp_alert_state_names,
	    nitems(fohp_alert_state_names), s));
}

/* Wire name of a remaining-useful-life state. */
const char *
fohp_rul_name(enum fohp_rul r)
{
	return (fohp_name(fohp_rul_names, nitems(fohp_rul_names), r));
}

/* Wire name of a drift level; "" for FOHP_DL_NONE (sent as no key). */
const char *
fohp_drift_level_name(enum fohp_drift_level l)
{
	return (fohp_name(fohp_drift_level_names,
	    nitems(fohp_drift_level_names), l));
}

/* Wire name of a rule kind; "" for FOHP_RK_NONE (sent as no key). */
const char *
fohp_rule_kind_name(enum fohp_rule_kind k)
{
	return (fohp_name(fohp_rule_kind_names, nitems(fohp_rule_kind_names),
	    k));
}

/* Wire name of a stake; "" for FOHP_STAKE_NONE (sent as no key). */
const char *
fohp_stake_name(enum fohp_stake k)
{
	return (fohp_name(fohp_stake_names, nitems(fohp_stake_names), k));
}

/* Wire name of an ack type; "" for FOHP_ACK_NONE (sent as no key). */
const char *
fohp_ack_type_name(enum fohp_ack_type k)
{
	return (fohp_name(fohp_ack_type_names, nitems(fohp_ack_type_names),
	    k));
}

/* Wire name of a forecast state; "" for FOHP_FC_NONE (sent as no key). */
const char *
fohp_fc_state_name(enum fohp_fc_state s)
{
	return (fohp_name(fohp_fc_state_names, nitems(fohp_fc_state_names),
	    s));
}

/* Words for an error code. */
const char *
fohp_strerror(int code)
{
	if (code < 0 || code >= FOHP_ECOUNT)
		return ("unknown error");
	return (fohp_error_names[code]);
}

/* Write the topic "foh/VENUE/KIND" and a NUL; length with NUL, 0 if no fit. */
size_t
fohp_topic(char *buf, size_t len, const char *venue, enum fohp_kind kind)
{
	const char	*name;
	size_t		 vlen, klen, n;

	if (kind <= FOHP_UNKNOWN || kind >= FOHP_KIND_COUNT || venue == NULL)
		return (0);
	name = fohp_kind_names[kind];
	vlen = strlen(venue);
	klen = strlen(name);
	n = 4 + vlen + 1 + klen + 1;
	if (vlen == 0 || n > len)
		return (0);
	memcpy(buf, "foh/", 4);
	memcpy(buf + 4, venue, vlen);
	buf[4 + vlen] = '/';
	memcpy(buf + 5 + vlen, name, klen + 1);
	return (n);
}
