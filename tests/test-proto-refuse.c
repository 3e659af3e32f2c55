/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * test-proto-refuse.c: the codec's table of malformed fields. Each case
 * starts from a valid message (proto-fixtures.c): it is encoded, unpacked
 * with msgpack-c, and packed again with one value replaced, removed or
 * added (tp_repack), so each case names only what it breaks, and must give
 * its error code and field path.
 */

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proto-assert.h"

/* Value writers for tp_repack: each packs one replacement value. */
typedef void (*tp_writer)(msgpack_packer *);

static void w_str(msgpack_packer *pk) { msgpack_pack_str_with_body(pk, "x", 1); }
static void w_int5(msgpack_packer *pk) { msgpack_pack_uint32(pk, 5); }
static void w_int2(msgpack_packer *pk) { msgpack_pack_uint32(pk, 2); }
static void w_zero(msgpack_packer *pk) { msgpack_pack_uint32(pk, 0); }
static void w_neg(msgpack_packer *pk) { msgpack_pack_int32(pk, -1); }
static void w_negf(msgpack_packer *pk) { msgpack_pack_double(pk, -0.5); }
static void w_nan(msgpack_packer *pk) { msgpack_pack_double(pk, NAN); }
static void w_inf(msgpack_packer *pk) { msgpack_pack_double(pk, INFINITY); }
static void w_f32(msgpack_packer *pk) { msgpack_pack_float(pk, 2.5f); }
static void w_float(msgpack_packer *pk) { msgpack_pack_double(pk, 3.0); }
static void w_dens25(msgpack_packer *pk) { msgpack_pack_double(pk, 25.0); }
static void w_countmax(msgpack_packer *pk)
{ msgpack_pack_uint32(pk, FOHP_COUNT_MAX + 1); }
static void w_countok(msgpack_packer *pk)
{ msgpack_pack_uint32(pk, FOHP_COUNT_MAX); }
static void w_u64big(msgpack_packer *pk) { msgpack_pack_uint64(pk, 1ull << 40); }
static void w_nil(msgpack_packer *pk) { msgpack_pack_nil(pk); }
static void w_true(msgpack_packer *pk) { msgpack_pack_true(pk); }
static void w_false(msgpack_packer *pk) { msgpack_pack_false(pk); }
static void w_bin(msgpack_packer *pk)
{ msgpack_pack_bin(pk, 5); msgpack_pack_bin_body(pk, "arena", 5); }
static void w_long32(msgpack_packer *pk)
{ msgpack_pack_str_with_body(pk, "abcdefghijklmnopqrstuvwxyz012345", 32); }
static void w_long31(msgpack_packer *pk)
{ msgpack_pack_str_with_body(pk, "abcdefghijklmnopqrstuvwxyz01234", 31); }
static void w_long64(msgpack_packer *pk)
{
	char	s[64];

	memset(s, 'n', sizeof s);
	msgpack_pack_str_with_body(pk, s, sizeof s);
}
static void w_upper(msgpack_packer *pk)
{ msgpack_pack_str_with_body(pk, "Arena", 5); }
static void w_empty(msgpack_packer *pk) { msgpack_pack_str_with_body(pk, "", 0); }
static void w_nulstr(msgpack_packer *pk)
{ msgpack_pack_str_with_body(pk, "z\0z", 3); }
static void w_bandG(msgpack_packer *pk) { msgpack_pack_str_with_body(pk, "G", 1); }
static void w_bandAB(msgpack_packer *pk) { msgpack_pack_str_with_body(pk, "AB", 2); }
static void w_bandA(msgpack_packer *pk) { msgpack_pack_str_with_body(pk, "A", 1); }
static void w_bogus(msgpack_packer *pk)
{ msgpack_pack_str_with_body(pk, "bogus", 5); }
static void w_grid0(msgpack_packer *pk)
{ msgpack_pack_array(pk, 2); msgpack_pack_uint32(pk, 0); msgpack_pack_uint32(pk, 10); }
static void w_grid300(msgpack_packer *pk)
{ msgpack_pack_array(pk, 2); msgpack_pack_uint32(pk, 300); msgpack_pack_uint32(pk, 10); }
static void w_grid1(msgpack_packer *pk)
{ msgpack_pack_array(pk, 1); msgpack_pack_uint32(pk, 10); }
static void w_rectout(msgpack_packer *pk)
{
	msgpack_pack_array(pk, 4);
	msgpack_pack_uint32(pk, 30);
	msgpack_pack_uint32(pk, 0);
	msgpack_pack_uint32(pk, 5);
	msgpack_pack_uint32(pk, 5);
}
static void w_rect0(msgpack_packer *pk)
{
	msgpack_pack_array(pk, 4);
	msgpack_pack_uint32(pk, 1);
	msgpack_pack_uint32(pk, 1);
	msgpack_pack_uint32(pk, 0);
	msgpack_pack_uint32(pk, 1);
}
/* One entry more than FOHP_ZONES_MAX, each an empty map. */
static void w_zones_many(msgpack_packer *pk)
{
	int	i;

	msgpack_pack_array(pk, FOHP_ZONES_MAX + 1);
	for (i = 0; i <= FOHP_ZONES_MAX; i++)
		msgpack_pack_map(pk, 0);
}
static void w_metrics_many(msgpack_packer *pk)
{
	int	i;

	msgpack_pack_array(pk, FOHP_METRICS_MAX + 1);
	for (i = 0; i <= FOHP_METRICS_MAX; i++)
		msgpack_pack_map(pk, 0);
}
static void w_flags_many(msgpack_packer *pk)
{
	int	i;

	msgpack_pack_array(pk, FOHP_FLAGS_MAX + 1);
	for (i = 0; i <= FOHP_FLAGS_MAX; i++) {
		msgpack_pack_map(pk, 2);
		msgpack_pack_str_with_body(pk, "name", 4);
		msgpack_pack_str_with_body(pk, "fan", 3);
		msgpack_pack_str_with_body(pk, "status", 6);
		msgpack_pack_str_with_body(pk, "ok", 2);
	}
}
static void w_rul_value(msgpack_packer *pk)
{ msgpack_pack_str_with_body(pk, "value", 5); }
static void w_rul_upper(msgpack_packer *pk)
{ msgpack_pack_str_with_body(pk, "Value", 5); }
static void w_level_major(msgpack_packer *pk)
{ msgpack_pack_str_with_body(pk, "major", 5); }
static void w_f64big(msgpack_packer *pk) { msgpack_pack_double(pk, 1e300); }
static void w_256(msgpack_packer *pk) { msgpack_pack_uint32(pk, 256); }
static void w_255(msgpack_packer *pk) { msgpack_pack_uint32(pk, 255); }
static void w_long127(msgpack_packer *pk)
{
	char	s[127];

	memset(s, 'c', sizeof s);
	msgpack_pack_str_with_body(pk, s, sizeof s);
}
static void w_long128(msgpack_packer *pk)
{
	char	s[128];

	memset(s, 'c', sizeof s);
	msgpack_pack_str_with_body(pk, s, sizeof s);
}
static void w_unchanged(msgpack_packer *pk)
{ msgpack_pack_str_with_body(pk, "unchanged", 9); }
static void w_done_case(msgpack_packer *pk)
{ msgpack_pack_str_with_body(pk, "Done", 4); }
static void w_crossing(msgpack_packer *pk)
{ msgpack_pack_str_with_body(pk, "crossing", 8); }
static void w_forecast(msgpack_packer *pk)
{ msgpack_pack_str_with_body(pk, "forecast", 8); }
static void w_nonsticky(msgpack_packer *pk)
{ msgpack_pack_str_with_body(pk, "non-sticky", 10); }
static void w_nonsticky_case(msgpack_packer *pk)
{ msgpack_pack_str_with_body(pk, "Non-Sticky", 10); }
/* n empty maps: an array is refused by its length before its entries. */
static void
w_maps_n(msgpack_packer *pk, int n)
{
	int	i;

	msgpack_pack_array(pk, (size_t)n);
	for (i = 0; i < n; i++)
		msgpack_pack_map(pk, 0);
}
static void w_contrib_many(msgpack_packer *pk)
{ w_maps_n(pk, FOHP_CONTRIB_MAX + 1); }
static void w_ops_many(msgpack_packer *pk)
{ w_maps_n(pk, FOHP_ALERT_HIST_MAX + 1); }
/* A hist of n values, one of them replaced by bad (if bad is set). */
static void
w_hist_n(msgpack_packer *pk, int n, void (*bad)(msgpack_packer *))
{
	int	i;

	msgpack_pack_array(pk, (size_t)n);
	for (i = 0; i < n; i++) {
		if (bad != NULL && i == 1)
			bad(pk);
		else
			msgpack_pack_float(pk, 0.25f * (float)i);
	}
}
static void w_hist60(msgpack_packer *pk) { w_hist_n(pk, FOHP_HIST_MAX, NULL); }
static void w_hist61(msgpack_packer *pk)
{ w_hist_n(pk, FOHP_HIST_MAX + 1, NULL); }
static void w_hist_empty(msgpack_packer *pk) { w_hist_n(pk, 0, NULL); }
static void w_hist_nan(msgpack_packer *pk) { w_hist_n(pk, 3, w_nan); }
static void w_hist_inf(msgpack_packer *pk) { w_hist_n(pk, 3, w_inf); }
static void w_hist_neg(msgpack_packer *pk) { w_hist_n(pk, 3, w_negf); }
static void w_hist_str(msgpack_packer *pk) { w_hist_n(pk, 3, w_str); }
static void w_hist_big(msgpack_packer *pk) { w_hist_n(pk, 3, w_f64big); }
static void w_hist_dens(msgpack_packer *pk) { w_hist_n(pk, 3, w_dens25); }
static void w_hist_ints(msgpack_packer *pk) { w_hist_n(pk, 3, w_int5); }
static void w_hist_f64(msgpack_packer *pk) { w_hist_n(pk, 3, w_float); }
static void w_win60(msgpack_packer *pk) { w_hist_n(pk, FOHP_WINDOW_MAX, NULL); }
static void w_win61(msgpack_packer *pk)
{ w_hist_n(pk, FOHP_WINDOW_MAX + 1, NULL); }
/* An array header claiming entries that are not there. */
static void w_zones_hdr(msgpack_packer *pk)
{ msgpack_pack_array(pk, FOHP_ZONES_MAX + 1); }
static void w_arr_2g(msgpack_packer *pk) { msgpack_pack_array(pk, 1u << 31); }
static void w_map_4g(msgpack_packer *pk) { msgpack_pack_map(pk, UINT32_MAX); }
static void w_int_list(msgpack_packer *pk)
{ msgpack_pack_array(pk, 1); msgpack_pack_uint32(pk, 1); }
/* Deeply nested arrays under an unknown key. */
static void w_deep(msgpack_packer *pk)
{
	int	i;

	for (i = 0; i < 40; i++)
		msgpack_pack_array(pk, 1);
	msgpack_pack_nil(pk);
}
/* Nesting the decoder accepts (forward compatibility). */
static void w_nested_ok(msgpack_packer *pk)
{
	msgpack_pack_map(pk, 1);
	msgpack_pack_str_with_body(pk, "a", 1);
	msgpack_pack_array(pk, 2);
	msgpack_pack_ext(pk, 3, 7);
	msgpack_pack_ext_body(pk, "abc", 3);
	msgpack_pack_bin(pk, 2);
	msgpack_pack_bin_body(pk, "xy", 2);
}

