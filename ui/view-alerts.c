/*
 * view-alerts.c: the alert queue, every venue's alerts in one table.
 *
 * The queue is rebuilt from the store at each frame (it is small), sorted so
 * that what needs a person comes first: unacknowledged critical alerts,
 * then by severity, then those nobody has taken on (firing) before the
 * acknowledged and shelved ones, then the oldest first; resolved alerts,
 * kept by the store until evicted, go last and are greyed. "Unacknowledged"
 * means firing: a shelved alert is silenced, so it does not jump the queue.
 *
 *   !  CRIT FIRING   Arena    Main floor density 5.4 p/m2      4m ana
 *
 * Each row says its state and severity in words (the glyph and colour only
 * repeat them). Columns are a const table; narrow panels drop the least
 * useful first, as the heat map's table does. Ages are against the wall
 * clock, since alert times are Unix ms (frozen under --freeze).
 *
 * The cursor is an alert, not a row (u->cursor: venue and id): the queue
 * is rebuilt and re-sorted every frame, so each frame finds the cursor's
 * alert again (view_alerts_locate) and u->alert_sel, its row, follows it.
 * The arrows move by rows and then take the alert they land on. If the
 * alert is gone from the queue, the message line says so and the cursor
 * takes the alert now at its row; a control key pressed at that moment
 * does nothing (ui.c), so no request ever goes to an alert the operator
 * did not see under the cursor.
 *
 * When the panel is tall enough, its bottom third is a compact heat map of
 * the venue of the alert under the cursor, with the alert's zone marked, so
 * that an 80x24 screen shows what is wrong and where at once.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "ui-priv.h"

/* Alerts sorted on the stack; more than this are sorted in a malloc. */
#define VIEW_ALERTS_STACK	512

/* The compact map under the queue: from this panel height, at most so tall. */
#define VIEW_ALERTS_MAP_MIN_H	16
#define VIEW_ALERTS_MAP_MAX_H	14

/* Table columns, in display order. */
enum view_alerts_col {
	VA_COL_GLYPH,
	VA_COL_SEV,
	VA_COL_STATE,
	VA_COL_VENUE,
	VA_COL_SUBJECT,
	VA_COL_TITLE,
	VA_COL_AGE,
	VA_COL_ACKED,
	VA_COL_COUNT
};

static const struct ui_column view_alerts_columns[VA_COL_COUNT] = {
	[VA_COL_GLYPH] =   { "",	 1, 1,  0, 0 },
	[VA_COL_SEV] =	   { "Sev",	 4, 4,  0, 0 },
	[VA_COL_STATE] =   { "State",	 8, 8,  0, 1 },
	[VA_COL_VENUE] =   { "Venue",	 8, 8,  0, 4 },
	[VA_COL_SUBJECT] = { "Subject",	 8, 8,  0, 6 },
	[VA_COL_TITLE] =   { "Alert",	 12, 12, 0, 2 },
	[VA_COL_AGE] =	   { "Age",	 5, 5,  1, 3 },
	[VA_COL_ACKED] =   { "Acked by", 8, 8,  0, 5 },
};

/* Short words per state and severity: never colour alone. */
static const char *const view_alerts_state_words[FOHP_AS_COUNT] = {
	[FOHP_AS_FIRING] = "FIRING",
	[FOHP_AS_ACKED] = "ACKED",
	[FOHP_AS_SHELVED] = "SHELVED",
	[FOHP_AS_RESOLVED] = "RESOLVED",
	[FOHP_AS_FLAPPING] = "FLAPPING",
};
static const char *const view_alerts_state_utf8[FOHP_AS_COUNT] = {
	[FOHP_AS_FIRING] = "\u25cf",	/* black circle */
	[FOHP_AS_ACKED] = "\u2713",	/* check mark */
	[FOHP_AS_SHELVED] = "\u25cc",	/* dotted circle */
	[FOHP_AS_RESOLVED] = "\u25cb",	/* white circle */
	[FOHP_AS_FLAPPING] = "\u223f",	/* sine wave */
};
static const char *const view_alerts_state_ascii[FOHP_AS_COUNT] = {
	[FOHP_AS_FIRING] = "!",
	[FOHP_AS_ACKED] = "+",
	[FOHP_AS_SHELVED] = "z",
	[FOHP_AS_RESOLVED] = ".",
	[FOHP_AS_FLAPPING] = "~",
};
static const char *const view_alerts_sev_words[FOHP_SEV_COUNT] = {
	[FOHP_SEV_INFO] = "INFO",
	[FOHP_SEV_WARNING] = "WARN",
	[FOHP_SEV_CRITICAL] = "CRIT",
};

