/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * metrics.c: render fohd's counters for Prometheus and for health checks.
 *
 * Every family has its HELP and TYPE lines; counters end in _total; label
 * values are ids from the config or fixed words, so they need no escaping.
 * The families of one number (or of a few fixed labels) are tables of
 * rows (metrics_rows); those with a series per kind, path, socket or code
 * are loops over metrics_series.
 */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "agent-mqtt.h"
#include "agent-nats.h"
#include "ingest.h"
#include "metrics.h"
#include "metrics-priv.h"

static const char *const metrics_paths[METRICS_PATH_COUNT] = {
	"ws", "pull", "replay", "mqtt"
};

/* One series: name, its one label key="value" if key is not NULL, v. */
static void
metrics_series(struct metrics_out *o, const char *name, const char *key,
    const char *value, long long v)
{
	if (key == NULL)
		metrics_printf(o, "%s %lld\n", name, v);
	else
		metrics_printf(o, "%s{%s=\"%s\"} %lld\n", name, key, value, v);
}

/*
 * One row of a table of families: a family's HELP and TYPE, then its
 * series; a row without a name is another series of the family above.
 */
struct metrics_row {
	const char	*name;
	const char	*type;		/* "counter" or "gauge" */
	const char	*help;
	const char	*key;		/* the series' label, or NULL */
	const char	*value;		/* ... its value */
	long long	 v;
};

/* Write a table of families. */
static void
metrics_rows(struct metrics_out *o, const struct metrics_row *rows,
    size_t n)
{
	const char	*name = "";
	size_t		 i;

	for (i = 0; i < n; i++) {
		if (rows[i].name != NULL) {
			name = rows[i].name;
			metrics_family(o, name, rows[i].type, rows[i].help);
		}
		metrics_series(o, name, rows[i].key, rows[i].value, rows[i].v);
	}
}

/* A family with one series per nng listener that has a cap. */
static void
metrics_pipes(struct metrics_out *o, const char *name, const char *type,
    const char *help, const struct metrics_ingest *m, const uint64_t *v)
{
	unsigned	k;

	metrics_family(o, name, type, help);
	for (k = 0; k < TRANSPORT_WHICH_COUNT; k++)
		if (m->pipes_max[k] != 0)
			metrics_series(o, name, "socket",
			    transport_which_name((enum transport_which)k),
			    (long long)v[k]);
}

#define METRICS_NROWS(t)	(sizeof(t) / sizeof((t)[0]))
#define C	"counter"
#define G	"gauge"

/* Count a batch. */
void
metrics_count(struct metrics_ingest *m, enum metrics_path path,
    const struct reading_batch *b)
{
	unsigned	i, k, c;

	m->frames[path]++;
	for (i = 0; i < b->n; i++)
		m->readings[b->r[i].kind]++;
	for (k = 0; k <= READING_KIND_COUNT; k++) {
		for (c = 0; c < READING_CODES; c++)
			m->rejected[k][c] += b->rejected_by[k][c];
	}
}

/* Sum of the kept latencies, in seconds. */
static double
metrics_latency_sum(const struct agent_stats *a)
{
	double		sum = 0;
	unsigned	i;

	for (i = 0; i < a->nlatency; i++)
		sum += a->latency_us[i] / 1e6;
	return (sum);
}

