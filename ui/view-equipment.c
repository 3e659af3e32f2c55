/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * view-equipment.c: the selected venue's devices, worst first.
 *
 * One row per device: name, kind, status word, the flags that are not ok,
 * the first three metrics, wear against its limit with a sparkline of its
 * history, remaining life and heartbeat age. Rows are sorted by status,
 * offline and error first, so a problem is at the top whatever the order
 * the agent sent. u->table_sel is a row of that sorted order; it is clamped
 * here and the table scrolls to keep it in view.
 *
 * Status is a word, upper case when it is not ok, so the table reads
 * without colour. A device its agent calls ok but whose wear has reached
 * VIEW_EQUIPMENT_WORN_PCT percent of its limit, or whose remaining life is
 * under VIEW_EQUIPMENT_RUL_FLOOR_H, is not ok to the people who must
 * replace it: it reads "WORN" in the warning colour, sorts above the ok
 * ones, and the detail block says why ("wear 1986 of limit 2000 (99%):
 * replace"). Remaining life is always an explicit state: "not set",
 * "pending", "n/a", "123 h" or "beyond horizon", never a made-up number.
 *
 * Any column but Metrics and Trend sorts the table (< > r), "/" narrows
 * it (ui-table.c); u->table_sel follows its device when the order
 * changes (ui_table_keep).
 *
 * Columns are a const table with priorities; a narrow panel drops the least
 * useful first. Below the table, when the panel is tall enough, the
 * selected device is shown in full, so nothing a dropped column held is out
 * of reach at 80x24.
 */
#include "config.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui-priv.h"

/* Wear at this share of its limit (percent) or more: "WORN". */
#define VIEW_EQUIPMENT_WORN_PCT		95.0
/* Remaining life under this many hours: "WORN"; the agent's default rul
 * rule's floor (RULES_RUL_FLOOR in src/core/rules.c). */
#define VIEW_EQUIPMENT_RUL_FLOOR_H	24.0

/* Lines the detail block of the selected device takes, rule included. */
#define VIEW_EQUIPMENT_DETAIL	5

/* Table columns, in display order. */
enum view_equipment_col {
	VE_COL_NAME,
	VE_COL_KIND,
	VE_COL_STATUS,
	VE_COL_FLAGS,
	VE_COL_METRICS,
	VE_COL_WEAR,
	VE_COL_TREND,
	VE_COL_LIFE,
	VE_COL_HB,
	VE_COL_COUNT
};

static const struct ui_column view_equipment_columns[VE_COL_COUNT] = {
	[VE_COL_NAME] =	   { "Device",  14, 24, 0, 0 },
	[VE_COL_KIND] =	   { "Kind",    9, 10, 0, 8 },
	[VE_COL_STATUS] =  { "Status",  7, 7,  0, 1 },
	[VE_COL_FLAGS] =   { "Flags",   10, 24, 0, 3 },
	[VE_COL_METRICS] = { "Metrics", 16, 44, 0, 7 },
	[VE_COL_WEAR] =	   { "Wear",    4, 4,  1, 4 },
	[VE_COL_TREND] =   { "Trend",   6, 16, 0, 5 },
	[VE_COL_LIFE] =	   { "Life",    14, 14, 0, 2 },
	[VE_COL_HB] =	   { "Heard",   6, 6,  1, 6 },
};

/* How the width left over is handed out: each column up to a width. */
static const struct view_equipment_grow {
	enum view_equipment_col	col;
	int			upto;
} view_equipment_grow[] = {
	{ VE_COL_NAME, 18 }, { VE_COL_FLAGS, 16 }, { VE_COL_METRICS, 30 },
	{ VE_COL_TREND, 12 }, { VE_COL_NAME, 24 }, { VE_COL_FLAGS, 24 },
	{ VE_COL_METRICS, 44 }, { VE_COL_KIND, 10 }, { VE_COL_TREND, 16 },
};

/* The words for a status; upper case when it needs attention. */
static const char *const view_equipment_status_words[FOHP_ST_COUNT] = {
	[FOHP_ST_OK] = "ok",
	[FOHP_ST_WARNING] = "WARNING",
	[FOHP_ST_ERROR] = "ERROR",
	[FOHP_ST_OFFLINE] = "OFFLINE",
};

/* A device and its wear history, for sorting. */
struct view_equipment_row {
	const struct fohp_equip	*e;
	const struct store_ring	*hist;
	unsigned		 index;		/* in v->equip */
};

/* The word for a status. */
static const char *
view_equipment_status_word(enum fohp_status st)
{
	if ((unsigned)st >= FOHP_ST_COUNT)
		return ("?");
	return (view_equipment_status_words[st]);
}

/* Why an ok device is worn out all the same; view_equipment_worn's bits. */
#define VE_WORN_WEAR	0x1	/* wear >= VIEW_EQUIPMENT_WORN_PCT of limit */
#define VE_WORN_LIFE	0x2	/* life < VIEW_EQUIPMENT_RUL_FLOOR_H */

/*
 * Whether a device is worn out, whatever its status says: VE_WORN_* bits,
 * 0 if not. The detail block says why with these.
 */
static int
view_equipment_wear_bits(const struct fohp_equip *e)
{
	int	why = 0;

	if (e->wear_limit > 0 && isfinite(e->wear) &&
	    100.0 * e->wear / e->wear_limit >= VIEW_EQUIPMENT_WORN_PCT)
		why |= VE_WORN_WEAR;
	if (e->rul == FOHP_RUL_VALUE && isfinite(e->rul_h) &&
	    e->rul_h < VIEW_EQUIPMENT_RUL_FLOOR_H)
		why |= VE_WORN_LIFE;
	return (why);
}

/*
 * Whether an ok device is worn out all the same (an agent that does not
 * judge wear itself; fohd calls such a device "warning"): its wear bits,
 * 0 for a device that is not ok: its own status word says more.
 */
static int
view_equipment_worn(const struct fohp_equip *e)
{
	if (e->status != FOHP_ST_OK)
		return (0);
	return (view_equipment_wear_bits(e));
}

/* The word for a device's status: "WORN" for an ok one worn out. */
static const char *
view_equipment_device_word(const struct fohp_equip *e)
{
	if (view_equipment_worn(e))
		return ("WORN");
	return (view_equipment_status_word(e->status));
}

/* How bad a device is, for sorting: its status, a worn ok one above ok. */
static unsigned
view_equipment_rank(const struct fohp_equip *e)
{
	return (2 * (unsigned)e->status + (e->status != FOHP_ST_OK ||
	    view_equipment_worn(e)));
}

/* The colour slot for a status; the word says it too. */
static enum ui_slot
view_equipment_status_slot(enum fohp_status st)
{
	switch (st) {
	case FOHP_ST_OK:
		return (UI_C_NORMAL);
	case FOHP_ST_WARNING:
		return (UI_C_STALE);
	default:
		return (UI_C_OFFLINE);
	}
}

/* Worst status first, then the order the agent sent. */
static int
view_equipment_cmp(const void *a, const void *b)
{
	const struct view_equipment_row	*ra = a, *rb = b;
	unsigned			 sa = view_equipment_rank(ra->e);
	unsigned			 sb = view_equipment_rank(rb->e);

	if (sa != sb)
		return (sa > sb ? -1 : 1);
	return (ra->index < rb->index ? -1 : ra->index > rb->index);
}

/* A number short enough for a table cell: 1234, 41.2, 0.05. */
static void
view_equipment_number(char *buf, size_t len, double v)
{
	double	a = fabs(v);

	if (!isfinite(v))
		snprintf(buf, len, "?");
	else if (a >= 100 || v == floor(v))
		snprintf(buf, len, "%.0f", v);
	else if (a >= 1)
		snprintf(buf, len, "%.1f", v);
	else
		snprintf(buf, len, "%.2f", v);
}

/* Remaining life as an explicit state. */
static void
view_equipment_life(const struct fohp_equip *e, char *buf, size_t len)
{
	switch (e->rul) {
	case FOHP_RUL_PENDING:
		snprintf(buf, len, "pending");
		break;
	case FOHP_RUL_NA:
		snprintf(buf, len, "n/a");
		break;
	case FOHP_RUL_VALUE:
		if (e->rul_h >= 10)
			snprintf(buf, len, "%.0f h", e->rul_h);
		else
			snprintf(buf, len, "%.1f h", e->rul_h);
		break;
	case FOHP_RUL_BEYOND:
		snprintf(buf, len, "beyond horizon");
		break;
	default:
		snprintf(buf, len, "not set");
		break;
	}
}

/*
 * Append item to buf (at *o) with sep before it if it fits in maxw columns,
 * keeping room for a " +N" count unless it is the last; 0 if it did not.
 */
static int
view_equipment_append(struct ui *u, char *buf, size_t len, size_t *o,
    const char *sep, const char *item, int maxw, int last)
{
	char	tmp[512];
	int	n;

	n = snprintf(tmp, sizeof(tmp), "%s%s%s", buf, *o > 0 ? sep : "", item);
	if (n < 0 || (size_t)n >= len || (size_t)n >= sizeof(tmp))
		return (0);
	if (ui_width(u, tmp) + (last ? 0 : 3) > maxw && *o > 0)
		return (0);
	memcpy(buf, tmp, (size_t)n + 1);
	*o = (size_t)n;
	return (1);
}

/* The flags that are not ok, whole, in maxw: "lamp:error +1", or "-". */
static void
view_equipment_flags(struct ui *u, const struct fohp_equip *e, int maxw,
    char *buf, size_t len)
{
	char		 item[FOHP_ID_MAX + 16];
	size_t		 o = 0;
	unsigned	 i, bad = 0, shown = 0, n = e->nflags;

	if (n > FOHP_FLAGS_MAX)
		n = FOHP_FLAGS_MAX;
	for (i = 0; i < n; i++)
		bad += e->flags[i].status != FOHP_ST_OK;
	buf[0] = '\0';
	for (i = 0; i < n; i++) {
		const struct fohp_flag	*f = &e->flags[i];

		if (f->status == FOHP_ST_OK)
			continue;
		snprintf(item, sizeof(item), "%s:%s", f->name,
		    (unsigned)f->status < FOHP_ST_COUNT ?
		    fohp_status_name(f->status) : "?");
		if (!view_equipment_append(u, buf, len, &o, " ", item, maxw,
		    shown + 1 == bad))
			break;
		shown++;
	}
	if (bad == 0)
		snprintf(buf, len, "-");
	else if (shown < bad) {
		snprintf(item, sizeof(item), "+%u", bad - shown);
		view_equipment_append(u, buf, len, &o, " ", item, INT_MAX, 1);
		if (ui_width(u, buf) > maxw)	/* not even one whole */
			snprintf(buf, len, "%u not ok", bad);
	}
}

/*
 * Up to max metrics, whole, in maxw: "name=value unit" separated by two
 * spaces, and "+N" for those left out.
 */
static void
view_equipment_metrics(struct ui *u, const struct fohp_equip *e,
    unsigned max, int maxw, char *buf, size_t len)
{
	char		 item[FOHP_ID_MAX + FOHP_UNIT_MAX + 40], num[32];
	size_t		 o = 0;
	unsigned	 i, n = e->nmetrics;

	if (n > FOHP_METRICS_MAX)
		n = FOHP_METRICS_MAX;
	if (n > max)
		n = max;
	buf[0] = '\0';
	for (i = 0; i < n; i++) {
		const struct fohp_metric *m = &e->metrics[i];

		view_equipment_number(num, sizeof(num), m->value);
		snprintf(item, sizeof(item), "%s=%s%s%s", m->name, num,
		    m->unit[0] != '\0' ? " " : "", m->unit);
		if (!view_equipment_append(u, buf, len, &o, "  ", item, maxw,
		    i + 1 == n))
			break;
	}
	if (n == 0)
		snprintf(buf, len, "-");
	else if (i < n) {
		snprintf(item, sizeof(item), "+%u", n - i);
		view_equipment_append(u, buf, len, &o, " ", item, INT_MAX, 1);
	}
}

/* Wear as a share of its limit: "62%", or "-" without a limit. */
static void
view_equipment_wear(const struct fohp_equip *e, char *buf, size_t len)
{
	double	pct;

	if (e->wear_limit <= 0 || !isfinite(e->wear)) {
		snprintf(buf, len, "-");
		return;
	}
	pct = 100.0 * e->wear / e->wear_limit;
	if (pct > 999)
		snprintf(buf, len, ">999");
	else
		snprintf(buf, len, "%.0f%%", pct);
}

/* Draw a wear sparkline, newest at the right, w cells, 0..limit. */
static void
view_equipment_spark(struct ui *u, const struct fohp_equip *e,
    const struct store_ring *h, int y, int x, int w)
{
	ui_spark(u, h, e->wear_limit, y, x, w);
}

/*
 * Take columns by priority while they fit in w (0 width: dropped), the
 * device names and flags at what they hold when that is less than their
 * minimum, so a column of "-" gives its room to the names; then grow them
 * by view_equipment_grow, names and flags no wider than their text.
 */
static void
view_equipment_columns_fit(struct ui *u, const struct view_equipment_row *rows,
    unsigned n, int w, int widths[VE_COL_COUNT])
{
	struct ui_column	c[VE_COL_COUNT];
	char			buf[512];
	int			used, i, grow, extra, want[VE_COL_COUNT], upto;
	unsigned		k;
	size_t			g;

	memcpy(c, view_equipment_columns, sizeof(c));
	want[VE_COL_NAME] = want[VE_COL_FLAGS] = 0;
	for (k = 0; k < n; k++) {
		const struct fohp_equip	*e = rows[k].e;

		i = ui_width(u, e->name[0] != '\0' ? e->name : e->device);
		if (i > want[VE_COL_NAME])
			want[VE_COL_NAME] = i;
		view_equipment_flags(u, e, c[VE_COL_FLAGS].maxw, buf,
		    sizeof(buf));
		if ((i = ui_width(u, buf)) > want[VE_COL_FLAGS])
			want[VE_COL_FLAGS] = i;
	}
	for (g = 0; g < 2; g++) {
		i = g == 0 ? VE_COL_NAME : VE_COL_FLAGS;
		if (want[i] < (int)strlen(c[i].title))
			want[i] = (int)strlen(c[i].title);
		if (want[i] < c[i].minw)
			c[i].minw = want[i];
	}
	(void)ui_columns_fit(c, VE_COL_COUNT, w, widths, &used);
	extra = w - used;
	for (g = 0; g < sizeof(view_equipment_grow) /
	    sizeof(view_equipment_grow[0]) && extra > 0; g++) {
		i = view_equipment_grow[g].col;
		if (widths[i] == 0)
			continue;
		upto = view_equipment_grow[g].upto;
		if ((i == VE_COL_NAME || i == VE_COL_FLAGS) && want[i] < upto)
			upto = want[i];
		grow = upto - widths[i];
		if (grow <= 0)
			continue;
		if (grow > extra)
			grow = extra;
		widths[i] += grow;
		extra -= grow;
	}
}

/* Print text in a column, right-aligned if the column says so. */
static void
view_equipment_cell(struct ui *u, int y, int x, int col, int w,
    const char *text)
{
	ui_cell(u, &view_equipment_columns[col], y, x, w, text);
}

/* Draw one device's row; sel: the row is the selected one. */
static void
view_equipment_row(struct ui *u, const struct view_equipment_row *row,
    int sel, int y, int x, int end, const int widths[VE_COL_COUNT])
{
	const struct fohp_equip	*e = row->e;
	enum ui_slot		 base = sel ? UI_C_SELECTED : UI_C_NORMAL;
	char			 buf[512];
	int			 i;

	ui_colour_set(u, base, 0);
	ui_fill(u, y, x, end - x, " ");
	if (sel)
		ui_print(u, y, x, 1, u->g->marker);
	x += 2;
	for (i = 0; i < VE_COL_COUNT; i++) {
		if (widths[i] == 0)
			continue;
		ui_colour_set(u, base, 0);
		buf[0] = '\0';
		switch (i) {
		case VE_COL_NAME:
			snprintf(buf, sizeof(buf), "%s",
			    e->name[0] != '\0' ? e->name : e->device);
			break;
		case VE_COL_KIND:
			snprintf(buf, sizeof(buf), "%s",
			    e->dkind[0] != '\0' ? e->dkind : "-");
			break;
		case VE_COL_STATUS:
			snprintf(buf, sizeof(buf), "%s",
			    view_equipment_device_word(e));
			if (!sel)
				ui_colour_set(u, view_equipment_worn(e) ?
				    UI_C_STALE :
				    view_equipment_status_slot(e->status), 0);
			break;
		case VE_COL_FLAGS:
			view_equipment_flags(u, e, widths[i], buf,
			    sizeof(buf));
			break;
		case VE_COL_METRICS:
			view_equipment_metrics(u, e, 3, widths[i], buf,
			    sizeof(buf));
			break;
		case VE_COL_WEAR:
			view_equipment_wear(e, buf, sizeof(buf));
			break;
		case VE_COL_TREND:
			view_equipment_spark(u, e, row->hist, y, x, widths[i]);
			break;
		case VE_COL_LIFE:
			view_equipment_life(e, buf, sizeof(buf));
			break;
		case VE_COL_HB:
			ui_span(buf, sizeof(buf), e->hb_age_s * 1000ULL);
			break;
		}
		view_equipment_cell(u, y, x, i, widths[i], buf);
		x += widths[i] + 1;
	}
}

/* Draw the selected device in full in the lines from y. */
static void
view_equipment_detail(struct ui *u, const struct view_equipment_row *row,
    const struct ui_rect *r, int y)
{
	const struct fohp_equip	*e = row->e;
	char			 buf[512], life[64], hb[32], wear[32], lim[32];
	int			 x = r->x + 1, w = r->w - 1;
	int			 worn = view_equipment_wear_bits(e);

	ui_colour_set(u, UI_C_BORDER, 0);
	ui_fill(u, y, r->x, r->w, u->g->hline);
	ui_colour_set(u, UI_C_HEADING, 0);
	snprintf(buf, sizeof(buf), " %s ",
	    e->name[0] != '\0' ? e->name : e->device);
	ui_print(u, y, r->x + 2, r->w - 4, buf);

	ui_colour_set(u, UI_C_NORMAL, 0);
	view_equipment_life(e, life, sizeof(life));
	ui_span(hb, sizeof(hb), e->hb_age_s * 1000ULL);
	if (worn & VE_WORN_LIFE) {
		snprintf(buf, sizeof(buf), ", under %.0f h: replace",
		    VIEW_EQUIPMENT_RUL_FLOOR_H);
		strncat(life, buf, sizeof(life) - strlen(life) - 1);
	}
	ui_colour_set(u, worn ? UI_C_STALE : UI_C_NORMAL, 0);
	ui_printf(u, y + 1, x, w, "%s %s, %s; life %s; heard %s ago",
	    e->device, e->dkind[0] != '\0' ? e->dkind : "(kind not set)",
	    view_equipment_device_word(e), life, hb);
	ui_colour_set(u, UI_C_NORMAL, 0);
	view_equipment_flags(u, e, INT_MAX, buf, sizeof(buf));
	ui_printf(u, y + 2, x, w, "flags not ok: %s",
	    strcmp(buf, "-") == 0 ? "none" : buf);
	view_equipment_metrics(u, e, FOHP_METRICS_MAX, INT_MAX, buf,
	    sizeof(buf));
	ui_printf(u, y + 3, x, w, "metrics: %s",
	    strcmp(buf, "-") == 0 ? "none" : buf);
	if (e->wear_limit > 0) {
		view_equipment_number(wear, sizeof(wear), e->wear);
		view_equipment_number(lim, sizeof(lim), e->wear_limit);
		view_equipment_wear(e, buf, sizeof(buf));
		if (worn & VE_WORN_WEAR)
			ui_colour_set(u, UI_C_STALE, 0);
		x += ui_printf(u, y + 4, x, w, "wear %s of limit %s (%s)%s ",
		    wear, lim, buf, worn & VE_WORN_WEAR ? ": replace" : "");
		ui_colour_set(u, UI_C_NORMAL, 0);
		view_equipment_spark(u, e, row->hist, y + 4, x,
		    r->x + r->w - x < 30 ? r->x + r->w - x : 30);
	} else
		ui_print(u, y + 4, x, w, "wear: no limit set");
}

/* Columns the table sorts by, and those that sort descending first. */
#define VE_SORTABLE	(((1u << VE_COL_COUNT) - 1) & \
			    ~((1u << VE_COL_METRICS) | (1u << VE_COL_TREND)))