/* What an alert sorts by; filled once per alert, compared by qsort. */
struct view_alerts_sortkey {
	uint64_t	since_ms;
	unsigned	venue, index;
	uint8_t		resolved;	/* 1 last */
	uint8_t		crit_unacked;	/* 1 first */
	uint8_t		severity;	/* higher first */
	uint8_t		unacked;	/* 1 first */
};

/* "45s", "4m", "1h2m", "3d4h": how long ago t_ms was; "-" if unknown. */
static void
view_alerts_age(char *buf, size_t len, uint64_t now_ms, uint64_t t_ms)
{
	unsigned long long	s;

	if (t_ms == 0) {
		snprintf(buf, len, "-");
		return;
	}
	s = now_ms > t_ms ? (now_ms - t_ms) / 1000 : 0;
	if (s < 60)
		snprintf(buf, len, "%llus", s);
	else if (s < 3600)
		snprintf(buf, len, "%llum", s / 60);
	else if (s < 86400)
		snprintf(buf, len, "%lluh%llum", s / 3600, s / 60 % 60);
	else
		snprintf(buf, len, "%llud%lluh", s / 86400, s / 3600 % 24);
}

/* Whether hay contains needle, ASCII letters compared without case. */
static int
view_alerts_contains(const char *hay, const char *needle)
{
	size_t	i, n = strlen(needle);
	int	a, b;

	if (n == 0)
		return (1);
	for (; *hay != '\0'; hay++) {
		for (i = 0; i < n && hay[i] != '\0'; i++) {
			a = (unsigned char)hay[i];
			b = (unsigned char)needle[i];
			if (a >= 'A' && a <= 'Z')
				a += 'a' - 'A';
			if (b >= 'A' && b <= 'Z')
				b += 'a' - 'A';
			if (a != b)
				break;
		}
		if (i == n)
			return (1);
	}
	return (0);
}

/* Whether an alert passes the "/" filter. */
static int
view_alerts_match(const struct ui *u, const struct store_venue *v,
    const struct fohp_alert *a)
{
	const char	*f = u->filter;

	if (f[0] == '\0')
		return (1);
	return (view_alerts_contains(v->id, f) ||
	    view_alerts_contains(v->name, f) ||
	    view_alerts_contains(fohp_severity_name(a->severity), f) ||
	    view_alerts_contains(fohp_alert_state_name(a->state), f) ||
	    view_alerts_contains(a->rule, f) ||
	    view_alerts_contains(a->subject, f) ||
	    view_alerts_contains(a->title, f));
}

/* Order two sort keys: the queue's order, then venue and slot. */
static int
view_alerts_cmp(const void *pa, const void *pb)
{
	const struct view_alerts_sortkey	*a = pa, *b = pb;

	if (a->resolved != b->resolved)
		return (a->resolved < b->resolved ? -1 : 1);
	if (a->crit_unacked != b->crit_unacked)
		return (a->crit_unacked > b->crit_unacked ? -1 : 1);
	if (a->severity != b->severity)
		return (a->severity > b->severity ? -1 : 1);
	if (a->unacked != b->unacked)
		return (a->unacked > b->unacked ? -1 : 1);
	if (a->since_ms != b->since_ms)
		return (a->since_ms < b->since_ms ? -1 : 1);
	if (a->venue != b->venue)
		return (a->venue < b->venue ? -1 : 1);
	if (a->index != b->index)
		return (a->index < b->index ? -1 : 1);
	return (0);
}

/*
 * Build the sorted, filtered queue into out (at most max refs). All
 * matching alerts are sorted before the first max are kept; if more than
 * VIEW_ALERTS_STACK match and memory runs out, only the first that many
 * found are considered.
 */