/*
 * Pack o again into pk, replacing the value at path ("zones/1/rect") with
 * w's, or removing the key if w is NULL. A path whose last key is absent
 * from its map adds the key there.
 */
static void
tp_repack(msgpack_packer *pk, const msgpack_object *o, const char *path,
    tp_writer w)
{
	const char	*slash;
	size_t		 n;
	uint32_t	 i, size, found = 0;
	char		 idx[16];

	if (path == NULL || *path == '\0') {
		msgpack_pack_object(pk, *o);
		return;
	}
	slash = strchr(path, '/');
	n = slash ? (size_t)(slash - path) : strlen(path);
	if (o->type == MSGPACK_OBJECT_ARRAY) {
		msgpack_pack_array(pk, o->via.array.size);
		for (i = 0; i < o->via.array.size; i++) {
			snprintf(idx, sizeof idx, "%u", i);
			if (strlen(idx) == n && memcmp(idx, path, n) == 0 &&
			    slash == NULL)
				w(pk);
			else if (strlen(idx) == n && memcmp(idx, path, n) == 0)
				tp_repack(pk, &o->via.array.ptr[i], slash + 1,
				    w);
			else
				msgpack_pack_object(pk, o->via.array.ptr[i]);
		}
		return;
	}
	assert_int_equal(o->type, MSGPACK_OBJECT_MAP);
	for (i = 0; i < o->via.map.size; i++) {
		const msgpack_object *k = &o->via.map.ptr[i].key;
		if (k->via.str.size == n && memcmp(k->via.str.ptr, path, n) == 0)
			found = 1;
	}
	size = o->via.map.size;
	if (!found && slash == NULL)
		size++;
	else if (found && slash == NULL && w == NULL)
		size--;
	msgpack_pack_map(pk, size);
	for (i = 0; i < o->via.map.size; i++) {
		const msgpack_object_kv *kv = &o->via.map.ptr[i];
		if (kv->key.via.str.size != n ||
		    memcmp(kv->key.via.str.ptr, path, n) != 0) {
			msgpack_pack_object(pk, kv->key);
			msgpack_pack_object(pk, kv->val);
		} else if (slash != NULL) {
			msgpack_pack_object(pk, kv->key);
			tp_repack(pk, &kv->val, slash + 1, w);
		} else if (w != NULL) {
			msgpack_pack_object(pk, kv->key);
			w(pk);
		}
	}
	if (!found && slash == NULL) {
		msgpack_pack_str_with_body(pk, path, n);
		if (w != NULL)
			w(pk);
		else
			msgpack_pack_nil(pk);
	}
}

