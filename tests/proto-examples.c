/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * proto-examples.c: print the worked examples of proto/PROTOCOL.md.
 *
 * Builds at least one struct fohp_msg of each kind (some kinds have a
 * second, fuller example), encodes it with fohp_encode (with its topic for
 * stream kinds, bare for snapshot, request, error and reply) and prints a
 * markdown block per example: the map as JSON, then the exact bytes in
 * hex, 16 to a line (`xxd -r -p` turns them back into bytes).
 *
 *	proto-examples			print every block
 *	proto-examples --check FILE	exit 1 unless FILE holds every block
 */

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "proto-fixtures.h"
#include "lib/sshsig.h"

#define PE_WIDTH	72	/* containers wider than this are broken */

/* A growing text buffer. */
struct pe_buf {
	char	*s;
	size_t	 len, size;
};

/* Append formatted text to b. */
static void
pe_add(struct pe_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
pe_add(struct pe_buf *b, const char *fmt, ...)
{
	va_list	ap;
	int	n;

	for (;;) {
		va_start(ap, fmt);
		n = vsnprintf(b->s + b->len, b->size - b->len, fmt, ap);
		va_end(ap);
		if (n < 0)
			abort();
		if ((size_t)n < b->size - b->len)
			break;
		b->size = (b->size + (size_t)n + 1) * 2;
		if ((b->s = realloc(b->s, b->size)) == NULL)
			abort();
	}
	b->len += (size_t)n;
}

/* Append a double in its shortest exact form, always with a point. */
static void
pe_double(struct pe_buf *b, double d)
{
	char	tmp[64];
	int	prec;

	for (prec = 0; prec <= 17; prec++) {
		if (d > -1e15 && d < 1e15)
			snprintf(tmp, sizeof tmp, "%.*f", prec, d);
		else
			snprintf(tmp, sizeof tmp, "%.*g", prec + 1, d);
		if (strtod(tmp, NULL) == d)
			break;
	}
	pe_add(b, "%s%s", tmp, strpbrk(tmp, ".e") ? "" : ".0");
}

/* Append a msgpack string as a JSON string. */
static void
pe_string(struct pe_buf *b, const char *s, size_t n)
{
	size_t	i;

	pe_add(b, "\"");
	for (i = 0; i < n; i++) {
		if (s[i] == '"' || s[i] == '\\')
			pe_add(b, "\\%c", s[i]);
		else if ((unsigned char)s[i] < 0x20)
			pe_add(b, "\\u%04x", s[i]);
		else
			pe_add(b, "%c", s[i]);
	}
	pe_add(b, "\"");
}

static void	pe_json(struct pe_buf *, const msgpack_object *, int, int);

/* Append o as JSON on one line. */
static void
pe_compact(struct pe_buf *b, const msgpack_object *o)
{
	pe_json(b, o, 0, 0);
}

/*
 * Append o as JSON. With pretty set, a container whose one-line form would
 * be wider than PE_WIDTH is broken over lines, indented by indent.
 */
static void
pe_json(struct pe_buf *b, const msgpack_object *o, int pretty, int indent)
{
	struct pe_buf	one = { NULL, 0, 0 };
	uint32_t	i, n;
	int		map;

	switch (o->type) {
	case MSGPACK_OBJECT_POSITIVE_INTEGER:
		pe_add(b, "%llu", (unsigned long long)o->via.u64);
		return;
	case MSGPACK_OBJECT_NEGATIVE_INTEGER:
		pe_add(b, "%lld", (long long)o->via.i64);
		return;
	case MSGPACK_OBJECT_FLOAT32:
	case MSGPACK_OBJECT_FLOAT64:
		pe_double(b, o->via.f64);
		return;
	case MSGPACK_OBJECT_STR:
		pe_string(b, o->via.str.ptr, o->via.str.size);
		return;
	case MSGPACK_OBJECT_BIN:	/* no JSON for it: its size, in words */
		pe_add(b, "\"<bin, %u bytes>\"", (unsigned)o->via.bin.size);
		return;
	case MSGPACK_OBJECT_ARRAY:
	case MSGPACK_OBJECT_MAP:
		break;
	default:
		pe_add(b, "null");
		return;
	}
	map = (o->type == MSGPACK_OBJECT_MAP);
	n = map ? o->via.map.size : o->via.array.size;
	if (pretty) {
		pe_compact(&one, o);
		if (indent + one.len <= PE_WIDTH || n == 0) {
			pe_add(b, "%s", one.s);
			free(one.s);
			return;
		}
		free(one.s);
	}
	pe_add(b, "%s", map ? "{" : "[");
	for (i = 0; i < n; i++) {
		if (pretty)
			pe_add(b, "\n%*s", indent + 2, "");
		if (map) {
			pe_json(b, &o->via.map.ptr[i].key, 0, 0);
			pe_add(b, ": ");
			pe_json(b, &o->via.map.ptr[i].val, pretty, indent + 2);
		} else
			pe_json(b, &o->via.array.ptr[i], pretty, indent + 2);
		if (i + 1 < n)
			pe_add(b, pretty ? "," : ", ");
	}
	if (pretty)
		pe_add(b, "\n%*s", indent, "");
	pe_add(b, "%s", map ? "}" : "]");
}

/* The examples' envelope: a quarter of a second per seq after the epoch. */
static void
pe_envelope(struct fohp_msg *m, enum fohp_kind kind, uint64_t seq)
{
	pf_envelope_at(m, kind, seq, 1718000000000ull + seq * 250);
}

/* The example layout: a 40x24 grid, two zones. */
static void
pe_layout(struct fohp_layout *l)
{
	strcpy(l->name, "Main Arena");
	l->grid_w = 40;
	l->grid_h = 24;
	l->nzones = 2;
	strcpy(l->zones[0].id, "floor");
	strcpy(l->zones[0].name, "Floor");
	l->zones[0].x = 4;
	l->zones[0].y = 2;
	l->zones[0].w = 32;
	l->zones[0].h = 14;
	l->zones[0].area_m2 = 1450.0;
	l->zones[0].kind = FOHP_ZK_STANDING;
	l->zones[0].capacity = 4000;
	strcpy(l->zones[1].id, "gate-a");
	strcpy(l->zones[1].name, "Gate A queue");
	l->zones[1].x = 0;
	l->zones[1].y = 20;
	l->zones[1].w = 8;
	l->zones[1].h = 4;
	l->zones[1].area_m2 = 96.5;
	l->zones[1].kind = FOHP_ZK_QUEUE;
	l->zones[1].capacity = 0;
}

/* The example zone sample. */
static void
pe_zone(struct fohp_zone *z)
{
	strcpy(z->zone, "floor");
	z->count = 2175;
	z->density = 1.5;
	z->band = 'D';
	z->t_ms = 1718000001000ull;
}

/* The example equipment sample. */
static void
pe_equip(struct fohp_equip *e)
{
	strcpy(e->device, "proj-1");
	strcpy(e->dkind, "projector");
	e->status = FOHP_ST_WARNING;
	e->nmetrics = 2;
	strcpy(e->metrics[0].name, "lamp_temp");
	e->metrics[0].value = 81.5;
	strcpy(e->metrics[0].unit, "C");
	strcpy(e->metrics[1].name, "lamp_hours");
	e->metrics[1].value = 1890.0;
	strcpy(e->metrics[1].unit, "h");
	strcpy(e->name, "Stage projector");
	e->nflags = 2;
	strcpy(e->flags[0].name, "lamp");
	e->flags[0].status = FOHP_ST_WARNING;
	strcpy(e->flags[1].name, "fan");
	e->flags[1].status = FOHP_ST_OK;
	e->wear = 1890.0;
	e->wear_limit = 2000.0;
	e->rul = FOHP_RUL_VALUE;
	e->rul_h = 110.0;
	e->hb_age_s = 2;
}

/* The example gate sample: 164 persons through 4 m in a minute. */
static void
pe_gate(struct fohp_gate *g)
{
	strcpy(g->gate, "north");
	strcpy(g->name, "North gate");
	g->in = 150;
	g->out = 14;
	g->interval_ms = 60000;
	g->flow_pmm = 41.0;
	g->los = 'C';
	g->use = 0.5;
	g->t_ms = 1718000000500ull;
}

/* The example drift sample. */
static void
pe_drift(struct fohp_drift *d)
{
	strcpy(d->model, "crowd-counter");
	strcpy(d->version, "2024.06");
	strcpy(d->method, "psi");
	d->score = 0.28125;
	d->warn = 0.1;
	d->crit = 0.25;
	d->nfeatures = 2;
	strcpy(d->features[0].name, "brightness");
	d->features[0].score = 0.40625;
	strcpy(d->features[1].name, "blob_size");
	d->features[1].score = 0.125;
	strcpy(d->name, "Head counter");
	d->level = FOHP_DL_MAJOR;
	d->ref_n = 500;
	d->cur_n = 480;
}

/*
 * The example alert with its explanation: the floor's density is forecast
 * to pass the 5 p/m2 standing limit in a minute; ana has acknowledged it.
 */
static void
pe_alert_explained(struct fohp_alert *a)
{
	static const float	window[] = {
		3.625f, 3.75f, 3.875f, 4.0f, 4.125f, 4.25f
	};
	struct fohp_contrib	*c;
	size_t			 i;

	a->id = 13;
	strcpy(a->rule, "floor-crush-fc");
	strcpy(a->subject, "floor");
	a->severity = FOHP_SEV_WARNING;
	a->state = FOHP_AS_ACKED;
	strcpy(a->title, "Floor density 4.25 p/m2, 5.0 forecast in 1 min");
	a->value = 4.25;
	a->threshold = 5.0;
	a->since_ms = 1718000895000ull;
	a->fingerprint = 0x5be0c2a9f13d7e64ull;
	a->rkind = FOHP_RK_FORECAST;
	strcpy(a->words, "Floor density is forecast to pass 5.0 p/m2 "
	    "(standing limit) within 10 minutes");
	strcpy(a->expr, "density -> 5.00 within 600s");
	strcpy(a->unit, "p/m2");
	a->margin = -0.75;
	a->held_ms = 60000;
	a->window_step_ms = 10000;
	a->nwindow = (uint8_t)(sizeof window / sizeof window[0]);
	for (i = 0; i < a->nwindow; i++)
		a->window[i] = window[i];
	a->fc_state = FOHP_FC_CROSSING;
	a->fc_slope = 0.75;
	a->fc_r2 = 0.98;
	a->fc_eta_s = 60.0;
	a->fc_horizon_s = 600.0;
	a->ncontrib = 2;
	c = &a->contrib[0];
	strcpy(c->name, "gate:north");
	c->value = 41.0;
	strcpy(c->unit, "p/m/min");
	strcpy(c->note, "inflow, level C");
	c = &a->contrib[1];
	strcpy(c->name, "gate:east");
	c->value = 12.5;
	strcpy(c->unit, "p/m/min");
	strcpy(c->note, "inflow, level A");
	strcpy(a->source, "crowd-counter 2024.06");
	strcpy(a->action, "Hold entry at the north gate; open the east "
	    "overflow pen");
	strcpy(a->acked_by, "ana");
	a->acked_ms = 1718000895000ull;
	a->ack_expires_ms = 1718001495000ull;
	a->nops = 1;
	a->ops[0].t_ms = 1718000895000ull;
	strcpy(a->ops[0].op, "ack");
	strcpy(a->ops[0].operator_name, "ana");
	strcpy(a->ops[0].note, "Stewards sent to the north gate");
}

/*
 * The summary example (issue 15): the last 4 hours of the arena's floor,
 * a 10 s journal step in slices of 4 minutes; the journal began 48 minutes
 * before the end (12 slices), and two severities.
 */
static void
pe_summary(struct fohp_msg *m)
{
	static const float	 series[] = { 0.5f, 1.25f, 2.5f, 3.75f, 4.5f,
	    5.25f, 5.625f, 5.5f, 4.25f, 3.0f, 1.5f, 0.75f };
	struct fohp_summary	*s = &m->u.reply.summary;
	struct fohp_summary_zone *z = &s->zones[0];

	pe_envelope(m, FOHP_REPLY, 4300);
	m->ts_ms = 1718000000000ull + 4 * 3600000ull;
	m->u.reply.id = 4;
	strcpy(m->u.reply.status, "done");
	strcpy(m->u.reply.text, "venue arena over the last 4 h");
	m->u.reply.has_summary = 1;
	s->from_ms = 1718000000000ull;
	s->to_ms = s->from_ms + 4 * 3600000ull;
	s->step_ms = 10000;
	s->series_step_ms = 240000;
	s->zones_total = 1;
	s->nzones = 1;
	strcpy(z->zone, "floor");
	z->peak = 5.625;
	z->peak_ms = s->to_ms - 6 * 240000 + 30000;
	z->min_e = 12.5;
	z->min_f = 3.5;
	z->nseries = (uint8_t)nitems(series);
	memcpy(z->series, series, sizeof series);
	s->ntimes = 3;
	s->times[0].severity = FOHP_SEV_INFO;
	s->times[0].n = s->times[0].nresolved = 2;
	s->times[0].res_median = s->times[0].res_p90 = 60;
	s->times[0].res_worst = 60;
	s->times[1].severity = FOHP_SEV_WARNING;
	s->times[1].n = s->times[1].nresolved = 5;
	s->times[1].nacked = 4;
	s->times[1].ack_median = 42.5;
	s->times[1].ack_p90 = s->times[1].ack_worst = 95;
	s->times[1].res_median = 310;
	s->times[1].res_p90 = s->times[1].res_worst = 905.5;
	s->times[2].severity = FOHP_SEV_CRITICAL;
	s->times[2].n = s->times[2].nacked = 1;
	s->times[2].ack_median = s->times[2].ack_p90 = 18.5;
	s->times[2].ack_worst = 18.5;
}

static int	pe_build(struct fohp_msg *, enum fohp_kind, int);

/* The example signing key: Ed25519 from the seed 00 01 02 ... 1f. */
static struct sshsig_seckey pe_key;

/* Make pe_key from its fixed seed (libsodium's crypto_sign_seed_keypair). */
static void
pe_key_make(void)
{
	uint8_t	seed[crypto_sign_SEEDBYTES];
	size_t	i;

	if (sodium_init() < 0)
		abort();
	for (i = 0; i < sizeof seed; i++)
		seed[i] = (uint8_t)i;
	memset(&pe_key, 0, sizeof pe_key);
	if (crypto_sign_seed_keypair(pe_key.pub.pk, pe_key.sk, seed) != 0)
		abort();
	sshsig_fingerprint(pe_key.pub.pk, pe_key.pub.fp, sizeof pe_key.pub.fp);
	strcpy(pe_key.pub.comment, "foh-example");
}

/*
 * The signed example: the request (ack) example with ts, encoded, then
 * signed with pe_key under "foh" (SSHSIG, sha512).
 */
static void
pe_signed(struct fohp_msg *m)
{
	struct fohp_msg	*req;
	struct fohp_err	 err;
	msgpack_sbuffer	 sb;
	size_t		 n;
	char		 why[256];

	if ((req = calloc(1, sizeof *req)) == NULL)
		abort();
	pe_build(req, FOHP_REQUEST, 1);
	req->ts_ms = 1718000895000ULL;	/* the signer's clock, Unix ms */
	msgpack_sbuffer_init(&sb);
	if (fohp_encode(&sb, req, 0, &err) != FOHP_OK ||
	    sb.size > sizeof m->u.sreq.body)
		abort();
	memset(m, 0, sizeof *m);
	m->v = FOHP_VERSION;
	m->kind = FOHP_SIGNED;
	memcpy(m->u.sreq.body, sb.data, sb.size);
	m->u.sreq.body_len = (uint16_t)sb.size;
	pe_key_make();
	if (sshsig_sign(&pe_key, SSHSIG_NAMESPACE, sb.data, sb.size,
	    m->u.sreq.sig, sizeof m->u.sreq.sig, &n, why, sizeof why) != 0) {
		fprintf(stderr, "proto-examples: %s\n", why);
		exit(2);
	}
	m->u.sreq.sig_len = (uint16_t)n;
	msgpack_sbuffer_destroy(&sb);
	free(req);
}

/* Bytes as hex, 16 to a line, in a ```hex block. */
static void
pe_hex(struct pe_buf *b, const void *data, size_t len)
{
	const unsigned char	*p = data;
	size_t			 i;

	pe_add(b, "```hex\n");
	for (i = 0; i < len; i++) {
		pe_add(b, "%02x%s", p[i], (i % 16 == 15 || i + 1 == len) ?
		    "\n" : " ");
	}
	pe_add(b, "```\n");
}

/* What the signed example is made of: the key, the body, the signature. */
static void
pe_signed_parts(struct pe_buf *b, const struct fohp_signed *s)
{
	uint8_t	blob[SSHSIG_KEYBLOB_LEN];
	char	b64[sodium_base64_ENCODED_LEN(SSHSIG_KEYBLOB_LEN,
		    sodium_base64_VARIANT_ORIGINAL)];
	char	armor[SSHSIG_ARMOR_MAX];

	sshsig_pubkey_blob(&pe_key.pub, blob);
	sodium_bin2base64(b64, sizeof b64, blob, sizeof blob,
	    sodium_base64_VARIANT_ORIGINAL);
	if (sshsig_armor(s->sig, s->sig_len, armor, sizeof armor) == 0)
		abort();
	pe_add(b, "The signer's key is the Ed25519 key made by libsodium's\n"
	    "`crypto_sign_seed_keypair` from the 32-byte seed 00 01 02 ... "
	    "1f.\nIts public line (a `.pub` file; with a principal in front, "
	    "an\nallowed_signers line), fingerprint\n`%s`:\n\n```\n"
	    "ssh-ed25519 %s %s\n```\n\n", pe_key.pub.fp, b64,
	    pe_key.pub.comment);
	pe_add(b, "The body: the request (ack) example above with `ts` "
	    "added, %u bytes:\n\n", (unsigned)s->body_len);
	pe_hex(b, s->body, s->body_len);
	pe_add(b, "\n`ssh-keygen -Y sign -n foh -f KEY body` writes "
	    "`body.sig`:\n\n```\n%s```\n\nThe lines between the "
	    "first and the last, joined and base64-decoded,\nare the SSHSIG "
	    "blob that goes in `sig`, %u bytes:\n\n", armor,
	    (unsigned)s->sig_len);
	pe_hex(b, s->sig, s->sig_len);
	pe_add(b, "\nThe message sent:\n\n");
}

/* Build an example (variant 0 or 1 of a kind); 1 if it has a topic. */
static int
pe_build(struct fohp_msg *m, enum fohp_kind kind, int variant)
{
	struct fohp_snapshot	*s = &m->u.snapshot;
	struct fohp_alert	*a = &m->u.alert;
	struct fohp_request	*r = &m->u.request;

	switch (kind) {
	case FOHP_HELLO:
		pe_envelope(m, kind, 1);
		pf_hello(&m->u.hello, 0);
		return (1);
	case FOHP_HEARTBEAT:
		pe_envelope(m, kind, 4);
		pf_hello(&m->u.hello, 1000);
		return (1);
	case FOHP_LAYOUT:
		pe_envelope(m, kind, 2);
		pe_layout(&m->u.layout);
		return (1);
	case FOHP_ZONE:
		pe_envelope(m, kind, 5);
		pe_zone(&m->u.zone);
		return (1);
	case FOHP_GATE:
		pe_envelope(m, kind, 3);
		pe_gate(&m->u.gate);
		return (1);
	case FOHP_EQUIP:
		pe_envelope(m, kind, 6);
		pe_equip(&m->u.equip);
		return (1);
	case FOHP_DRIFT:
		pe_envelope(m, kind, 7);
		pe_drift(&m->u.drift);
		return (1);
	case FOHP_ALERT:
		if (variant) {
			pe_envelope(m, kind, 4210);
			m->ts_ms = 1718000895050ull;
			pe_alert_explained(a);
			return (1);
		}
		pe_envelope(m, kind, 8);
		a->id = 12;
		strcpy(a->rule, "density-high");
		strcpy(a->subject, "floor");
		a->severity = FOHP_SEV_WARNING;
		a->state = FOHP_AS_FIRING;
		strcpy(a->title, "Floor density 1.5 p/m2 (band D)");
		a->value = 1.5;
		a->threshold = 1.43;
		a->since_ms = 1718000001000ull;
		return (1);
	case FOHP_SNAPSHOT:
		pe_envelope(m, kind, 7);
		pf_hello(&s->hello, 1750);
		pe_layout(&s->layout);
		s->layout.nzones = 1;
		s->nzones = 1;
		pe_zone(&s->zones[0]);
		s->zones[0].nhist = 3;
		s->zones[0].hist[0] = 1.25f;
		s->zones[0].hist[1] = 1.375f;
		s->zones[0].hist[2] = 1.5f;
		s->zones[0].hist_step_ms = 5000;
		s->ngates = 1;
		pe_gate(&s->gates[0]);
		s->nequip = 1;
		pe_equip(&s->equip[0]);
		s->equip[0].nmetrics = 1;
		s->equip[0].nflags = 1;
		s->ndrift = 1;
		pe_drift(&s->drift[0]);
		s->drift[0].nfeatures = 1;
		s->nalerts = 0;
		s->nopen = 0;
		s->id = 1;		/* the request example's id */
		return (0);
	case FOHP_REQUEST:
		memset(m, 0, sizeof *m);
		m->v = FOHP_VERSION;
		m->kind = kind;
		if (variant == 2) {	/* issue 15: the night's numbers */
			r->id = 4;
			strcpy(r->op, "summary");
			r->hours = 4;
			return (0);
		}
		if (variant) {
			strcpy(m->venue, "arena");
			r->id = 3;
			strcpy(r->op, "ack");
			strcpy(r->operator_name, "ana");
			r->alert = 13;
			strcpy(r->comment, "Stewards sent to the north gate");
			r->expiry_s = 600;
			r->deadline_ms = 1718000905000ULL;
			return (0);
		}
		r->id = 1;
		strcpy(r->op, "snapshot");
		strcpy(r->operator_name, "ana");
		return (0);
	case FOHP_REPLY:
		if (variant) {
			pe_summary(m);
			return (0);
		}
		pe_envelope(m, kind, 4210);
		m->ts_ms = 1718000895050ull;
		m->u.reply.id = 3;
		strcpy(m->u.reply.status, "done");
		strcpy(m->u.reply.text, "alert 13 acknowledged by ana for "
		    "600 s");
		m->u.reply.has_alert = 1;
		pe_alert_explained(&m->u.reply.alert);
		return (0);
	case FOHP_ACTION:
		pe_envelope(m, kind, 4231);
		m->ts_ms = 1718000912050ull;
		m->u.action.alert = 13;
		strcpy(m->u.action.rule, "floor-crush-fc");
		strcpy(m->u.action.subject, "floor");
		strcpy(m->u.action.action, "Hold entry at the north gate; "
		    "open the east overflow pen");
		strcpy(m->u.action.operator_name, "ana");
		return (1);
	case FOHP_RASTER:
		pe_envelope(m, kind, 9);
		m->u.raster.x = 2;
		m->u.raster.y = 1;
		m->u.raster.cols = 2;
		m->u.raster.rows = 2;
		m->u.raster.t_ms = 1718000000500ull;
		m->u.raster.ncells = 4;
		m->u.raster.cells[0] = 12;
		m->u.raster.cells[1] = 13.5f;
		m->u.raster.cells[2] = 0;
		m->u.raster.cells[3] = 4.25f;
		return (1);
	case FOHP_SIGNED:
		pe_signed(m);
		return (0);
	case FOHP_ERROR:
		pe_envelope(m, kind, 8);
		m->u.error.id = 2;
		strcpy(m->u.error.code, "unsupported");
		strcpy(m->u.error.field, "op");
		strcpy(m->u.error.text, "request: op \"dance\" is not supported");
		return (0);
	default:
		abort();
	}
}

/* One worked example: its kind, which variant, and words for its title. */
struct pe_example {
	enum fohp_kind	 kind;
	int		 variant;
	const char	*title;		/* after the kind name; "" if none */
};

/* Render the markdown block of one example into b. */
static void
pe_block(struct pe_buf *b, struct fohp_msg *m, const struct pe_example *x)
{
	enum fohp_kind	 kind = x->kind;
	struct fohp_err	 err;
	msgpack_sbuffer	 sb;
	msgpack_zone	 z;
	msgpack_object	 obj;
	size_t		 i, tlen;
	long		 t;
	int		 topic;

	topic = pe_build(m, kind, x->variant);
	msgpack_sbuffer_init(&sb);
	if (fohp_encode(&sb, m, topic, &err) != FOHP_OK) {
		fprintf(stderr, "proto-examples: %s\n", err.text);
		exit(2);
	}
	msgpack_zone_init(&z, 16384);
	if ((t = pf_unpack(&sb, &z, &obj)) < 0 || (t > 0) != topic)
		abort();
	tlen = (size_t)t;

	pe_add(b, "#### Example: %s%s\n\n", fohp_kind_name(kind), x->title);
	if (kind == FOHP_SIGNED)
		pe_signed_parts(b, &m->u.sreq);
	if (topic) {
		pe_add(b, "Topic `%s` and a 0x00 byte (%zu bytes), then the "
		    "map (%zu bytes); %zu bytes in all.\n\n", sb.data, tlen,
		    sb.size - tlen, sb.size);
	} else {
		pe_add(b, "Bare map, no topic; %zu bytes.\n\n", sb.size);
	}
	pe_add(b, "```json\n");
	pe_json(b, &obj, 1, 0);
	pe_add(b, "\n```\n\n```hex\n");
	for (i = 0; i < sb.size; i++) {
		pe_add(b, "%02x%s", (unsigned char)sb.data[i],
		    (i % 16 == 15 || i + 1 == sb.size) ? "\n" : " ");
	}
	pe_add(b, "```\n");
	msgpack_zone_destroy(&z);
	msgpack_sbuffer_destroy(&sb);
}

/* Read a whole file; NULL on error. */
static char *
pe_read(const char *path)
{
	struct pe_buf	 b = { NULL, 0, 0 };
	FILE		*f;
	char		 chunk[4096];
	size_t		 n;

	if ((f = fopen(path, "r")) == NULL)
		return (NULL);
	pe_add(&b, "%s", "");
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		pe_add(&b, "%.*s", (int)n, chunk);
	fclose(f);
	return (b.s);
}

int
main(int argc, char **argv)
{
	struct pe_buf	 b;
	/* The order of PROTOCOL.md: stream kinds, then REQ/REP ones. */
	static const struct pe_example order[] = {
		{ FOHP_HELLO, 0, "" },
		{ FOHP_HEARTBEAT, 0, "" },
		{ FOHP_LAYOUT, 0, "" },
		{ FOHP_ZONE, 0, "" },
		{ FOHP_GATE, 0, "" },
		{ FOHP_RASTER, 0, "" },
		{ FOHP_EQUIP, 0, "" },
		{ FOHP_DRIFT, 0, "" },
		{ FOHP_ALERT, 0, "" },
		{ FOHP_ALERT, 1, ", with its explanation" },
		{ FOHP_ACTION, 0, "" },
		{ FOHP_SNAPSHOT, 0, "" },
		{ FOHP_REQUEST, 0, "" },
		{ FOHP_REQUEST, 1, " (ack)" },
		{ FOHP_SIGNED, 0, "" },
		{ FOHP_REQUEST, 2, " (summary)" },
		{ FOHP_REPLY, 0, "" },
		{ FOHP_REPLY, 1, " (summary)" },
		{ FOHP_ERROR, 0, "" },
	};
	struct fohp_msg	*m;
	char		*file = NULL;
	size_t		 i;
	int		 k, missing = 0, seen[FOHP_KIND_COUNT] = { 0 };

	if (argc == 3 && strcmp(argv[1], "--check") == 0) {
		if ((file = pe_read(argv[2])) == NULL) {
			perror(argv[2]);
			return (1);
		}
	} else if (argc != 1) {
		fprintf(stderr, "usage: proto-examples [--check FILE]\n");
		return (2);
	}
	if ((m = calloc(1, sizeof *m)) == NULL)
		abort();
	for (i = 0; i < sizeof order / sizeof order[0]; i++)
		seen[order[i].kind] = 1;
	for (k = 1; k < FOHP_KIND_COUNT; k++) {
		if (!seen[k])
			abort();	/* a kind without an example */
	}
	for (i = 0; i < sizeof order / sizeof order[0]; i++) {
		k = order[i].kind;
		memset(&b, 0, sizeof b);
		pe_block(&b, m, &order[i]);
		if (file == NULL)
			printf("%s%s", i == 0 ? "" : "\n", b.s);
		else if (strstr(file, b.s) == NULL) {
			fprintf(stderr, "%s: example \"%s%s\" missing or "
			    "different\n", argv[2], fohp_kind_name(k),
			    order[i].title);
			missing = 1;
		}
		free(b.s);
	}
	free(file);
	free(m);
	return (missing);
}