unsigned
view_alerts_queue(const struct ui *u, const struct store *s,
    struct ui_alert_ref *out, unsigned max)
{
	struct view_alerts_sortkey	 stack[VIEW_ALERTS_STACK], *keys, *k;
	unsigned			 vi, ai, n = 0, cap = 0, i;

	for (vi = 0; vi < s->nvenues; vi++)
		cap += s->venues[vi]->nalerts;
	keys = stack;
	if (cap > VIEW_ALERTS_STACK) {
		if ((keys = malloc(cap * sizeof(*keys))) == NULL) {
			keys = stack;
			cap = VIEW_ALERTS_STACK;
		}
	}
	for (vi = 0; vi < s->nvenues && n < cap; vi++) {
		const struct store_venue	*v = s->venues[vi];

		for (ai = 0; ai < v->nalerts && n < cap; ai++) {
			const struct fohp_alert	*a = &v->alerts[ai];

			if (!view_alerts_match(u, v, a))
				continue;
			k = &keys[n++];
			k->since_ms = a->since_ms;
			k->venue = vi;
			k->index = ai;
			k->resolved = a->state == FOHP_AS_RESOLVED;
			k->unacked = store_alert_unattended(a);
			k->crit_unacked = k->unacked &&
			    a->severity == FOHP_SEV_CRITICAL;
			k->severity = (uint8_t)a->severity;
		}
	}
	if (n > 1)
		qsort(keys, n, sizeof(*keys), view_alerts_cmp);
	if (n > max)
		n = max;
	for (i = 0; i < n; i++) {
		out[i].venue = keys[i].venue;
		out[i].index = keys[i].index;
	}
	if (keys != stack)
		free(keys);
	return (n);
}

/* Find alert id in venue vi; NULL if the venue or the alert is gone. */
static const struct fohp_alert *
view_alerts_find(const struct store *s, unsigned vi, uint64_t id)
{
	const struct store_venue	*v;
	unsigned			 i;

	if (vi >= s->nvenues)
		return (NULL);
	v = s->venues[vi];
	for (i = 0; i < v->nalerts; i++) {
		if (v->alerts[i].id == id)
			return (&v->alerts[i]);
	}
	return (NULL);
}

/* Put the queue's cursor on alert id of venue. */
void
view_alerts_select(struct ui *u, unsigned venue, uint64_t id)
{
	u->cursor.venue = venue;
	u->cursor.id = id;
}

/*
 * Find the cursor's alert in the queue q of n and set u->alert_sel to its
 * row. If it is no longer there (resolved and evicted, filtered out, gone
 * with a snapshot), say so and put the cursor on the alert now at its old
 * row (or the last), so that the arrows still move from where it was: the
 * cursor never changes alert silently.
 */
static void
view_alerts_locate(struct ui *u, const struct store *s,
    const struct ui_alert_ref *q, unsigned n)
{
	const struct fohp_alert	*a;
	uint64_t		 gone;
	unsigned		 i;

	for (i = 0; i < n && u->cursor.id != 0; i++) {
		if (q[i].venue == u->cursor.venue &&
		    s->venues[q[i].venue]->alerts[q[i].index].id ==
		    u->cursor.id) {
			u->alert_sel = i;
			return;
		}
	}
	gone = u->cursor.id;
	if (n == 0) {
		u->alert_sel = 0;
		u->cursor.id = 0;
	} else {
		if (u->alert_sel >= n)
			u->alert_sel = n - 1;
		a = &s->venues[q[u->alert_sel].venue]->alerts[
		    q[u->alert_sel].index];
		view_alerts_select(u, q[u->alert_sel].venue, a->id);
	}
	if (gone == 0)
		return;
	u->cursor_left = 1;
	if (u->cursor.id != 0)
		ui_message(u, u->now_ms, "alert #%llu left the queue; the "
		    "cursor is on #%llu", (unsigned long long)gone,
		    (unsigned long long)u->cursor.id);
	else
		ui_message(u, u->now_ms, "alert #%llu left the queue",
		    (unsigned long long)gone);
}