/* Render /metrics. */
size_t
metrics_render(char *buf, size_t len, const struct vconf *conf,
    const struct agent *ag, const struct server_stats *s,
    const struct metrics_ingest *m)
{
	const struct agent_stats *a = agent_stats(ag);
	static const double	 qs[] = { 0.5, 0.9, 0.99 };
	struct metrics_out	 o = { buf, len, 0 };
	double			 v;
	uint64_t		rej[READING_KIND_COUNT + 1][READING_CODES];
	uint64_t		pipes_max[TRANSPORT_WHICH_COUNT];
	unsigned		i, k, c;
	const struct metrics_row pull[] = {
		{ "fohd_ingest_pull_refused_total", C, "nng PULL producers "
		    "refused: not loopback and not in pull_allow.", NULL, NULL,
		    (long long)m->pull_refused },
	};
	const struct metrics_row conns[] = {
		{ "fohd_ingest_conns_open", G, "HTTP and WebSocket connections "
		    "open now.", NULL, NULL, (long long)s->conns },
		{ "fohd_ingest_conns_max", G, "The cap on HTTP and WebSocket "
		    "connections (max_conns).", NULL, NULL, s->max_conns },
		{ "fohd_ingest_conns_refused_total", C, "Connections refused "
		    "at the cap: at accept (max_conns) or at the WebSocket "
		    "upgrade (503, WebSockets at their share).", "stage",
		    "accept", (long long)s->conns_refused },
		{ NULL, NULL, NULL, "stage", "upgrade",
		    (long long)s->ws_refused },
		{ "fohd_ingest_conns_idle_closed_total", C, "Connections "
		    "closed after idle_timeout with nothing received.", NULL,
		    NULL, (long long)s->idle_closed },
		{ "fohd_ws_connections", G, "WebSocket ingest connections open "
		    "now.", NULL, NULL, (long long)s->open },
		{ "fohd_ws_connections_total", C, "WebSocket ingest "
		    "connections accepted.", NULL, NULL,
		    (long long)s->connections },
		{ "fohd_ws_auth_refused_total", C, "WebSocket upgrades refused "
		    "for a missing or wrong token.", NULL, NULL,
		    (long long)s->auth_refused },
		{ "fohd_ws_subprotocol_refused_total", C, "WebSocket upgrades "
		    "refused for asking a subprotocol other than foh-ingest.",
		    NULL, NULL, (long long)s->proto_refused },
		{ "fohd_ws_answers_queued", G, "Answers waiting to be written "
		    "to WebSocket producers.", NULL, NULL,
		    (long long)s->queued },
		{ "fohd_http_requests_total", C, "HTTP requests served "
		    "(/healthz, /metrics, others).", NULL, NULL,
		    (long long)s->http_requests },
	};
	const struct metrics_row agent[] = {
		{ "fohd_publish_failed_total", C, "Stream messages not "
		    "published as built: nng refused them (send), or they did "
		    "not encode (encode; an alert is then sent without its "
		    "explanation).", "reason", "send",
		    (long long)a->send_fail },
		{ NULL, NULL, NULL, "reason", "encode",
		    (long long)a->encode_fail },
		{ "fohd_snapshots_degraded_total", C, "Snapshots that did not "
		    "encode whole and were sent without histories.", NULL,
		    NULL, (long long)a->snapshots_degraded },
		{ "fohd_alerts_refused_total", C, "New alerts not raised "
		    "because the alert table was full.", NULL, NULL,
		    (long long)a->alerts_refused },
		{ "fohd_subscribers", G, "Consoles connected to the stream "
		    "now.", NULL, NULL, a->subscribers },
		{ "fohd_control_requests_total", C, "Control requests "
		    "answered, by result.", "result", "ok",
		    (long long)(a->requests - a->bad_requests) },
		{ NULL, NULL, NULL, "result", "refused",
		    (long long)a->bad_requests },
	};
	const struct metrics_row alerts[] = {
		{ "fohd_control_replayed_total", C, "Repeated control requests "
		    "answered from the answer memory.", NULL, NULL,
		    (long long)a->replayed },
		{ "fohd_control_refusals_suppressed_total", C, "Refusals whose "
		    "audit row and log line were not written, over the rate "
		    "limit.", NULL, NULL, (long long)a->refusals_suppressed },
		{ "fohd_journal_errors_total", C, "Journal commits that failed "
		    "(disk full, read-only, I/O error).", NULL, NULL,
		    (long long)a->journal_errors },
		{ "fohd_history_steps_total", C, "[history] steps written to "
		    "the journal (one transaction each), by result.",
		    "result", "written", (long long)a->history_steps },
		{ NULL, NULL, NULL, "result", "failed",
		    (long long)a->history_failed },
		{ NULL, NULL, NULL, "result", "paused",
		    (long long)a->history_paused },
		{ "fohd_history_rows_total", C, "Rows the written [history] "
		    "steps held (zones, gates, devices, models).", NULL, NULL,
		    (long long)a->history_rows },
		{ "fohd_control_summaries_total", C, "Op summary answered, by "
		    "how: computed (the journal read) or cached.", "result",
		    "computed", (long long)a->summary_computed },
		{ NULL, NULL, NULL, "result", "cached",
		    (long long)a->summary_cached },
		{ "fohd_devices_offline_total", C, "Times a device went "
		    "OFFLINE after its heartbeat stopped.", NULL, NULL,
		    (long long)a->devices_offline },
		{ "fohd_alerts_fired_total", C, "Alerts opened by the rules.",
		    NULL, NULL, (long long)a->alerts_fired },
		{ "fohd_alerts_flapping_total", C, "Alerts that began to flap: "
		    "one alert held for a rule that fires and clears too "
		    "often.", NULL, NULL, (long long)a->alerts_flapping },
		{ "fohd_alerts_settled_total", C, "Flapping alerts that "
		    "settled, firing on or resolved.", NULL, NULL,
		    (long long)a->alerts_settled },
	};

	/* The server refuses oversized messages and bad tokens itself. */
	memcpy(rej, m->rejected, sizeof(rej));
	rej[READING_KIND_COUNT][INGEST_OVERSIZED] += s->oversized;
	rej[READING_KIND_COUNT][INGEST_AUTH] += s->auth_refused;

	metrics_family(&o, "fohd_build_info", G,
	    "Version of fohd and the venue it serves.");
	metrics_printf(&o, "fohd_build_info{version=\"%s\",venue=\"%s\","
	    "protocol=\"%d\"} 1\n", PACKAGE_VERSION, conf->id, FOHP_VERSION);
	metrics_family(&o, "fohd_uptime_seconds", G,
	    "Seconds since fohd started.");
	metrics_printf(&o, "fohd_uptime_seconds %.3f\n",
	    (double)a->uptime_ms / 1000.0);

	metrics_family(&o, "fohd_ingest_frames_total", C,
	    "Frames or messages of readings received, by path.");
	for (i = 0; i < METRICS_PATH_COUNT; i++)
		metrics_series(&o, "fohd_ingest_frames_total", "path",
		    metrics_paths[i], (long long)m->frames[i]);
	metrics_family(&o, "fohd_ingest_readings_total", C,
	    "Readings accepted, by kind.");
	for (k = 0; k < READING_KIND_COUNT; k++)
		metrics_series(&o, "fohd_ingest_readings_total", "kind",
		    reading_kind_name((enum reading_kind)k),
		    (long long)m->readings[k]);
	metrics_family(&o, "fohd_ingest_rejected_total", C,
	    "Readings or frames refused, by kind and reason.");
	for (k = 0; k <= READING_KIND_COUNT; k++) {
		for (c = 0; c < READING_CODES; c++) {
			if (rej[k][c] == 0 && k != READING_ZONE_COUNT)
				continue;
			metrics_printf(&o, "fohd_ingest_rejected_total{kind="
			    "\"%s\",reason=\"%s\"} %llu\n",
			    k == READING_KIND_COUNT ? "unknown" :
			    reading_kind_name((enum reading_kind)k),
			    ingest_code_name((int)c),
			    (unsigned long long)rej[k][c]);
		}
	}

	metrics_rows(&o, pull, METRICS_NROWS(pull));
	for (k = 0; k < TRANSPORT_WHICH_COUNT; k++)
		pipes_max[k] = m->pipes_max[k];
	metrics_pipes(&o, "fohd_nng_pipes_open", G,
	    "Pipes (connections) open now on fohd's nng listeners.", m,
	    m->pipes_open);
	metrics_pipes(&o, "fohd_nng_pipes_max", G,
	    "The cap on each nng listener's pipes (from ulimit -n).", m,
	    pipes_max);
	metrics_pipes(&o, "fohd_nng_pipes_refused_total", C,
	    "Pipes closed as they came, their listener at its cap.", m,
	    m->pipes_refused);
	metrics_pipes(&o, "fohd_nng_connections_failed_total", C,
	    "Connections that failed before they were pipes: a TLS handshake "
	    "refused or broken, a wrong SP header, a handshake timeout.", m,
	    m->conns_failed);
	metrics_rows(&o, conns, METRICS_NROWS(conns));

	metrics_family(&o, "fohd_published_total", C,
	    "Messages published on the stream, by kind.");
	for (k = 1; k < FOHP_KIND_COUNT; k++) {
		if (k == FOHP_SNAPSHOT || k == FOHP_REQUEST ||
		    k == FOHP_ERROR || k == FOHP_SIGNED)
			continue;
		metrics_series(&o, "fohd_published_total", "kind",
		    fohp_kind_name((enum fohp_kind)k),
		    (long long)a->published_by_kind[k]);
	}
	metrics_rows(&o, agent, METRICS_NROWS(agent));
	metrics_family(&o, "fohd_control_refused_total", C,
	    "Control requests refused, by error code.");
	for (i = 0; i < AGENT_CODES; i++)
		metrics_series(&o, "fohd_control_refused_total", "code",
		    agent_code_name(i), (long long)a->refused[i]);
	metrics_family(&o, "fohd_control_signed_total", C, "Signed control "
	    "requests whose signature, key, venue and time were accepted.");
	metrics_series(&o, "fohd_control_signed_total", NULL, NULL,
	    (long long)a->signed_ok);
	metrics_family(&o, "fohd_control_signature_refusals_total", C,
	    "Control requests refused for their signature, by reason: body "
	    "(does not decode), signature (does not verify), unknown-key, "
	    "other-operator (the key is another's), venue, expired (ts "
	    "outside the window), id-reused, unsigned (a signature was due).");
	for (i = 0; i < AGENT_SIG_REASONS; i++)
		metrics_series(&o, "fohd_control_signature_refusals_total",
		    "reason", agent_sign_reason_name(i),
		    (long long)a->sig_refused[i]);
	metrics_rows(&o, alerts, METRICS_NROWS(alerts));
	metrics_family(&o, "fohd_deliveries_total", C, "Deliveries of "
	    "approved actions ended, by via (mqtt, webhook) and result "
	    "(delivered, failed, skipped: a drill's).");	/* issue 16 */
	for (i = 0; i < 6; i++)
		metrics_printf(&o, "fohd_deliveries_total{via=\"%s\",result="
		    "\"%s\"} %llu\n", i < 3 ? "mqtt" : "webhook",
		    i % 3 == 0 ? "delivered" : i % 3 == 1 ? "failed" :
		    "skipped", (unsigned long long)a->deliveries[i / 3][i % 3]);
	metrics_family(&o, "fohd_alert_latency_seconds", "summary",
	    "From a reading's arrival to the alert it raised being published, "
	    "over the last 4096 alerts.");
	for (i = 0; i < sizeof(qs) / sizeof(qs[0]); i++) {
		v = agent_latency_quantile(ag, qs[i]);
		if (isnan(v))
			metrics_printf(&o, "fohd_alert_latency_seconds{quantile="
			    "\"%g\"} NaN\n", qs[i]);
		else
			metrics_printf(&o, "fohd_alert_latency_seconds{quantile="
			    "\"%g\"} %.6f\n", qs[i], v);
	}
	metrics_printf(&o, "fohd_alert_latency_seconds_count %u\n",
	    a->nlatency);
	metrics_printf(&o, "fohd_alert_latency_seconds_sum %.6f\n",
	    metrics_latency_sum(a));
	if (o.used < o.len)
		o.used += agent_nats_metrics(ag, o.buf + o.used, o.len - o.used);
	if (o.used < o.len)	/* issue 16: [mqtt] */
		o.used += agent_mqtt_metrics(ag, o.buf + o.used, o.len - o.used);
	if (o.used < o.len)
		o.used += metrics_venue(ag, o.buf + o.used, o.len - o.used);
	return (o.used);
}

/* Render /healthz. */
size_t
metrics_healthz(char *buf, size_t len, const struct vconf *conf,
    const struct agent_stats *a, const struct server_stats *s)
{
	struct metrics_out	o = { buf, len, 0 };

	metrics_printf(&o, "{\"status\":\"ok\",\"venue\":\"%s\","
	    "\"version\":\"%s\",\"protocol\":%d,\"uptime_s\":%.3f,"
	    "\"subscribers\":%d,\"published\":%llu,\"ws_open\":%llu,"
	    "\"conns_open\":%llu,"
	    "\"zones\":%u,\"gates\":%u,\"devices\":%u,\"models\":%u}\n",
	    conf->id, PACKAGE_VERSION, FOHP_VERSION,
	    (double)a->uptime_ms / 1000.0, a->subscribers,
	    (unsigned long long)a->published, (unsigned long long)s->open,
	    (unsigned long long)s->conns,
	    conf->layout.nzones, conf->ngates, conf->ndevices,
	    conf->nmodels);
	return (o.used);
}