#define VE_DESC_FIRST	((1u << VE_COL_STATUS) | (1u << VE_COL_FLAGS) | \
			    (1u << VE_COL_WEAR) | (1u << VE_COL_HB))

/* The table's columns, for sorting (ui-table.c). */
const struct ui_table_desc view_equipment_sort = {
	view_equipment_columns, VE_COL_COUNT, VE_SORTABLE, VE_DESC_FIRST,
	"worst first"
};

/*
 * The devices of rows (n, in the view's own order) as the table lists
 * them into t: those that pass the filter, in the sort's order; t[].item
 * is an index into rows. Returns how many.
 */
static unsigned
view_equipment_sorted(struct ui *u, const struct view_equipment_row *rows,
    unsigned n, struct ui_table_row *t)
{
	const struct ui_table_state *st = ui_table_state(u,
	    UI_VIEW_EQUIPMENT);
	unsigned	 i, k, m = 0, bad;

	for (i = 0; i < n; i++) {
		const struct fohp_equip	*e = rows[i].e;
		struct ui_table_row	*row = &t[m];

		memset(row, 0, sizeof(*row));
		for (k = 0; k < UI_TABLE_KEYS; k++)
			row->num[k] = NAN;
		row->item = row->order = i;
		row->str[VE_COL_NAME] = e->name[0] != '\0' ? e->name :
		    e->device;
		row->str[VE_COL_KIND] = e->dkind;
		row->num[VE_COL_STATUS] = view_equipment_rank(e);
		for (k = 0, bad = 0; k < e->nflags && k < FOHP_FLAGS_MAX; k++)
			bad += e->flags[k].status != FOHP_ST_OK;
		row->num[VE_COL_FLAGS] = bad;
		if (e->wear_limit > 0 && isfinite(e->wear))
			row->num[VE_COL_WEAR] = e->wear / e->wear_limit;
		if (e->rul == FOHP_RUL_VALUE && isfinite(e->rul_h))
			row->num[VE_COL_LIFE] = e->rul_h;
		else if (e->rul == FOHP_RUL_BEYOND)
			row->num[VE_COL_LIFE] = INFINITY;
		row->num[VE_COL_HB] = e->hb_age_s;
		row->text[0] = view_equipment_device_word(e);
		row->text[1] = e->device;
		if (ui_table_match(row, ui_table_filter_text(u,
		    UI_VIEW_EQUIPMENT)))
			m++;
	}
	ui_table_sort(t, m, st->col, st->desc);
	return (m);
}