/* The alert under the queue's cursor, or the why-pane's; NULL if none. */
const struct fohp_alert *
view_alerts_current(struct ui *u, const struct store *s, unsigned *venue)
{
	struct ui_alert_ref	q[UI_QUEUE_MAX];
	unsigned		n;

	if (u->view == UI_VIEW_WHY) {
		if (venue != NULL)
			*venue = u->why_venue;
		return (view_alerts_find(s, u->why_venue, u->why_alert));
	}
	n = view_alerts_queue(u, s, q, UI_QUEUE_MAX);
	view_alerts_locate(u, s, q, n);
	if (n == 0)
		return (NULL);
	if (venue != NULL)
		*venue = q[u->alert_sel].venue;
	return (&s->venues[q[u->alert_sel].venue]->alerts[q[u->alert_sel].index]);
}

/* The slot a severity chip is drawn in. */
static enum ui_slot
view_alerts_sev_slot(enum fohp_severity sev)
{
	switch (sev) {
	case FOHP_SEV_CRITICAL:
		return (UI_C_BAND_F);
	case FOHP_SEV_WARNING:
		return (UI_C_BAND_D);
	default:
		return (UI_C_DIM);
	}
}

/* Take columns by priority while they fit in w; 0 width = dropped. */
static void
view_alerts_columns_fit(int w, int widths[VA_COL_COUNT])
{
	(void)ui_columns_fit(view_alerts_columns, VA_COL_COUNT, w, widths, NULL);
}

/*
 * Share the free width: the title first up to a readable length, then
 * venue, subject and acked-by up to theirs, then the title takes the rest.
 */
static void
view_alerts_columns_grow(int w, int widths[VA_COL_COUNT])
{
	static const struct {
		int	col, upto;
	} order[] = {
		{ VA_COL_TITLE, 32 },
		{ VA_COL_VENUE, 14 },
		{ VA_COL_SUBJECT, 12 },
		{ VA_COL_ACKED, 10 },
		{ VA_COL_TITLE, 200 },
	};
	int	used = 0, i, n = 0, extra, grow, c;

	for (i = 0; i < VA_COL_COUNT; i++) {
		if (widths[i] > 0) {
			used += widths[i];
			n++;
		}
	}
	used += n > 0 ? n - 1 : 0;
	extra = w - used;
	for (i = 0; i < (int)(sizeof(order) / sizeof(order[0])); i++) {
		c = order[i].col;
		if (widths[c] == 0 || extra <= 0)
			continue;
		grow = order[i].upto - widths[c];
		if (grow > extra)
			grow = extra;
		if (grow <= 0)
			continue;
		widths[c] += grow;
		extra -= grow;
	}
}

/* Print text in a column, right-aligned if it says so, cut with "...". */
static void
view_alerts_cell(struct ui *u, int y, int x, int col, int w, const char *text)
{
	ui_cell(u, &view_alerts_columns[col], y, x, w, text);
}

/* Draw one alert's row at y. */
static void
view_alerts_row(struct ui *u, const struct store_venue *v,
    const struct fohp_alert *a, int selected, const struct ui_rect *r, int y,
    const int widths[VA_COL_COUNT], uint64_t wall)
{
	enum fohp_alert_state	 st = (unsigned)a->state < FOHP_AS_COUNT ?
				    a->state : FOHP_AS_FIRING;
	enum fohp_severity	 sev = (unsigned)a->severity <
				    FOHP_SEV_COUNT ? a->severity :
				    FOHP_SEV_INFO;
	int			 resolved = st == FOHP_AS_RESOLVED;
	enum ui_slot		 base;
	attr_t			 extra = 0;
	char			 buf[FOHP_TEXT_MAX];
	int			 i, x = r->x;

	base = selected ? UI_C_SELECTED : resolved ? UI_C_DIM : UI_C_NORMAL;
	ui_colour_set(u, base, 0);
	ui_fill(u, y, r->x, r->w, " ");
	for (i = 0; i < VA_COL_COUNT; i++) {
		if (widths[i] == 0)
			continue;
		ui_colour_set(u, base, 0);
		buf[0] = '\0';
		switch (i) {
		case VA_COL_GLYPH:
			snprintf(buf, sizeof(buf), "%s", u->utf8 ?
			    view_alerts_state_utf8[st] :
			    view_alerts_state_ascii[st]);
			break;
		case VA_COL_SEV:
			snprintf(buf, sizeof(buf), "%s",
			    view_alerts_sev_words[sev]);
			if (!resolved)
				ui_colour_set(u, view_alerts_sev_slot(sev), 0);
			break;
		case VA_COL_STATE:
			snprintf(buf, sizeof(buf), "%s",
			    view_alerts_state_words[st]);
			extra = store_alert_unattended(a) ? A_BOLD : 0;
			ui_colour_set(u, base, extra);
			break;
		case VA_COL_VENUE:
			snprintf(buf, sizeof(buf), "%s",
			    v->name[0] != '\0' ? v->name : v->id);
			break;
		case VA_COL_SUBJECT:
			snprintf(buf, sizeof(buf), "%s", a->subject);
			break;
		case VA_COL_TITLE:
			snprintf(buf, sizeof(buf), "%s", a->title);
			break;
		case VA_COL_AGE:
			view_alerts_age(buf, sizeof(buf), wall,
			    resolved && a->resolved_ms != 0 ? a->resolved_ms :
			    a->since_ms);
			break;
		case VA_COL_ACKED:
			snprintf(buf, sizeof(buf), "%s", a->acked_by);
			break;
		}
		view_alerts_cell(u, y, x, i, widths[i], buf);
		x += widths[i] + 1;
	}
}