/* A malformed (or oddly formed but valid) input and what it must give. */
struct tp_bad {
	const char	*name;
	enum fohp_kind	 kind;		/* valid message to start from */
	const char	*path;		/* value to change, NULL: none */
	tp_writer	 w;		/* its new value, NULL: remove it */
	int		 code;
	const char	*field;
};

static const struct tp_bad tp_bads[] = {
	{ "venue int", FOHP_ZONE, "venue", w_int5, FOHP_ETYPE, "venue" },
	{ "venue bin", FOHP_ZONE, "venue", w_bin, FOHP_ETYPE, "venue" },
	{ "venue 32 bytes", FOHP_ZONE, "venue", w_long32, FOHP_ETOOLONG,
	  "venue" },
	{ "venue upper case", FOHP_ZONE, "venue", w_upper, FOHP_ERANGE,
	  "venue" },
	{ "venue empty", FOHP_ZONE, "venue", w_empty, FOHP_ERANGE, "venue" },
	{ "venue missing", FOHP_ZONE, "venue", NULL, FOHP_EMISSING, "venue" },
	{ "seq str", FOHP_ZONE, "seq", w_str, FOHP_ETYPE, "seq" },
	{ "seq negative", FOHP_ZONE, "seq", w_neg, FOHP_ERANGE, "seq" },
	{ "seq float", FOHP_ZONE, "seq", w_float, FOHP_ETYPE, "seq" },
	{ "seq missing", FOHP_ZONE, "seq", NULL, FOHP_EMISSING, "seq" },
	{ "epoch nil", FOHP_ZONE, "epoch", w_nil, FOHP_ETYPE, "epoch" },
	{ "ts missing", FOHP_ZONE, "ts", NULL, FOHP_EMISSING, "ts" },
	{ "v 2", FOHP_ZONE, "v", w_int2, FOHP_EVERSION, "v" },
	{ "v 0", FOHP_ZONE, "v", w_zero, FOHP_EVERSION, "v" },
	{ "v str", FOHP_ZONE, "v", w_str, FOHP_ETYPE, "v" },
	{ "v missing", FOHP_ZONE, "v", NULL, FOHP_EMISSING, "v" },
	{ "kind unknown", FOHP_ZONE, "kind", w_bogus, FOHP_EKIND, "kind" },
	{ "kind int", FOHP_ZONE, "kind", w_int5, FOHP_ETYPE, "kind" },
	{ "kind missing", FOHP_ZONE, "kind", NULL, FOHP_EMISSING, "kind" },
	{ "count str", FOHP_ZONE, "count", w_str, FOHP_ETYPE, "count" },
	{ "count negative", FOHP_ZONE, "count", w_neg, FOHP_ERANGE, "count" },
	{ "count over max", FOHP_ZONE, "count", w_countmax, FOHP_ERANGE,
	  "count" },
	{ "count at max", FOHP_ZONE, "count", w_countok, FOHP_OK, "" },
	{ "count 2^40", FOHP_ZONE, "count", w_u64big, FOHP_ERANGE, "count" },
	{ "count missing", FOHP_ZONE, "count", NULL, FOHP_EMISSING, "count" },
	{ "density str", FOHP_ZONE, "density", w_str, FOHP_ETYPE, "density" },
	{ "density NaN", FOHP_ZONE, "density", w_nan, FOHP_ERANGE, "density" },
	{ "density Inf", FOHP_ZONE, "density", w_inf, FOHP_ERANGE, "density" },
	{ "density negative", FOHP_ZONE, "density", w_negf, FOHP_ERANGE,
	  "density" },
	{ "density negative int", FOHP_ZONE, "density", w_neg, FOHP_ERANGE,
	  "density" },
	{ "density over max", FOHP_ZONE, "density", w_dens25, FOHP_ERANGE,
	  "density" },
	{ "density int ok", FOHP_ZONE, "density", w_int2, FOHP_OK, "" },
	{ "density float32 ok", FOHP_ZONE, "density", w_f32, FOHP_OK, "" },
	{ "band G", FOHP_ZONE, "band", w_bandG, FOHP_ERANGE, "band" },
	{ "band AB", FOHP_ZONE, "band", w_bandAB, FOHP_ERANGE, "band" },
	{ "band int", FOHP_ZONE, "band", w_int5, FOHP_ETYPE, "band" },
	{ "zone id NUL", FOHP_ZONE, "zone", w_nulstr, FOHP_ERANGE, "zone" },
	{ "zone id 31 bytes ok", FOHP_ZONE, "zone", w_long31, FOHP_OK, "" },
	{ "unknown key ignored", FOHP_ZONE, "future", w_nested_ok, FOHP_OK,
	  "" },
	{ "nested too deep", FOHP_ZONE, "future", w_deep, FOHP_ETRUNC, "" },
	{ "array 2^31 header", FOHP_ZONE, "future", w_arr_2g, FOHP_ETRUNC,
	  "" },
	{ "map 2^32 header", FOHP_ZONE, "future", w_map_4g, FOHP_ETRUNC, "" },
	{ "hb_ms zero", FOHP_HELLO, "hb_ms", w_zero, FOHP_ERANGE, "hb_ms" },
	{ "uptime float", FOHP_HEARTBEAT, "uptime_ms", w_float, FOHP_ETYPE,
	  "uptime_ms" },
	{ "agent missing", FOHP_HEARTBEAT, "agent", NULL, FOHP_EMISSING,
	  "agent" },
	{ "grid 0", FOHP_LAYOUT, "grid", w_grid0, FOHP_ERANGE, "grid" },
	{ "grid 300", FOHP_LAYOUT, "grid", w_grid300, FOHP_ERANGE, "grid" },
	{ "grid one number", FOHP_LAYOUT, "grid", w_grid1, FOHP_ETYPE, "grid" },
	{ "grid int", FOHP_LAYOUT, "grid", w_int5, FOHP_ETYPE, "grid" },
	{ "rect outside grid", FOHP_LAYOUT, "zones/1/rect", w_rectout,
	  FOHP_ERANGE, "zones[1].rect" },
	{ "rect zero width", FOHP_LAYOUT, "zones/2/rect", w_rect0,
	  FOHP_ERANGE, "zones[2].rect" },
	{ "area 0", FOHP_LAYOUT, "zones/1/area_m2", w_zero, FOHP_ERANGE,
	  "zones[1].area_m2" },
	{ "area negative", FOHP_LAYOUT, "zones/0/area_m2", w_negf, FOHP_ERANGE,
	  "zones[0].area_m2" },
	{ "zkind unknown", FOHP_LAYOUT, "zones/0/zkind", w_bogus, FOHP_ERANGE,
	  "zones[0].zkind" },
	{ "zone id too long", FOHP_LAYOUT, "zones/2/id", w_long32,
	  FOHP_ETOOLONG, "zones[2].id" },
	{ "capacity optional", FOHP_LAYOUT, "zones/1/capacity", NULL, FOHP_OK,
	  "" },
	{ "zone entry not a map", FOHP_LAYOUT, "zones/1", w_int5, FOHP_ETYPE,
	  "zones[1]" },
	{ "too many zones", FOHP_LAYOUT, "zones", w_zones_many, FOHP_ETOOLONG,
	  "zones" },
	{ "zones header only", FOHP_LAYOUT, "zones", w_zones_hdr, FOHP_ETRUNC,
	  "" },
	{ "zones 2^31 header", FOHP_LAYOUT, "zones", w_arr_2g, FOHP_ETRUNC, "" },
	{ "zones of ints", FOHP_LAYOUT, "zones", w_int_list, FOHP_ETYPE,
	  "zones[0]" },
	{ "raster cells not cols x rows", FOHP_RASTER, "cols", w_int5,
	  FOHP_ERANGE, "cells" },
	{ "raster cols 0", FOHP_RASTER, "cols", w_zero, FOHP_ERANGE, "cols" },
	{ "raster cell negative", FOHP_RASTER, "cells/1", w_negf, FOHP_ERANGE,
	  "cells[1]" },
	{ "raster without cells", FOHP_RASTER, "cells", NULL, FOHP_EMISSING,
	  "cells" },
	{ "status unknown", FOHP_EQUIP, "status", w_bogus, FOHP_ERANGE,
	  "status" },
	{ "too many metrics", FOHP_EQUIP, "metrics", w_metrics_many,
	  FOHP_ETOOLONG, "metrics" },
	{ "metric value str", FOHP_EQUIP, "metrics/1/value", w_str, FOHP_ETYPE,
	  "metrics[1].value" },
	{ "metric value NaN", FOHP_EQUIP, "metrics/0/value", w_nan, FOHP_ERANGE,
	  "metrics[0].value" },
	{ "metric unit too long", FOHP_EQUIP, "metrics/0/unit", w_long31,
	  FOHP_ETOOLONG, "metrics[0].unit" },
	{ "drift score Inf", FOHP_DRIFT, "score", w_inf, FOHP_ERANGE, "score" },
	{ "feature name missing", FOHP_DRIFT, "features/1/name", NULL,
	  FOHP_EMISSING, "features[1].name" },
	{ "severity unknown", FOHP_ALERT, "severity", w_bogus, FOHP_ERANGE,
	  "severity" },
	{ "state missing", FOHP_ALERT, "state", NULL, FOHP_EMISSING, "state" },
	{ "snapshot area", FOHP_SNAPSHOT, "layout/zones/1/area_m2", w_zero,
	  FOHP_ERANGE, "layout.zones[1].area_m2" },
	{ "snapshot count", FOHP_SNAPSHOT, "zones/1/count", w_neg, FOHP_ERANGE,
	  "zones[1].count" },
	{ "snapshot band", FOHP_SNAPSHOT, "zones/0/band", w_bandG, FOHP_ERANGE,
	  "zones[0].band" },
	{ "snapshot metric", FOHP_SNAPSHOT, "equip/0/metrics/0/unit", w_long31,
	  FOHP_ETOOLONG, "equip[0].metrics[0].unit" },
	{ "snapshot hello", FOHP_SNAPSHOT, "hello", w_int5, FOHP_ETYPE,
	  "hello" },
	{ "snapshot alerts missing", FOHP_SNAPSHOT, "alerts", NULL,
	  FOHP_EMISSING, "alerts" },
	{ "snapshot gates absent ok", FOHP_SNAPSHOT, "gates", NULL, FOHP_OK,
	  "" },
	{ "snapshot gates int", FOHP_SNAPSHOT, "gates", w_int5, FOHP_ETYPE,
	  "gates" },
	{ "snapshot gate los G", FOHP_SNAPSHOT, "gates/0/los", w_bandG,
	  FOHP_ERANGE, "gates[0].los" },
	{ "snapshot gate missing", FOHP_SNAPSHOT, "gates/0/gate", NULL,
	  FOHP_EMISSING, "gates[0].gate" },
	{ "snapshot zone hist NaN", FOHP_SNAPSHOT, "zones/0/hist", w_hist_nan,
	  FOHP_ERANGE, "zones[0].hist[1]" },
	{ "snapshot zone hist 61", FOHP_SNAPSHOT, "zones/1/hist", w_hist61,
	  FOHP_ETOOLONG, "zones[1].hist" },
	{ "snapshot zone hist 60 ok", FOHP_SNAPSHOT, "zones/1/hist", w_hist60,
	  FOHP_OK, "" },
	{ "snapshot zone hist over density", FOHP_SNAPSHOT, "zones/0/hist",
	  w_hist_dens, FOHP_ERANGE, "zones[0].hist[1]" },
	{ "snapshot gate hist negative", FOHP_SNAPSHOT, "gates/0/hist",
	  w_hist_neg, FOHP_ERANGE, "gates[0].hist[1]" },
	{ "snapshot equip hist Inf", FOHP_SNAPSHOT, "equip/0/hist", w_hist_inf,
	  FOHP_ERANGE, "equip[0].hist[1]" },
	{ "snapshot equip hist negative ok", FOHP_SNAPSHOT, "equip/0/hist",
	  w_hist_neg, FOHP_OK, "" },
	{ "snapshot drift hist str", FOHP_SNAPSHOT, "drift/0/hist", w_hist_str,
	  FOHP_ETYPE, "drift[0].hist[1]" },
	{ "snapshot drift hist 61", FOHP_SNAPSHOT, "drift/0/hist", w_hist61,
	  FOHP_ETOOLONG, "drift[0].hist" },
	{ "snapshot equip rul unknown", FOHP_SNAPSHOT, "equip/0/rul", w_bogus,
	  FOHP_ERANGE, "equip[0].rul" },
	{ "gate los G", FOHP_GATE, "los", w_bandG, FOHP_ERANGE, "los" },
	{ "gate los AB", FOHP_GATE, "los", w_bandAB, FOHP_ERANGE, "los" },
	{ "gate los missing", FOHP_GATE, "los", NULL, FOHP_EMISSING, "los" },
	{ "gate flow negative", FOHP_GATE, "flow_pmm", w_negf, FOHP_ERANGE,
	  "flow_pmm" },
	{ "gate flow negative int", FOHP_GATE, "flow_pmm", w_neg, FOHP_ERANGE,
	  "flow_pmm" },
	{ "gate flow NaN", FOHP_GATE, "flow_pmm", w_nan, FOHP_ERANGE,
	  "flow_pmm" },
	{ "gate flow int ok", FOHP_GATE, "flow_pmm", w_int5, FOHP_OK, "" },
	{ "gate use negative", FOHP_GATE, "use", w_negf, FOHP_ERANGE, "use" },
	{ "gate use missing", FOHP_GATE, "use", NULL, FOHP_EMISSING, "use" },
	{ "gate interval 0", FOHP_GATE, "interval_ms", w_zero, FOHP_ERANGE,
	  "interval_ms" },
	{ "gate interval missing", FOHP_GATE, "interval_ms", NULL,
	  FOHP_EMISSING, "interval_ms" },
	{ "gate in negative", FOHP_GATE, "in", w_neg, FOHP_ERANGE, "in" },
	{ "gate out 2^40", FOHP_GATE, "out", w_u64big, FOHP_ERANGE, "out" },
	{ "gate id empty", FOHP_GATE, "gate", w_empty, FOHP_ERANGE, "gate" },
	{ "gate name absent ok", FOHP_GATE, "name", NULL, FOHP_OK, "" },
	{ "gate name int", FOHP_GATE, "name", w_int5, FOHP_ETYPE, "name" },
	{ "gate t missing", FOHP_GATE, "t", NULL, FOHP_EMISSING, "t" },
	{ "gate hist NaN", FOHP_GATE, "hist", w_hist_nan, FOHP_ERANGE,
	  "hist[1]" },
	{ "gate hist 60 ok", FOHP_GATE, "hist", w_hist60, FOHP_OK, "" },
	{ "gate hist 61", FOHP_GATE, "hist", w_hist61, FOHP_ETOOLONG, "hist" },
	{ "zone hist NaN", FOHP_ZONE, "hist", w_hist_nan, FOHP_ERANGE,
	  "hist[1]" },
	{ "zone hist 61", FOHP_ZONE, "hist", w_hist61, FOHP_ETOOLONG, "hist" },
	{ "zone hist empty ok", FOHP_ZONE, "hist", w_hist_empty, FOHP_OK, "" },
	{ "zone hist ints ok", FOHP_ZONE, "hist", w_hist_ints, FOHP_OK, "" },
	{ "zone hist float64 ok", FOHP_ZONE, "hist", w_hist_f64, FOHP_OK, "" },
	{ "zone hist not an array", FOHP_ZONE, "hist", w_float, FOHP_ETYPE,
	  "hist" },
	{ "equip hist over float", FOHP_EQUIP, "hist", w_hist_big,
	  FOHP_ERANGE, "hist[1]" },
	{ "equip hist NaN", FOHP_EQUIP, "hist", w_hist_nan, FOHP_ERANGE,
	  "hist[1]" },
	{ "equip rul unknown", FOHP_EQUIP, "rul", w_bogus, FOHP_ERANGE, "rul" },
	{ "equip rul case", FOHP_EQUIP, "rul", w_rul_upper, FOHP_ERANGE,
	  "rul" },
	{ "equip rul empty", FOHP_EQUIP, "rul", w_empty, FOHP_ERANGE, "rul" },
	{ "equip rul int", FOHP_EQUIP, "rul", w_int2, FOHP_ETYPE, "rul" },
	{ "equip rul absent ok", FOHP_EQUIP, "rul", NULL, FOHP_OK, "" },
	{ "equip rul value ok", FOHP_EQUIP, "rul", w_rul_value, FOHP_OK, "" },
	{ "equip rul_h negative", FOHP_EQUIP, "rul_h", w_negf, FOHP_ERANGE,
	  "rul_h" },
	{ "equip wear NaN", FOHP_EQUIP, "wear", w_nan, FOHP_ERANGE, "wear" },
	{ "equip wear negative ok", FOHP_EQUIP, "wear", w_negf, FOHP_OK, "" },
	{ "equip wear_limit negative", FOHP_EQUIP, "wear_limit", w_negf,
	  FOHP_ERANGE, "wear_limit" },
	{ "equip hb_age_s negative", FOHP_EQUIP, "hb_age_s", w_neg,
	  FOHP_ERANGE, "hb_age_s" },
	{ "equip hb_age_s float", FOHP_EQUIP, "hb_age_s", w_float, FOHP_ETYPE,
	  "hb_age_s" },
	{ "equip name 64 bytes", FOHP_EQUIP, "name", w_long64, FOHP_ETOOLONG,
	  "name" },
	{ "equip flags too many", FOHP_EQUIP, "flags", w_flags_many,
	  FOHP_ETOOLONG, "flags" },
	{ "equip flag status unknown", FOHP_EQUIP, "flags/1/status", w_bogus,
	  FOHP_ERANGE, "flags[1].status" },
	{ "equip flag name missing", FOHP_EQUIP, "flags/0/name", NULL,
	  FOHP_EMISSING, "flags[0].name" },
	{ "equip flag name empty", FOHP_EQUIP, "flags/2/name", w_empty,
	  FOHP_ERANGE, "flags[2].name" },
	{ "equip flags absent ok", FOHP_EQUIP, "flags", NULL, FOHP_OK, "" },
	{ "equip flags not an array", FOHP_EQUIP, "flags", w_str, FOHP_ETYPE,
	  "flags" },
	{ "drift level unknown", FOHP_DRIFT, "level", w_bogus, FOHP_ERANGE,
	  "level" },
	{ "drift level empty", FOHP_DRIFT, "level", w_empty, FOHP_ERANGE,
	  "level" },
	{ "drift level major ok", FOHP_DRIFT, "level", w_level_major, FOHP_OK,
	  "" },
	{ "drift ref_n negative", FOHP_DRIFT, "ref_n", w_neg, FOHP_ERANGE,
	  "ref_n" },
	{ "drift cur_n str", FOHP_DRIFT, "cur_n", w_str, FOHP_ETYPE, "cur_n" },
	{ "drift name 64 bytes", FOHP_DRIFT, "name", w_long64, FOHP_ETOOLONG,
	  "name" },
	{ "request with venue ok", FOHP_REQUEST, "venue", w_bogus, FOHP_OK,
	  "" },
	{ "request with seq ok", FOHP_REQUEST, "seq", w_int5, FOHP_OK, "" },
	{ "request venue nil", FOHP_REQUEST, "venue", NULL, FOHP_ETYPE,
	  "venue" },
	{ "request venue bad", FOHP_REQUEST, "venue", w_upper, FOHP_ERANGE,
	  "venue" },
	{ "request op missing", FOHP_REQUEST, "op", NULL, FOHP_EMISSING, "op" },
	{ "request op too long", FOHP_REQUEST, "op", w_long31, FOHP_ETOOLONG,
	  "op" },
	{ "request operator absent", FOHP_REQUEST, "operator", NULL, FOHP_OK,
	  "" },
	{ "error text missing", FOHP_ERROR, "text", NULL, FOHP_EMISSING,
	  "text" },
	{ "alert window NaN", FOHP_ALERT, "window", w_hist_nan, FOHP_ERANGE,
	  "window[1]" },
	{ "alert window Inf", FOHP_ALERT, "window", w_hist_inf, FOHP_ERANGE,
	  "window[1]" },
	{ "alert window over float", FOHP_ALERT, "window", w_hist_big,
	  FOHP_ERANGE, "window[1]" },
	{ "alert window 61", FOHP_ALERT, "window", w_win61, FOHP_ETOOLONG,
	  "window" },
	{ "alert window 60 ok", FOHP_ALERT, "window", w_win60, FOHP_OK, "" },
	{ "alert window negative ok", FOHP_ALERT, "window", w_hist_neg,
	  FOHP_OK, "" },
	{ "alert window str", FOHP_ALERT, "window/2", w_str, FOHP_ETYPE,
	  "window[2]" },
	{ "alert window not an array", FOHP_ALERT, "window", w_float,
	  FOHP_ETYPE, "window" },
	{ "alert contrib 9", FOHP_ALERT, "contrib", w_contrib_many,
	  FOHP_ETOOLONG, "contrib" },
	{ "alert contrib name missing", FOHP_ALERT, "contrib/1/name", NULL,
	  FOHP_EMISSING, "contrib[1].name" },
	{ "alert contrib name empty", FOHP_ALERT, "contrib/0/name", w_empty,
	  FOHP_ERANGE, "contrib[0].name" },
	{ "alert contrib value NaN", FOHP_ALERT, "contrib/0/value", w_nan,
	  FOHP_ERANGE, "contrib[0].value" },
	{ "alert contrib value missing", FOHP_ALERT, "contrib/1/value", NULL,
	  FOHP_EMISSING, "contrib[1].value" },
	{ "alert contrib unit 16 bytes", FOHP_ALERT, "contrib/0/unit",
	  w_long31, FOHP_ETOOLONG, "contrib[0].unit" },
	{ "alert contrib note absent ok", FOHP_ALERT, "contrib/0/note", NULL,
	  FOHP_OK, "" },
	{ "alert contrib not an array", FOHP_ALERT, "contrib", w_str,
	  FOHP_ETYPE, "contrib" },
	{ "alert ops 17", FOHP_ALERT, "ops", w_ops_many, FOHP_ETOOLONG,
	  "ops" },
	{ "alert op t missing", FOHP_ALERT, "ops/1/t", NULL, FOHP_EMISSING,
	  "ops[1].t" },
	{ "alert op t negative", FOHP_ALERT, "ops/0/t", w_neg, FOHP_ERANGE,
	  "ops[0].t" },
	{ "alert op op empty", FOHP_ALERT, "ops/1/op", w_empty, FOHP_ERANGE,
	  "ops[1].op" },
	{ "alert op op 31 bytes", FOHP_ALERT, "ops/1/op", w_long31,
	  FOHP_ETOOLONG, "ops[1].op" },
	{ "alert op note 128", FOHP_ALERT, "ops/1/note", w_long128,
	  FOHP_ETOOLONG, "ops[1].note" },
	{ "alert op note 127 ok", FOHP_ALERT, "ops/1/note", w_long127,
	  FOHP_OK, "" },
	{ "alert op operator 32", FOHP_ALERT, "ops/1/operator", w_long32,
	  FOHP_ETOOLONG, "ops[1].operator" },
	{ "alert rkind unknown", FOHP_ALERT, "rkind", w_bogus, FOHP_ERANGE,
	  "rkind" },
	{ "alert rkind empty", FOHP_ALERT, "rkind", w_empty, FOHP_ERANGE,
	  "rkind" },
	{ "alert rkind int", FOHP_ALERT, "rkind", w_int2, FOHP_ETYPE,
	  "rkind" },
	{ "alert rkind forecast ok", FOHP_ALERT, "rkind", w_forecast, FOHP_OK,
	  "" },
	{ "alert fc_state unknown", FOHP_ALERT, "fc_state", w_bogus,
	  FOHP_ERANGE, "fc_state" },
	{ "alert fc_state forecast", FOHP_ALERT, "fc_state", w_forecast,
	  FOHP_ERANGE, "fc_state" },
	{ "alert fc_state crossing ok", FOHP_ALERT, "fc_state", w_crossing,
	  FOHP_OK, "" },
	{ "alert fc_eta_s negative", FOHP_ALERT, "fc_eta_s", w_negf,
	  FOHP_ERANGE, "fc_eta_s" },
	{ "alert fc_eta_s negative int", FOHP_ALERT, "fc_eta_s", w_neg,
	  FOHP_ERANGE, "fc_eta_s" },
	{ "alert fc_eta_s Inf", FOHP_ALERT, "fc_eta_s", w_inf, FOHP_ERANGE,
	  "fc_eta_s" },
	{ "alert fc_horizon_s negative", FOHP_ALERT, "fc_horizon_s", w_negf,
	  FOHP_ERANGE, "fc_horizon_s" },
	{ "alert fc_slope NaN", FOHP_ALERT, "fc_slope", w_nan, FOHP_ERANGE,
	  "fc_slope" },
	{ "alert fc_slope negative ok", FOHP_ALERT, "fc_slope", w_negf,
	  FOHP_OK, "" },
	{ "alert fc_r2 NaN", FOHP_ALERT, "fc_r2", w_nan, FOHP_ERANGE,
	  "fc_r2" },
	{ "alert margin negative ok", FOHP_ALERT, "margin", w_negf, FOHP_OK,
	  "" },
	{ "alert margin Inf", FOHP_ALERT, "margin", w_inf, FOHP_ERANGE,
	  "margin" },
	{ "alert escalated 256", FOHP_ALERT, "escalated", w_256, FOHP_ERANGE,
	  "escalated" },
	{ "alert escalated 255 ok", FOHP_ALERT, "escalated", w_255, FOHP_OK,
	  "" },
	{ "alert fingerprint str", FOHP_ALERT, "fingerprint", w_str,
	  FOHP_ETYPE, "fingerprint" },
	{ "alert held_ms negative", FOHP_ALERT, "held_ms", w_neg, FOHP_ERANGE,
	  "held_ms" },
	{ "alert window_step_ms 2^40", FOHP_ALERT, "window_step_ms", w_u64big,
	  FOHP_ERANGE, "window_step_ms" },
	{ "alert words 128 bytes ok", FOHP_ALERT, "words", w_long128, FOHP_OK,
	  "" },
	{ "alert expr 64 bytes", FOHP_ALERT, "expr", w_long64, FOHP_ETOOLONG,
	  "expr" },
	{ "alert acked_by 32 bytes", FOHP_ALERT, "acked_by", w_long32,
	  FOHP_ETOOLONG, "acked_by" },
	{ "alert ack_expires_ms float", FOHP_ALERT, "ack_expires_ms", w_float,
	  FOHP_ETYPE, "ack_expires_ms" },
	{ "alert source int", FOHP_ALERT, "source", w_int5, FOHP_ETYPE,
	  "source" },
	{ "alert explanation absent ok", FOHP_ALERT, "ops", NULL, FOHP_OK,
	  "" },
	{ "snapshot alert contrib 9", FOHP_SNAPSHOT, "alerts/1/contrib",
	  w_contrib_many, FOHP_ETOOLONG, "alerts[1].contrib" },
	{ "snapshot alert window NaN", FOHP_SNAPSHOT, "alerts/1/window",
	  w_hist_nan, FOHP_ERANGE, "alerts[1].window[1]" },
	{ "snapshot alert fc_state bad", FOHP_SNAPSHOT, "alerts/1/fc_state",
	  w_bogus, FOHP_ERANGE, "alerts[1].fc_state" },
	{ "reply status missing", FOHP_REPLY, "status", NULL, FOHP_EMISSING,
	  "status" },
	{ "reply status unknown", FOHP_REPLY, "status", w_bogus, FOHP_ERANGE,
	  "status" },
	{ "reply status case", FOHP_REPLY, "status", w_done_case, FOHP_ERANGE,
	  "status" },
	{ "reply status empty", FOHP_REPLY, "status", w_empty, FOHP_ERANGE,
	  "status" },
	{ "reply status int", FOHP_REPLY, "status", w_int5, FOHP_ETYPE,
	  "status" },
	{ "reply status unchanged ok", FOHP_REPLY, "status", w_unchanged,
	  FOHP_OK, "" },
	{ "reply id missing", FOHP_REPLY, "id", NULL, FOHP_EMISSING, "id" },
	{ "reply seq missing", FOHP_REPLY, "seq", NULL, FOHP_EMISSING, "seq" },
	{ "reply text absent ok", FOHP_REPLY, "text", NULL, FOHP_OK, "" },
	{ "reply alert absent ok", FOHP_REPLY, "alert", NULL, FOHP_OK, "" },
	{ "reply alert int", FOHP_REPLY, "alert", w_int5, FOHP_ETYPE,
	  "alert" },
	{ "reply alert rule missing", FOHP_REPLY, "alert/rule", NULL,
	  FOHP_EMISSING, "alert.rule" },
	{ "reply alert window NaN", FOHP_REPLY, "alert/window", w_hist_nan,
	  FOHP_ERANGE, "alert.window[1]" },
	{ "reply alert op note 128", FOHP_REPLY, "alert/ops/1/note",
	  w_long128, FOHP_ETOOLONG, "alert.ops[1].note" },
	{ "action alert missing", FOHP_ACTION, "alert", NULL, FOHP_EMISSING,
	  "alert" },
	{ "action alert str", FOHP_ACTION, "alert", w_str, FOHP_ETYPE,
	  "alert" },
	{ "action alert negative", FOHP_ACTION, "alert", w_neg, FOHP_ERANGE,
	  "alert" },
	{ "action action missing", FOHP_ACTION, "action", NULL, FOHP_EMISSING,
	  "action" },
	{ "action action empty", FOHP_ACTION, "action", w_empty, FOHP_ERANGE,
	  "action" },
	{ "action rule absent ok", FOHP_ACTION, "rule", NULL, FOHP_OK, "" },
	{ "action operator 32 bytes", FOHP_ACTION, "operator", w_long32,
	  FOHP_ETOOLONG, "operator" },
	{ "action ts missing", FOHP_ACTION, "ts", NULL, FOHP_EMISSING, "ts" },
	{ "request alert ok", FOHP_REQUEST, "alert", w_int5, FOHP_OK, "" },
	{ "request alert str", FOHP_REQUEST, "alert", w_str, FOHP_ETYPE,
	  "alert" },
	{ "request alert negative", FOHP_REQUEST, "alert", w_neg, FOHP_ERANGE,
	  "alert" },
	{ "request comment 127 ok", FOHP_REQUEST, "comment", w_long127,
	  FOHP_OK, "" },
	{ "request comment 128", FOHP_REQUEST, "comment", w_long128,
	  FOHP_ETOOLONG, "comment" },
	{ "request comment NUL", FOHP_REQUEST, "comment", w_nulstr,
	  FOHP_ERANGE, "comment" },
	{ "request expiry negative", FOHP_REQUEST, "expiry_s", w_neg,
	  FOHP_ERANGE, "expiry_s" },
	{ "request expiry 2^40", FOHP_REQUEST, "expiry_s", w_u64big,
	  FOHP_ERANGE, "expiry_s" },
	{ "request duration float", FOHP_REQUEST, "duration_s", w_float,
	  FOHP_ETYPE, "duration_s" },
	{ "request duration 2^40", FOHP_REQUEST, "duration_s", w_u64big,
	  FOHP_ERANGE, "duration_s" },
	{ "request reason 128", FOHP_REQUEST, "reason", w_long128,
	  FOHP_ETOOLONG, "reason" },
	{ "request reason int", FOHP_REQUEST, "reason", w_int5, FOHP_ETYPE,
	  "reason" },
	{ "request ack_type non-sticky", FOHP_REQUEST, "ack_type",
	  w_nonsticky, FOHP_OK, "" },
	{ "request ack_type unknown", FOHP_REQUEST, "ack_type", w_bogus,
	  FOHP_ERANGE, "ack_type" },
	{ "request ack_type other case", FOHP_REQUEST, "ack_type",
	  w_nonsticky_case, FOHP_ERANGE, "ack_type" },
	{ "request ack_type empty", FOHP_REQUEST, "ack_type", w_empty,
	  FOHP_ERANGE, "ack_type" },
	{ "request ack_type int", FOHP_REQUEST, "ack_type", w_int2,
	  FOHP_ETYPE, "ack_type" },
	{ "alert ack_type unknown", FOHP_ALERT, "ack_type", w_bogus,
	  FOHP_ERANGE, "ack_type" },
	{ "snapshot alert ack_type unknown", FOHP_SNAPSHOT,
	  "alerts/1/ack_type", w_bogus, FOHP_ERANGE, "alerts[1].ack_type" },
	{ "error band unknown key", FOHP_ERROR, "band", w_bandA, FOHP_OK, "" },
	/* Drills (PROTOCOL.md 15): `drill` is a bool or nothing. */
	{ "zone drill true ok", FOHP_ZONE, "drill", w_true, FOHP_OK, "" },
	{ "zone drill false ok", FOHP_ZONE, "drill", w_false, FOHP_OK, "" },
	{ "zone drill int", FOHP_ZONE, "drill", w_int5, FOHP_ETYPE, "drill" },
	{ "zone drill str", FOHP_ZONE, "drill", w_str, FOHP_ETYPE, "drill" },
	{ "zone drill nil", FOHP_ZONE, "drill", w_nil, FOHP_ETYPE, "drill" },
	{ "alert drill int", FOHP_ALERT, "drill", w_int5, FOHP_ETYPE,
	  "drill" },
	{ "snapshot alert drill int", FOHP_SNAPSHOT, "alerts/1/drill", w_int5,
	  FOHP_ETYPE, "alerts[1].drill" },
	{ "reply alert drill str", FOHP_REPLY, "alert/drill", w_str,
	  FOHP_ETYPE, "alert.drill" },
};

/* Run the table of malformed values. */
static void
test_malformed_fields(void **state)
{
	struct pa_fx		*fx = *state;
	const struct tp_bad	*b;
	msgpack_packer		 pk;
	msgpack_object		 obj;
	size_t			 i;

	for (i = 0; i < nitems(tp_bads); i++) {
		b = &tp_bads[i];
		pf_build(fx->in, b->kind);
		pa_repack_start(fx, &obj, &pk);
		tp_repack(&pk, &obj, b->path, b->w);
		pa_check(&fx->dec, &(struct pa_want){ b->name, b->code,
		    b->field }, fx->re.data, fx->re.size, 0, fx->out);
	}
	assert_int_equal(fx->dec.unknown, 1);
}

/* Run the tests of the table of malformed fields. */
int
main(void)
{
	const struct CMUnitTest tests[] = {
		PA_TEST(test_malformed_fields),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