/* The heading: venue, link state if not live, counts by status. */
static void
view_equipment_heading(struct ui *u, const struct store_venue *v,
    const struct ui_rect *r, uint64_t now_ms)
{
	unsigned	 n[FOHP_ST_COUNT] = { 0 }, i, worn = 0;
	int		 x, end = r->x + r->w;
	char		 buf[128], wn[24];

	for (i = 0; i < v->nequip; i++) {
		if (view_equipment_worn(&v->equip[i]))
			worn++;
		else if ((unsigned)v->equip[i].status < FOHP_ST_COUNT)
			n[v->equip[i].status]++;
	}
	x = ui_venue_heading(u, v, r, " equipment", now_ms);
	ui_colour_set(u, UI_C_NORMAL, 0);
	wn[0] = '\0';
	if (worn > 0)
		snprintf(wn, sizeof(wn), " %u worn", worn);
	snprintf(buf, sizeof(buf), "%u ok%s %u warning %u error %u offline",
	    n[FOHP_ST_OK], wn, n[FOHP_ST_WARNING], n[FOHP_ST_ERROR],
	    n[FOHP_ST_OFFLINE]);
	if (end - x - 2 >= ui_width(u, buf))
		ui_print(u, r->y, x + 2, end - x - 2, buf);
}

/* Draw the selected venue's devices into r. */
void
view_equipment_draw(struct ui *u, const struct store *s,
    const struct ui_rect *r, uint64_t now_ms)
{
	const struct store_venue	*v;
	struct view_equipment_row	 all[FOHP_DEVICES_MAX];
	struct view_equipment_row	 rows[FOHP_DEVICES_MAX];
	struct ui_table_row		 t[FOHP_DEVICES_MAX];
	const char			*ids[FOHP_DEVICES_MAX];
	struct ui_rect			 head;
	int				 widths[VE_COL_COUNT], i, x, y, shown;
	int				 detail = 0, mw, tw;
	unsigned			 n, total, k, top;
	char				 more[48], title[32];

	if (r->w < 4 || r->h < 1)
		return;
	if ((v = ui_venue_shown(u, s, r)) == NULL)
		return;
	total = v->nequip < FOHP_DEVICES_MAX ? v->nequip : FOHP_DEVICES_MAX;
	for (k = 0; k < total; k++) {
		all[k].e = &v->equip[k];
		all[k].hist = &v->equip_hist[k];
		all[k].index = k;
	}
	qsort(all, total, sizeof(all[0]), view_equipment_cmp);
	n = view_equipment_sorted(u, all, total, t);
	for (k = 0; k < n; k++) {
		rows[k] = all[t[k].item];
		ids[k] = rows[k].e->device;
	}
	head = *r;
	head.w -= ui_table_heading(u, UI_VIEW_EQUIPMENT, r, n, total);
	view_equipment_heading(u, v, &head, now_ms);
	u->greyed = v->link != STORE_LINK_LIVE;
	ui_table_keep(u, ids, n);
	if (n == 0) {
		ui_colour_set(u, UI_C_DIM, 0);
		ui_print(u, r->y + 2, r->x + 1, r->w - 1, total == 0 ?
		    "no devices reported" : "no device matches the filter");
		u->table_sel = 0;
		return;
	}

	/* Heading, column titles, rows; the detail block if it leaves 3. */
	shown = r->h - 2;
	if (shown - VIEW_EQUIPMENT_DETAIL >= 3) {
		detail = 1;
		shown -= VIEW_EQUIPMENT_DETAIL;
		if (shown > (int)n)
			shown = (int)n;
	}
	if (!detail && (unsigned)shown < n)
		shown--;	/* keep a line to say which rows show */
	if (shown < 1)
		return;
	top = 0;
	if (u->table_sel >= (unsigned)shown)
		top = u->table_sel - (unsigned)shown + 1;

	view_equipment_columns_fit(u, rows, n, r->w - 2, widths);
	ui_table_shown(u, UI_VIEW_EQUIPMENT, widths);
	ui_colour_set(u, UI_C_HEADING, 0);
	for (i = 0, x = r->x + 2; i < VE_COL_COUNT; i++) {
		if (widths[i] == 0)
			continue;
		tw = ui_table_title(u, UI_VIEW_EQUIPMENT, i,
		    view_equipment_columns[i].title, widths[i], title,
		    sizeof(title));
		view_equipment_cell(u, r->y + 1, x, i, tw, title);
		x += widths[i] + 1;
	}
	for (k = top, y = r->y + 2; k < n && y < r->y + 2 + shown; k++, y++) {
		view_equipment_row(u, &rows[k], k == u->table_sel, y, r->x,
		    r->x + r->w, widths);
		ui_hit_add(u, y, r->x, r->w, 1, UI_HIT_ROW, k);
	}
	if (detail)
		view_equipment_detail(u, &rows[u->table_sel], r, y);
	if (top > 0 || k < n) {	/* which rows show: on the rule, or below */
		snprintf(more, sizeof(more), " %u-%u of %u ", top + 1, k, n);
		mw = ui_width(u, more);
		ui_colour_set(u, UI_C_DIM, 0);
		if (detail)
			ui_print(u, y, r->x + r->w - mw - 1, mw, more);
		else
			ui_print(u, y, r->x + 2, r->w - 2, more + 1);
	}
}