/* Draw the queue heading: counts, filter, position. */
static void
view_alerts_heading(struct ui *u, const struct store *s,
    const struct ui_alert_ref *q, unsigned n, const struct ui_rect *r)
{
	unsigned	i, open = 0, crit = 0;
	char		buf[160];
	int		x = r->x, end = r->x + r->w;

	for (i = 0; i < n; i++) {
		const struct fohp_alert	*a =
		    &s->venues[q[i].venue]->alerts[q[i].index];

		if (a->state == FOHP_AS_RESOLVED)
			continue;
		open++;
		if (store_alert_unattended(a) &&
		    a->severity == FOHP_SEV_CRITICAL)
			crit++;
	}
	ui_colour_set(u, UI_C_HEADING, 0);
	snprintf(buf, sizeof(buf), "Alerts (%u open, %u unacknowledged "
	    "critical)", open, crit);
	x += ui_print(u, r->y, x, end - x, buf);
	if (u->filter[0] != '\0') {
		ui_colour_set(u, UI_C_NORMAL, 0);
		snprintf(buf, sizeof(buf), "  filter /%s", u->filter);
		x += ui_print(u, r->y, x, end - x, buf);
	}
	if (n > 0) {
		snprintf(buf, sizeof(buf), "%u/%u", u->alert_sel + 1, n);
		if (end - x - 2 >= ui_width(u, buf)) {
			ui_colour_set(u, UI_C_DIM, 0);
			ui_print(u, r->y, end - ui_width(u, buf), end - x,
			    buf);
		}
	}
}

