/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * metrics.c: render fohd's counters for Prometheus and for health checks.
 *
 * Every family has its HELP and TYPE lines; counters end in _total; label
 * values are ids from the config or fixed words, so they need no escaping
 * beyond what metrics_label does for the venue name.
 */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "ingest.h"
#include "metrics.h"

static const char *const metrics_paths[METRICS_PATH_COUNT] = {
	"ws", "pull", "replay"
};

/* A buffer being written, which stops (and remembers it) when full. */
struct metrics_out {
	char	*buf;
	size_t	 len;
	size_t	 used;
};

/* Append formatted text. */
static void
metrics_printf(struct metrics_out *o, const char *fmt, ...)
{
	va_list	ap;
	int	n;

	if (o->used >= o->len)
		return;
	va_start(ap, fmt);
	n = vsnprintf(o->buf + o->used, o->len - o->used, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	o->used += (size_t)n;
	if (o->used > o->len)
		o->used = o->len;
}

/* HELP and TYPE lines of a family. */
static void
metrics_family(struct metrics_out *o, const char *name, const char *type,
    const char *help)
{
	metrics_printf(o, "# HELP %s %s\n# TYPE %s %s\n", name, help, name,
	    type);
}

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
	unsigned		i, k, c;

	/* The server refuses oversized messages and bad tokens itself. */
	memcpy(rej, m->rejected, sizeof(rej));
	rej[READING_KIND_COUNT][INGEST_OVERSIZED] += s->oversized;
	rej[READING_KIND_COUNT][INGEST_AUTH] += s->auth_refused;

	metrics_family(&o, "fohd_build_info", "gauge",
	    "Version of fohd and the venue it serves.");
	metrics_printf(&o, "fohd_build_info{version=\"%s\",venue=\"%s\","
	    "protocol=\"%d\"} 1\n", PACKAGE_VERSION, conf->id, FOHP_VERSION);
	metrics_family(&o, "fohd_uptime_seconds", "gauge",
	    "Seconds since fohd started.");
	metrics_printf(&o, "fohd_uptime_seconds %.3f\n",
	    (double)a->uptime_ms / 1000.0);

	metrics_family(&o, "fohd_ingest_frames_total", "counter",
	    "Frames or messages of readings received, by path.");
	for (i = 0; i < METRICS_PATH_COUNT; i++)
		metrics_printf(&o, "fohd_ingest_frames_total{path=\"%s\"} "
		    "%llu\n", metrics_paths[i],
		    (unsigned long long)m->frames[i]);
	metrics_family(&o, "fohd_ingest_readings_total", "counter",
	    "Readings accepted, by kind.");
	for (k = 0; k < READING_KIND_COUNT; k++)
		metrics_printf(&o, "fohd_ingest_readings_total{kind=\"%s\"} "
		    "%llu\n", reading_kind_name((enum reading_kind)k),
		    (unsigned long long)m->readings[k]);
	metrics_family(&o, "fohd_ingest_rejected_total", "counter",
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

	metrics_family(&o, "fohd_ingest_pull_refused_total", "counter",
	    "nng PULL producers refused: not loopback and not in "
	    "pull_allow.");
	metrics_printf(&o, "fohd_ingest_pull_refused_total %llu\n",
	    (unsigned long long)m->pull_refused);
	metrics_family(&o, "fohd_nng_pipes_open", "gauge",
	    "Pipes (connections) open now on fohd's nng listeners.");
	for (k = 0; k < TRANSPORT_WHICH_COUNT; k++)
		if (m->pipes_max[k] != 0)
			metrics_printf(&o, "fohd_nng_pipes_open{socket=\"%s\"} "
			    "%llu\n", transport_which_name((enum transport_which)k),
			    (unsigned long long)m->pipes_open[k]);
	metrics_family(&o, "fohd_nng_pipes_max", "gauge",
	    "The cap on each nng listener's pipes (from ulimit -n).");
	for (k = 0; k < TRANSPORT_WHICH_COUNT; k++)
		if (m->pipes_max[k] != 0)
			metrics_printf(&o, "fohd_nng_pipes_max{socket=\"%s\"} "
			    "%u\n", transport_which_name((enum transport_which)k),
			    m->pipes_max[k]);
	metrics_family(&o, "fohd_nng_pipes_refused_total", "counter",
	    "Pipes closed as they came, their listener at its cap.");
	for (k = 0; k < TRANSPORT_WHICH_COUNT; k++)
		if (m->pipes_max[k] != 0)
			metrics_printf(&o, "fohd_nng_pipes_refused_total{socket="
			    "\"%s\"} %llu\n",
			    transport_which_name((enum transport_which)k),
			    (unsigned long long)m->pipes_refused[k]);
	metrics_family(&o, "fohd_ingest_conns_open", "gauge",
	    "HTTP and WebSocket connections open now.");
	metrics_printf(&o, "fohd_ingest_conns_open %llu\n",
	    (unsigned long long)s->conns);
	metrics_family(&o, "fohd_ingest_conns_max", "gauge",
	    "The cap on HTTP and WebSocket connections (max_conns).");
	metrics_printf(&o, "fohd_ingest_conns_max %u\n", s->max_conns);
	metrics_family(&o, "fohd_ingest_conns_refused_total", "counter",
	    "Connections refused at the cap: at accept (max_conns) or at "
	    "the WebSocket upgrade (503, WebSockets at their share).");
	metrics_printf(&o, "fohd_ingest_conns_refused_total{stage=\"accept\"} "
	    "%llu\n", (unsigned long long)s->conns_refused);
	metrics_printf(&o, "fohd_ingest_conns_refused_total{stage=\"upgrade\"} "
	    "%llu\n", (unsigned long long)s->ws_refused);
	metrics_family(&o, "fohd_ingest_conns_idle_closed_total", "counter",
	    "Connections closed after idle_timeout with nothing received.");
	metrics_printf(&o, "fohd_ingest_conns_idle_closed_total %llu\n",
	    (unsigned long long)s->idle_closed);
	metrics_family(&o, "fohd_ws_connections", "gauge",
	    "WebSocket ingest connections open now.");
	metrics_printf(&o, "fohd_ws_connections %llu\n",
	    (unsigned long long)s->open);
	metrics_family(&o, "fohd_ws_connections_total", "counter",
	    "WebSocket ingest connections accepted.");
	metrics_printf(&o, "fohd_ws_connections_total %llu\n",
	    (unsigned long long)s->connections);
	metrics_family(&o, "fohd_ws_auth_refused_total", "counter",
	    "WebSocket upgrades refused for a missing or wrong token.");
	metrics_printf(&o, "fohd_ws_auth_refused_total %llu\n",
	    (unsigned long long)s->auth_refused);
	metrics_family(&o, "fohd_ws_subprotocol_refused_total", "counter",
	    "WebSocket upgrades refused for asking a subprotocol other than "
	    "foh-ingest.");
	metrics_printf(&o, "fohd_ws_subprotocol_refused_total %llu\n",
	    (unsigned long long)s->proto_refused);
	metrics_family(&o, "fohd_ws_answers_queued", "gauge",
	    "Answers waiting to be written to WebSocket producers.");
	metrics_printf(&o, "fohd_ws_answers_queued %llu\n",
	    (unsigned long long)s->queued);
	metrics_family(&o, "fohd_http_requests_total", "counter",
	    "HTTP requests served (/healthz, /metrics, others).");
	metrics_printf(&o, "fohd_http_requests_total %llu\n",
	    (unsigned long long)s->http_requests);

	metrics_family(&o, "fohd_published_total", "counter",
	    "Messages published on the stream, by kind.");
	for (k = 1; k < FOHP_KIND_COUNT; k++) {
		if (k == FOHP_SNAPSHOT || k == FOHP_REQUEST || k == FOHP_ERROR)
			continue;
		metrics_printf(&o, "fohd_published_total{kind=\"%s\"} %llu\n",
		    fohp_kind_name((enum fohp_kind)k),
		    (unsigned long long)a->published_by_kind[k]);
	}
	metrics_family(&o, "fohd_publish_failed_total", "counter",
	    "Stream messages not published as built: nng refused them "
	    "(send), or they did not encode (encode; an alert is then sent "
	    "without its explanation).");
	metrics_printf(&o, "fohd_publish_failed_total{reason=\"send\"} %llu\n",
	    (unsigned long long)a->send_fail);
	metrics_printf(&o, "fohd_publish_failed_total{reason=\"encode\"} "
	    "%llu\n", (unsigned long long)a->encode_fail);
	metrics_family(&o, "fohd_snapshots_degraded_total", "counter",
	    "Snapshots that did not encode whole and were sent without "
	    "histories.");
	metrics_printf(&o, "fohd_snapshots_degraded_total %llu\n",
	    (unsigned long long)a->snapshots_degraded);
	metrics_family(&o, "fohd_alerts_refused_total", "counter",
	    "New alerts not raised because the alert table was full.");
	metrics_printf(&o, "fohd_alerts_refused_total %llu\n",
	    (unsigned long long)a->alerts_refused);
	metrics_family(&o, "fohd_subscribers", "gauge",
	    "Consoles connected to the stream now.");
	metrics_printf(&o, "fohd_subscribers %d\n", a->subscribers);
	metrics_family(&o, "fohd_control_requests_total", "counter",
	    "Control requests answered, by result.");
	metrics_printf(&o, "fohd_control_requests_total{result=\"ok\"} %llu\n",
	    (unsigned long long)(a->requests - a->bad_requests));
	metrics_printf(&o, "fohd_control_requests_total{result=\"refused\"} "
	    "%llu\n", (unsigned long long)a->bad_requests);
	metrics_family(&o, "fohd_control_refused_total", "counter",
	    "Control requests refused, by error code.");
	for (i = 0; i < AGENT_CODES; i++)
		metrics_printf(&o, "fohd_control_refused_total{code=\"%s\"} "
		    "%llu\n", agent_code_name(i),
		    (unsigned long long)a->refused[i]);
	metrics_family(&o, "fohd_control_replayed_total", "counter",
	    "Repeated control requests answered from the answer memory.");
	metrics_printf(&o, "fohd_control_replayed_total %llu\n",
	    (unsigned long long)a->replayed);
	metrics_family(&o, "fohd_control_refusals_suppressed_total", "counter",
	    "Refusals whose audit row and log line were not written, over "
	    "the rate limit.");
	metrics_printf(&o, "fohd_control_refusals_suppressed_total %llu\n",
	    (unsigned long long)a->refusals_suppressed);
	metrics_family(&o, "fohd_journal_errors_total", "counter",
	    "Journal commits that failed (disk full, read-only, I/O error).");
	metrics_printf(&o, "fohd_journal_errors_total %llu\n",
	    (unsigned long long)a->journal_errors);
	metrics_family(&o, "fohd_devices_offline_total", "counter",
	    "Times a device went OFFLINE after its heartbeat stopped.");
	metrics_printf(&o, "fohd_devices_offline_total %llu\n",
	    (unsigned long long)a->devices_offline);
	metrics_family(&o, "fohd_alerts_fired_total", "counter",
	    "Alerts opened by the rules.");
	metrics_printf(&o, "fohd_alerts_fired_total %llu\n",
	    (unsigned long long)a->alerts_fired);
	metrics_family(&o, "fohd_alerts_flapping_total", "counter",
	    "Alerts that began to flap: one alert held for a rule that fires "
	    "and clears too often.");
	metrics_printf(&o, "fohd_alerts_flapping_total %llu\n",
	    (unsigned long long)a->alerts_flapping);
	metrics_family(&o, "fohd_alerts_settled_total", "counter",
	    "Flapping alerts that settled, firing on or resolved.");
	metrics_printf(&o, "fohd_alerts_settled_total %llu\n",
	    (unsigned long long)a->alerts_settled);
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