/* Draw the alert queue into r. */
void
view_alerts_draw(struct ui *u, const struct store *s,
    const struct ui_rect *r, uint64_t now_ms)
{
	struct ui_alert_ref	q[UI_QUEUE_MAX];
	struct ui_rect		map, queue = *r;
	int			widths[VA_COL_COUNT], rows, i, x, y;
	unsigned		n, row;
	uint64_t		wall = clock_wall_ms();

	if (r->w <= 0 || r->h <= 0)
		return;
	/*
	 * With room to spare, the bottom third shows where the alert under
	 * the cursor is: its venue's map with its zone marked. This is what
	 * an 80x24 screen over ssh gets instead of switching views.
	 */
	map.h = 0;
	if (r->h >= VIEW_ALERTS_MAP_MIN_H) {
		map = *r;
		map.h = r->h / 3 < VIEW_ALERTS_MAP_MAX_H ? r->h / 3 :
		    VIEW_ALERTS_MAP_MAX_H;
		map.y = r->y + r->h - map.h;
		queue.h = r->h - map.h - 1;
		r = &queue;
	}
	n = view_alerts_queue(u, s, q, UI_QUEUE_MAX);
	view_alerts_locate(u, s, q, n);
	view_alerts_heading(u, s, q, n, r);
	if (n == 0) {
		ui_colour_set(u, UI_C_DIM, 0);
		if (u->filter[0] != '\0')
			ui_printf(u, r->y + 2, r->x + 1, r->w - 1,
			    "no alerts match \"%s\"", u->filter);
		else
			ui_print(u, r->y + 2, r->x + 1, r->w - 1,
			    "no alerts");
		return;
	}
	if (r->h < 3)
		return;

	view_alerts_columns_fit(r->w, widths);
	view_alerts_columns_grow(r->w, widths);
	ui_colour_set(u, UI_C_HEADING, 0);
	for (i = 0, x = r->x; i < VA_COL_COUNT; i++) {
		if (widths[i] == 0)
			continue;
		view_alerts_cell(u, r->y + 1, x, i, widths[i],
		    view_alerts_columns[i].title);
		x += widths[i] + 1;
	}

	/* Keep the cursor in view. */
	rows = r->h - 2;
	if (u->alert_top > u->alert_sel)
		u->alert_top = u->alert_sel;
	if (u->alert_sel >= u->alert_top + (unsigned)rows)
		u->alert_top = u->alert_sel - (unsigned)rows + 1;
	if (n > (unsigned)rows && u->alert_top > n - (unsigned)rows)
		u->alert_top = n - (unsigned)rows;
	if (n <= (unsigned)rows)
		u->alert_top = 0;

	for (row = u->alert_top, y = r->y + 2;
	    row < n && y < r->y + r->h; row++, y++) {
		const struct store_venue	*v = s->venues[q[row].venue];

		view_alerts_row(u, v, &v->alerts[q[row].index],
		    row == u->alert_sel, r, y, widths, wall);
		ui_hit_add_alert(u, y, r->x, r->w, q[row].venue,
		    v->alerts[q[row].index].id);
	}
	if (map.h > 0) {
		const struct store_venue *v = s->venues[q[u->alert_sel].venue];

		view_heatmap_compact(u, s, q[u->alert_sel].venue,
		    v->alerts[q[u->alert_sel].index].subject, &map, now_ms);
	}
}

/* Move the queue's cursor; Enter opens the why-pane. */
int
view_alerts_key(struct ui *u, const struct store *s, int key)
{
	struct ui_alert_ref	 q[UI_QUEUE_MAX];
	const struct fohp_alert	*a;
	unsigned		 n, old, venue = 0, page;
	int			 h = u->panels[UI_PANEL_MAIN].h - 2;

	page = h > 1 ? (unsigned)h - 1 : 10;
	switch (key) {
	case KEY_UP: case 'k': case KEY_DOWN: case 'j':
	case KEY_PPAGE: case KEY_NPAGE: case KEY_HOME: case KEY_END:
		break;
	case '\r': case '\n': case KEY_ENTER:
		if ((a = view_alerts_current(u, s, &venue)) == NULL)
			return (UI_HANDLED);
		u->view = UI_VIEW_WHY;
		u->why_alert = a->id;
		u->why_venue = venue;
		u->why_scroll = 0;
		return (UI_HANDLED | UI_REDRAW);
	default:
		return (0);
	}

	n = view_alerts_queue(u, s, q, UI_QUEUE_MAX);
	view_alerts_locate(u, s, q, n);
	if (n == 0)
		return (UI_HANDLED | UI_REDRAW);
	old = u->alert_sel;
	switch (key) {
	case KEY_UP: case 'k':
		if (u->alert_sel > 0)
			u->alert_sel--;
		break;
	case KEY_DOWN: case 'j':
		if (u->alert_sel + 1 < n)
			u->alert_sel++;
		break;
	case KEY_PPAGE:
		u->alert_sel = u->alert_sel > page ? u->alert_sel - page : 0;
		break;
	case KEY_NPAGE:
		u->alert_sel = u->alert_sel + page < n ?
		    u->alert_sel + page : n - 1;
		break;
	case KEY_HOME:
		u->alert_sel = 0;
		break;
	case KEY_END:
		u->alert_sel = n - 1;
		break;
	}
	view_alerts_select(u, q[u->alert_sel].venue,
	    s->venues[q[u->alert_sel].venue]->alerts[q[u->alert_sel].index].id);
	if (u->alert_sel != old)
		return (UI_HANDLED | UI_REDRAW);
	return (UI_HANDLED);
}
