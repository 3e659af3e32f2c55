/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * ui-priv.h: what the files in ui/ share and nothing outside ui/ needs.
 *
 * struct ui holds the screen's state (selection, glyph set, colour mode).
 * Each frame is laid out into panels (struct ui_rect) from LINES and COLS;
 * each panel is painted by one view or widget file (ui_panels[] in ui.c),
 * which draws only inside its rectangle and only through ui-draw.c,
 * so that ASCII mode never emits a non-ASCII byte and monochrome mode never
 * makes a colour call.
 */
#ifndef FOH_UI_PRIV_H
#define FOH_UI_PRIV_H

#include <stddef.h>
#include <stdint.h>

#include <curses.h>

#include "core/band.h"
#include "core/queue.h"
#include "core/store.h"
#include "ui.h"

/* A rectangle of terminal cells; w or h may be 0 (nothing to draw). */
struct ui_rect {
	int	x, y, w, h;
};

/*
 * Glyphs: one set for UTF-8, one for ASCII. Each is one column wide but the
 * ellipsis ("..." in ASCII).
 */
struct ui_glyphs {
	const char	*hline, *vline;
	const char	*tl, *tr, *bl, *br;	/* box corners */
	const char	*marker;		/* selected venue */
	const char	*ellipsis;
	const char	*spark[8];		/* sparkline, low to high */
	const char	*spark_gap;		/* a slice with no sample */
	const char	*shade[BAND_COUNT];	/* mono fill per band A..F */
	const char	*keys_select;		/* key names in the help line */
	const char	*density_unit;		/* "p/m2" */
	const char	*upper_half;		/* raster cell, NULL in ASCII */
};

/* How much colour the terminal gets. */
enum ui_colour_mode {
	UI_MONO = 0,		/* no colour calls at all */
	UI_COLOUR_8,
	UI_COLOUR_16,
	UI_COLOUR_256,
	UI_COLOUR_DIRECT	/* 24-bit: theme colours exact */
};

/*
 * Semantic colour slots; the slot number is also the curses pair number,
 * so every pair is below 64. ui-colour.c maps slots to colours per mode.
 */
enum ui_slot {
	UI_C_NORMAL = 0,
	UI_C_STATUS,		/* top status bar */
	UI_C_KEYS,		/* bottom key help */
	UI_C_HEADING,		/* panel titles */
	UI_C_SELECTED,		/* selected venue line */
	UI_C_DIM,		/* stale or offline venue, secondary text */
	UI_C_LIVE,		/* link state words */
	UI_C_STALE,
	UI_C_OFFLINE,
	UI_C_CONNECTING,
	UI_C_BORDER,
	UI_C_NODATA,		/* zone without a sample */
	UI_C_BAND_A,		/* band fills, A..F in order */
	UI_C_BAND_B,
	UI_C_BAND_C,
	UI_C_BAND_D,
	UI_C_BAND_E,
	UI_C_BAND_F,
	UI_C_SEV_INFO,		/* severities: the queue's Sev column, */
	UI_C_SEV_WARNING,	/* counts, the kiosk banner (critical) */
	UI_C_SEV_CRITICAL,
	UI_C_ST_FIRING,		/* alert states: the queue's State column */
	UI_C_ST_ACKED,
	UI_C_ST_SHELVED,
	UI_C_ST_RESOLVED,
	UI_C_COUNT
};

/* What the main panel shows (one file each: ui/view-NAME.c). */
enum ui_view {
	UI_VIEW_HEATMAP = 0,	/* the selected venue's zones */
	UI_VIEW_ALERTS,		/* the alert queue, all venues */
	UI_VIEW_WHY,		/* one alert's explanation */
	UI_VIEW_EQUIPMENT,	/* devices: status, metrics, remaining life */
	UI_VIEW_DRIFT,		/* models: drift scores, top features */
	UI_VIEW_DIAG,		/* per venue: rates, gaps, rejects */
	UI_VIEW_OVERVIEW,	/* one tile per venue */
	UI_VIEW_HELP,		/* every key */
	UI_VIEW_HISTORY,	/* resolved alerts, time to acknowledge */
	UI_VIEW_COUNT
};

/* An alert by identity: the venue's index in the store and the alert id. */
struct ui_alert_id {
	unsigned	venue;
	uint64_t	id;		/* 0: none */
};

#define UI_QUEUE_MAX	(STORE_VENUES_MAX * 8)
#define UI_EXPANDED_MAX	32	/* groups the queue shows opened */

/*
 * The queue as the alert view shows it (ui_queue_build): queue_build's
 * items, and the lines drawn of them: every row, and the alerts folded
 * under the rows of the groups opened (u->expanded). About 80 KB: callers
 * allocate it.
 */
struct ui_queue {
	unsigned		n;		/* items in q */
	unsigned		total;		/* alerts in the queue, all */
	unsigned		nlines;
	struct queue_item	q[UI_QUEUE_MAX];
	unsigned		line[UI_QUEUE_MAX];	/* index into q */
};

/* A group of the queue by what makes it one: venue and subject. */
struct ui_group {
	unsigned	venue;
	char		subject[FOHP_ID_MAX];
};
#define UI_REQUESTS_MAX	64	/* queued control requests (bulk ack) */
#define UI_BULK_MAX	UI_REQUESTS_MAX	/* alerts one "A" acknowledges */

/*
 * A line editor for the questions of a request. widget_prompt_open asks
 * the first question (step 0) and widget_prompt_next the following ones;
 * widget_prompt_close ends it. So every request starts at its first
 * question, whatever the one before left behind.
 */
struct ui_prompt {
	int		active;
	char		label[320];	/* "Ack #42 arena ... comment: " */
	char		text[FOHP_NOTE_MAX];
	size_t		len;
	int		step;		/* which question of the request */
};

/* The last raster drawn, banded with hysteresis (view-heatmap.c). */
struct ui_raster_bands {
	const struct store_venue *venue;	/* whose; NULL: none yet */
	uint64_t	seq;			/* which raster (its t_ms
						   may repeat after a clock
						   step) */
	uint64_t	drawn_ms;		/* when it was taken */
	uint16_t	x, y, cols, rows;
	int8_t		band[FOHP_RASTER_MAX];	/* -1: in no zone */
};

/*
 * Where a click lands: views register what they drew in this frame that a
 * click can select (ui_hit_add), and the mouse handler looks it up.
 */
enum ui_hit_kind {
	UI_HIT_VENUE,		/* index: a venue in the list: select it */
	UI_HIT_TILE,		/* a venue's overview tile: select, then open */
	UI_HIT_ZONE,		/* index: a zone of the heat map's venue */
	UI_HIT_ALERT,		/* index, id: an alert of the queue: select,
				   then open */
	UI_HIT_ROW		/* index: u->table_sel of a table row */
};

struct ui_hit {
	struct ui_rect		r;
	enum ui_hit_kind	kind;
	unsigned		index;	/* UI_HIT_ALERT: the venue */
	uint64_t		id;	/* UI_HIT_ALERT: the alert */
};

#define UI_HITS_MAX	512	/* list rows, zones, queue rows: all fit */

/*
 * Text that fits (issue 14): the ":" line's completion (ui-complete.c)
 * and history (ui-history.c).
 * A candidate is what Tab puts in place of the word being typed and a
 * note shown beside it (a venue's name beside its id).
 */
#define UI_COMPLETE_MAX		64
#define UI_COMPLETE_LEN		64
#define UI_HISTORY_MAX		100
#define UI_HISTORY_LEN		128
struct ui_complete {
	unsigned	n;			/* candidates; 0: none shown */
	int		cur;			/* Tab's choice; -1: none yet */
	size_t		start;			/* where the word starts */
	char		what[16];		/* "command", "venue", ... */
	char		item[UI_COMPLETE_MAX][UI_COMPLETE_LEN];
	char		note[UI_COMPLETE_MAX][UI_COMPLETE_LEN];
};
/* The ":" lines typed, oldest first; pos is Up's, n when on the draft. */
struct ui_history {
	unsigned	n, pos;
	int		loaded;
	char		line[UI_HISTORY_MAX][UI_HISTORY_LEN];
	char		draft[UI_HISTORY_LEN];
};

/*
 * Habits (issue 14): table sort and filter (ui-table.c), the pause
 * (ui-pause.c), the quit question.
 */
#define UI_TABLE_KEYS	10	/* columns a table sorts by */
#define UI_TABLE_TEXTS	2	/* texts a row is filtered by, besides */
#define UI_TABLE_IDS	FOHP_DEVICES_MAX	/* rows whose ids are kept */
#define UI_TABLE_ASK	0x10000	/* u->pending: the tables' "/" */
#define UI_QUIT_ASK	0x10001	/* u->pending: "quit? (y/n)" */

struct ui_column;	/* below */

/* A table's columns as sort sees them (one per view-*.c that sorts). */
struct ui_table_desc {
	const struct ui_column	*cols;
	int			 ncols;
	unsigned		 sortable, desc_first;	/* bit per column */
	const char		*own;		/* its own order, in words */
};

/* A table's state: sort column and direction, filter. */
struct ui_table_state {
	const struct ui_table_desc *table;	/* NULL: none (ui_new) */
	int			 col;		/* -1: the view's own order */
	int			 desc;
	char			 filter[FOHP_NOTE_MAX];
	unsigned		 shown;		/* columns drawn; 0: all */
};

/* A row to sort and filter: its values by column, its texts. */
struct ui_table_row {
	unsigned	 item;			/* the view's index of it */
	unsigned	 order;			/* in the view's own order */
	double		 num[UI_TABLE_KEYS];	/* NAN: none, sorts last */
	const char	*str[UI_TABLE_KEYS];	/* set: sorts as text */
	const char	*text[UI_TABLE_TEXTS];	/* filtered by, too */
};

/* ui-table.c: sort and filter the tables. */
int		 ui_table_contains(const char *hay, const char *needle);
int		 ui_table_match(const struct ui_table_row *, const char *);
unsigned	 ui_table_filter(struct ui_table_row *, unsigned n,
		     const char *filter);
int		 ui_table_cmp(const struct ui_table_row *,
		     const struct ui_table_row *, int col, int desc);
void		 ui_table_sort(struct ui_table_row *, unsigned n, int col,
		     int desc);
struct ui_table_state *ui_table_state(struct ui *, enum ui_view);
const char	*ui_table_filter_text(const struct ui *, enum ui_view);
void		 ui_table_shown(struct ui *, enum ui_view, const int *widths);
extern const struct ui_table_desc view_heatmap_sort, view_equipment_sort,
		 view_drift_sort;
int		 ui_table_title(struct ui *, enum ui_view, int col,
		     const char *title, int w, char *buf, size_t len);
int		 ui_table_heading(struct ui *, enum ui_view,
		     const struct ui_rect *, unsigned shown, unsigned total);
void		 ui_table_keep(struct ui *, const char *const *ids,
		     unsigned n);
void		 ui_table_moved(struct ui *);
int		 ui_table_answer(struct ui *);
int		 ui_table_key(struct ui *, const struct store *, int key);
int		 ui_table_ask(struct ui *, const struct store *, int key);
int		 ui_table_unfilter(struct ui *, const struct store *, int key);
/* ui-pause.c: the pause key; ui-cmd.c: the quit question. */
int		 ui_pause_key(struct ui *, const struct store *, int key);
void		 ui_pause_retake(struct ui *);
void		 ui_pause_check(struct ui *, const struct store *);
int		 ui_pause_frozen(struct ui *, const struct store *,
		     const struct ui_rect *);
void		 ui_pause_take(struct ui *, const struct ui_rect *,
		     unsigned first_hit);
int		 ui_pause_words(const struct ui *, char *, size_t);
int		 ui_cmd_quit_answer(struct ui *, int key);
/*
 * Never a hidden critical (issue 14's review): one count of "crit
 * unacked" (ui-draw.c), the counts drawn in the room there is (ui-fit.c),
 * the pause's criticals seen (ui-pause.c).
 */
int		 ui_alert_crit_unacked(const struct fohp_alert *);
unsigned	 ui_store_counts(const struct store *,
		     unsigned n[FOHP_SEV_COUNT], unsigned st[FOHP_AS_COUNT]);
int		 ui_counts_fit(struct ui *, int y, int x, int w,
		     const unsigned n[FOHP_SEV_COUNT], unsigned unacked,
		     enum ui_slot under);
int		 ui_counts_crit_draw(struct ui *, int y, int x, int w,
		     unsigned unacked, enum ui_slot under);
int		 ui_pause_keyline(struct ui *, int y, int x, int w);
void		 ui_pause_free(struct ui *);

/* The panels of a frame, in drawing order. */
enum ui_panel {
	UI_PANEL_STATUS = 0,
	UI_PANEL_VENUES,
	UI_PANEL_MAIN,
	UI_PANEL_KEYS,
	UI_PANEL_COUNT
};

/*
 * The terminal link (ui-link.c, issue 14: slow links): the questions out
 * to the terminal, its answers, and whether the link is found slow. Each
 * question out has its own tag, so that a late answer is matched to its
 * own question: tag 0 is DSR 5 (answer ESC [ 0 n), tag t > 0 a cursor
 * report from row t (answer ESC [ t ; 1 R), each read as a key of its own.
 */
#define UI_LINK_TAGS	4		/* questions out at once */
#define UI_LINK_RTTS	4		/* recent round trips kept */
#define UI_KEY_LINK	(KEY_MAX + 64)	/* tag t's answer: UI_KEY_LINK + t */
#define UI_LINK_SPLIT_MS 200		/* escape delay while a question is
					   out: an answer split across reads */
#define UI_KEY_IS_LINK(k) ((k) >= UI_KEY_LINK && \
			    (k) < UI_KEY_LINK + UI_LINK_TAGS)
struct ui_link {
	enum ui_link_mode mode;
	uint64_t	 sent_ms;	/* pace of the newest question out
					   (q_ms of tag), 0: answered */
	unsigned	 tag;		/* the newest question's tag */
	uint64_t	 q_ms[UI_LINK_TAGS];	/* each tag's question out
						   at, 0: not out */
	uint64_t	 q_seq[UI_LINK_TAGS];	/* and its number */
	uint64_t	 asked;		/* questions asked */
	uint64_t	 frames;	/* frames sent */
	uint64_t	 answers;	/* questions answered */
	uint64_t	 lost;		/* asked again, no answer in time */
	uint64_t	 stray;		/* answers to no question out */
	uint64_t	 rtt_ms;	/* the last answer's round trip */
	uint64_t	 rtts[UI_LINK_RTTS];	/* the last few, a ring */
	unsigned	 nrtts;		/* answers in rtts, <= UI_LINK_RTTS */
	unsigned	 slow;		/* last samples, 1 bits slow, newest
					   lowest */
	int		 mute;		/* the terminal does not answer */
	int		 flags;		/* UI_REDRAW waiting to be returned */
	unsigned	 spells;	/* times found slow */
	uint64_t	 frugal_until;	/* auto: try the raster again then */
	uint64_t	 frugal_end;	/* when the last spell ended */
	uint64_t	 hold_ms;	/* the spell's length */
	uint64_t	 shown;		/* ui_link_sign as last drawn */
	uint64_t	 bypass;	/* question out when an urgent frame
					   last went without its answer */
};
void		 ui_link_init(struct ui *, enum ui_link_mode);
void		 ui_link_sent(struct ui *, uint64_t blocked_ms);
int		 ui_link_answer(struct ui *, int key);
void		 ui_link_drain(struct ui *);
void		 ui_link_describe(const struct ui *, char *, size_t);
/* The pure state (tests): a question asked at pace, its tag; an answer
 * to tag at pace; how long a frame may wait for the newest answer. */
unsigned	 ui_link_asked(struct ui *, uint64_t pace);
int		 ui_link_answered(struct ui *, unsigned tag, uint64_t pace);
uint64_t	 ui_link_cap(const struct ui *);
uint64_t	 ui_link_sign(const struct store *);
void		 ui_link_keys(void);

struct ui {
	SCREEN			*screen;
	int			 utf8;		/* UTF-8 glyphs allowed */
	const struct ui_glyphs	*g;
	enum ui_colour_mode	 colour;
	int			 half_blocks;	/* raster pairs are set up */
	int			 greyed;	/* painting old data: colours
						   dimmed (ui_colour_set) until
						   the painter returns */
	char			 title[64];

	unsigned		 selected;	/* index into s->venues */
	unsigned		 venues_top;	/* first venue line shown */
	int			 focus_list;	/* Tab: keys go to the venue list */

	enum ui_view		 view;		/* what the main panel shows */
	struct ui_alert_id	 cursor;	/* the queue cursor's alert;
						   alert_sel follows it */
	int			 cursor_left;	/* set when its alert left the
						   queue (then it moved) */
	unsigned		 alert_sel;	/* its line in the queue */
	unsigned		 alert_top;	/* first line shown */
	uint64_t		 linger_ms;	/* resolved alerts stay so long */
	unsigned		 nexpanded;	/* groups opened, oldest first */
	struct ui_group		 expanded[UI_EXPANDED_MAX];
	uint64_t		 why_alert;	/* alert the why-pane shows */
	unsigned		 why_venue;
	int			 why_scroll;
	unsigned		 table_sel;	/* row in equipment/drift */
	unsigned		 history_shown;	/* history: blocks the last
						   frame showed (a page) */
	unsigned		 numbers_hours;	/* history: the venue's numbers
						   of this many hours shown
						   (view-numbers.c); 0: not */
	unsigned		 zone_sel;	/* heat map: zone index */
	const struct store_venue *zone_venue;	/* of this venue */
	struct ui_raster_bands	 raster_bands;
	unsigned		 nhits;		/* clickable, this frame */
	struct ui_hit		 hits[UI_HITS_MAX];
	int			 click_y, click_x;	/* the click being
							   handled */
	struct ui_prompt	 prompt;
	int			 pending;	/* key whose prompt is open */
	struct ui_request	 req;		/* being built */
	unsigned		 nbulk;		/* "A": the alerts it named */
	struct ui_alert_id	 bulk[UI_BULK_MAX];
	unsigned		 nreqs;
	struct ui_request	 reqs[UI_REQUESTS_MAX];	/* for the caller */
	char			 message[256];	/* shown on the key line */
	uint64_t		 message_until;
	uint64_t		 now_ms;	/* of the frame being drawn */
	int			 readonly;
	unsigned		 kiosk_s;
	uint64_t		 kiosk_next;
	char			 operator_name[FOHP_ID_MAX];
	char			 signing[512];	/* ui_options' signing */
	char			 filter[FOHP_NOTE_MAX];	/* "/" queue filter */

	struct ui_complete	 complete;	/* issue 14: ":" Tab, history */
	struct ui_history	 history;
	/* Habits (issue 14): ui-table.c, ui-pause.c, the quit question. */
	struct ui_table_state	 tables[UI_VIEW_COUNT];
	char			 table_item[FOHP_ID_MAX];	/* its id */
	enum ui_view		 table_item_view;	/* of this view */
	unsigned		 ntable_ids;	/* the rows' ids, last frame */
	char			 table_ids[UI_TABLE_IDS][FOHP_ID_MAX];
	int			 zone_refilter;	/* new zone filter: select */
	uint64_t		 paused_at;	/* pace ms; 0: live */
	struct ui_alert_id	*paused_seen;	/* the criticals unacked since
						   the pause began */
	unsigned		 npaused_seen, paused_cap;
	int			 pause_take;	/* paint live, then freeze */
	WINDOW			*frozen;	/* the main panel, frozen */
	unsigned		 nfrozen_hits;
	struct ui_hit		 frozen_hits[UI_HITS_MAX];

	int			 lines, cols;	/* size the layout is for */
	struct ui_rect		 panels[UI_PANEL_COUNT];
	int			 divider_x;	/* column of the list/main rule, or -1 */

	/* The wall: the kiosk's banner has a line of its own (ui_layout
	 * shifts the body down while it is shown). */
	int			 banner;	/* the layout holds its line:
						   0 or UI_BANNER_* */
	/* The terminal link (ui-link.c, issue 14: slow links). */
	struct ui_link		 link;
	int			 frugal;	/* slow link: no raster, flat
						   fills (ui-map.c) */
};

/* A table column: what it is called and how much room it wants. */
struct ui_column {
	const char	*title;
	int		 minw, maxw;
	int		 right;		/* right-aligned */
	int		 priority;	/* 0 kept first */
};

/*
 * Text that fits (issue 14): ui-fit.c sizes columns by what they hold and
 * writes counts; ui-complete.c completes ":" command lines and
 * ui-history.c remembers them.
 */
void		 ui_fit_middle(char *, size_t, const char *, int w,
		     const char *ell, int ellw);	/* an id, cut */
int		 ui_columns_size(const struct ui_column *, int n, int w,
		     const int *want, int flex, int *widths);
const char	*ui_counts(char *, size_t, const unsigned n[FOHP_SEV_COUNT],
		     unsigned unacked);	/* "C2 W9 I0, 2 crit unacked" */
int		 ui_counts_draw(struct ui *, int y, int x, int w,
		     const unsigned n[FOHP_SEV_COUNT], unsigned unacked,
		     enum ui_slot under);	/* the same, in their slots */
struct ui_command;
/* Where candidates come from: commands, views, venues (id, name), themes. */
struct ui_complete_src {
	const struct ui_command	*commands;	/* ends with a NULL name */
	unsigned		 nviews;
	const char *const	*views;
	unsigned		 nvenues;
	const char *const	*venue_ids, *const *venue_names;
	unsigned		 nthemes;
	const char *const	*themes;
};
void		 ui_complete_build(struct ui_complete *, const char *line,
		     const struct ui_complete_src *);
int		 ui_complete_prefix(const char *word, const char *s);
size_t		 ui_complete_common(const struct ui_complete *);
void		 ui_complete_step(struct ui *, const struct ui_complete_src *,
		     int back);
void		 ui_history_step(struct ui *, int up);
void		 ui_complete_reset(struct ui *);
void		 ui_complete_put(struct ui *, size_t start, const char *s,
		     size_t len, const char *after);
void		 ui_complete_draw(struct ui *);
void		 ui_history_add(struct ui *, const char *line);
const char	*ui_cmd_view_name(unsigned view);	/* NULL past the last */
int		 ui_cmd_complete(struct ui *, const struct store *, int key);
int		 ui_cmd_recall(struct ui *, const struct store *, int key);

/* A panel painter: draws s into r (stdscr), at now_ms. */
typedef void ui_draw_fn(struct ui *, const struct store *,
    const struct ui_rect *, uint64_t);

/*
 * Every terminal (issue 14): a severity or state slot on the status bar's
 * or the selected line's fill (ui-colour.c); every form of Home, End and
 * the F-keys, and the line a too small terminal shows (ui-term.c).
 */
void		 ui_colour_on(struct ui *, enum ui_slot, enum ui_slot under,
		     attr_t extra);
void		 ui_term_keys(void);
int		 ui_term_small(struct ui *, const struct store *);

/* ui-colour.c: colour slots, themes. */
void		 ui_colour_init(struct ui *, int no_color);
int		 ui_colour_theme(struct ui *, const char *name, char *why,
		     size_t len);
void		 ui_colour_set(struct ui *, enum ui_slot, attr_t extra);
void		 ui_colour_half(struct ui *, int top_band, int bottom_band);
enum ui_slot	 ui_colour_band(int band_index);

/*
 * ui-draw.c: the frame's panels, text and shapes clipped and sanitised for
 * the glyph mode, and the words every view uses. Calls no view.
 */
#define UI_BANNER_MIN_LINES	4	/* the kiosk banner from this height */
#define UI_BANNER_CRIT		1	/* u->banner: the kiosk's critical */
#define UI_BANNER_DRILL		2	/* ... a drill's (issue 15) */
void		 ui_layout(struct ui *);
int		 ui_print(struct ui *, int y, int x, int maxw, const char *);
int		 ui_printf(struct ui *, int y, int x, int maxw, const char *, ...)
		     __attribute__((format(printf, 5, 6)));
int		 ui_width(struct ui *, const char *);
int		 ui_print_fit(struct ui *, int y, int x, int maxw,
		     const char *);	/* cut with an ellipsis */
void		 ui_fill(struct ui *, int y, int x, int w, const char *glyph);
void		 ui_box(struct ui *, const struct ui_rect *);
char		 ui_zone_band(const struct store_zone *);
unsigned	 ui_zone_worst(const struct store_venue *,
		     const struct store_zone **, unsigned max);
const char	*ui_link_word(enum store_link);
enum ui_slot	 ui_link_slot(enum store_link);
int		 ui_venue_heading(struct ui *, const struct store_venue *,
		     const struct ui_rect *, const char *what, uint64_t now_ms);
const char	*ui_span(char *, size_t, uint64_t ms);	/* "1m20s" */
const char	*ui_since(char *, size_t, uint64_t now_ms, uint64_t t_ms,
		     const char *unknown);
void		 ui_clock(char *, size_t, uint64_t now_ms, uint64_t t_ms);
enum ui_slot	 ui_severity_slot(enum fohp_severity);
enum ui_slot	 ui_state_slot(enum fohp_alert_state);
void		 ui_hit_add(struct ui *, int y, int x, int w, int h,
		     enum ui_hit_kind, unsigned index);
void		 ui_hit_add_alert(struct ui *, int y, int x, int w,
		     unsigned venue, uint64_t id);
const struct store_venue *ui_venue_shown(struct ui *, const struct store *,
		     const struct ui_rect *);
unsigned	 ui_alert_counts(const struct store_venue *,
		     unsigned n[FOHP_SEV_COUNT], unsigned st[FOHP_AS_COUNT]);

/* Issue 15 fix: unacknowledged criticals, real and (*drill) drills'. */
unsigned	 ui_crit_counts(const struct store *, unsigned *drill);

/* Issue 15 fix: a venue drills for the banner: its latest message said so
 * and it is heard from (offline: it was last seen in a drill). */
int		 ui_venue_drilling(const struct store_venue *);
void		 ui_spark(struct ui *, const struct store_ring *, double top,
		     int y, int x, int w);
int		 ui_columns_fit(const struct ui_column *, int n, int w,
		     int *widths, int *used);
void		 ui_cell(struct ui *, const struct ui_column *, int y, int x,
		     int w, const char *text);
int		 ui_scroll(unsigned *sel, int key, unsigned page, unsigned n);

/*
 * ui-queue.c: the queue as shown, across all venues in queue_build's order
 * and groups (src/core/queue.h), resolved alerts lingering u->linger_ms.
 */
/* With filter, only the alerts that pass u->filter. Fills uq (the
 * caller's) and returns uq->nlines. */
unsigned	 ui_queue_build(const struct ui *, const struct store *,
		     int filter, struct ui_queue *uq);
/* The alert of item i of uq. */
const struct fohp_alert *ui_queue_item(const struct store *,
		     const struct ui_queue *, unsigned i);
/* The index in u->expanded of item i's group; -1 if it is closed. */
int		 ui_queue_expanded(const struct ui *, const struct store *,
		     const struct ui_queue *, unsigned i);
/* Open or close the group of item i. */
void		 ui_queue_expand(struct ui *, const struct store *,
		     const struct ui_queue *, unsigned i, int open);
/* Find the cursor's alert in uq and set u->alert_sel to its line. */
void		 ui_queue_locate(struct ui *, const struct store *,
		     struct ui_queue *);
/*
 * The alert the queue's cursor (or the why-pane) is on; NULL if none.
 * The cursor holds an alert, not a row: if its alert left the queue, the
 * message line says so and the cursor moves to the alert now at its row.
 */
const struct fohp_alert *ui_queue_current(struct ui *,
		     const struct store *, unsigned *venue);
/* Put the queue's cursor on alert id of venue (from a click). */
void		 ui_queue_select(struct ui *, unsigned venue, uint64_t id);
/* Open the why-pane on the alert under the queue's cursor. */
int		 ui_queue_why(struct ui *, const struct store *);

/* ui-map.c: a venue's zones on its grid. */
struct ui_map {
	int	cols, rows;		/* inside the border */
};
struct ui_map	 ui_map_fit(int gw, int gh, int aw, int ah);
void		 ui_map_draw(struct ui *, const struct store_venue *,
		     const struct ui_map *, int y, int x, int sel,
		     int clickable);
void		 ui_map_heading(struct ui *, const struct store_venue *,
		     const struct ui_rect *, uint64_t now_ms);
/* A compact map of venue vi with zone (an id, NULL: none) marked. */
void		 ui_map_compact(struct ui *, const struct store *,
		     unsigned venue, const char *zone, const struct ui_rect *,
		     uint64_t now_ms);

/*
 * The heat map read at a glance: zone outlines (ui-outline.c), fills
 * without colour (ui-colour.c) and the band legend (ui-legend.c).
 */
#define UI_OUTLINE_EDGES	(2 * FOHP_ZONES_MAX + 2)
/* One axis of a map's canvas: zone edges and the cells their lines take. */
struct ui_outline_axis {
	int	n;
	int	grid[UI_OUTLINE_EDGES];	/* grid coordinates, ascending */
	int	pos[UI_OUTLINE_EDGES];	/* their lines: 0 .. size - 1 */
};
/* A map's canvas (the map and its box) and the lines on its cells. */
struct ui_outline {
	struct ui_outline_axis	 x, y;
	int			 w, h;
	uint8_t			*cell;	/* w * h, owned: ui_outline_free */
};
int		 ui_outline_init(struct ui_outline *,
		     const struct store_venue *, int w, int h);
void		 ui_outline_free(struct ui_outline *);
int		 ui_outline_pos(const struct ui_outline_axis *, int g);
double		 ui_outline_grid(const struct ui_outline_axis *, double t);
void		 ui_outline_rect(struct ui_outline *, int c0, int r0, int c1,
		     int r1, int weight);
void		 ui_outline_draw(struct ui *, const struct ui_outline *, int y,
		     int x);
/* A cell's lines: 2 bits a direction (up, down, left, right from bit 0),
 * 0 none, 1 light, 2 heavy. */
const char	*ui_outline_glyph(unsigned cell, int utf8);
/*
 * A small map that keeps every zone (an overview tile's): outlines only
 * where every zone keeps a cell inside its lines, else none (ui-map.c),
 * from edges placed at least gap apart (ui-outline.c).
 */
#define UI_MAP_OUTLINED	0	/* ui_map_draw_as's how: outlines always */
#define UI_MAP_FIT	1	/* ... only where they leave zones room */
#define UI_MAP_NO_RASTER 2	/* ... zones filled flat, never the raster */
void		 ui_map_draw_as(struct ui *, const struct store_venue *,
		     const struct ui_map *, int y, int x, int sel,
		     int clickable, int how);
int		 ui_map_rows_need(const struct store_venue *);
int		 ui_outline_place(struct ui_outline *,
		     const struct store_venue *, int w, int h, int gap);
int		 ui_colour_mono(const struct ui *);
void		 ui_colour_shade(struct ui *, int band_index);
/* Kinds in a legend: a bit each, 1 << FOHP_ZK_*. */
unsigned	 ui_legend_kinds(const struct store_venue *);
int		 ui_legend_lines(struct ui *, unsigned kinds, int w);
int		 ui_legend_draw(struct ui *, unsigned kinds, int y, int x, int w);
int		 ui_legend_draw_line(struct ui *, unsigned kinds, int line,
		     int y, int x, int w);
int		 ui_legend_swatch(struct ui *, int band_index, int y, int x);

/* A key handler: returns UI_* flags, 0 if the key is not its here. */
typedef int ui_key_fn(struct ui *, const struct store *, int key);

/*
 * ui-keys.c: the key table. Where an entry acts: views (UI_IN(view)), the
 * venue list when it has the focus (Tab), a prompt's line editor.
 */
#define UI_IN(view)	(1u << (view))
#define UI_IN_LIST	(1u << UI_VIEW_COUNT)
#define UI_IN_PROMPT	(1u << (UI_VIEW_COUNT + 1))
#define UI_IN_VIEWS	(UI_IN_LIST - 1)
#define UI_IN_ALL	(UI_IN_VIEWS | UI_IN_LIST)

/* The help view's groups, in its order. */
enum ui_key_group {
	UI_KG_NAVIGATION = 0,
	UI_KG_ALERTS,
	UI_KG_COMMANDS,
	UI_KG_PROMPT,
	UI_KG_OTHER,
	UI_KG_COUNT
};

#define UI_KEY_CODES	8

/* One entry of the key table: keys, what they do, where, and how. */
struct ui_key {
	int		 codes[UI_KEY_CODES];	/* wgetch's; 0 ends */
	const char	*help;			/* help view: what it does */
	enum ui_key_group group;		/* help view: under which */
	unsigned	 where;			/* UI_IN_*: where it acts */
	ui_key_fn	*fn;			/* acts; 0: the next entry */
	int		 control;		/* changes an alert: not on
						   a read-only console */
	const char	*bar;			/* key line: what it does;
						   NULL: not there */
	const char	*bar_keys;		/* key line: the keys; NULL:
						   the arrows' glyphs */
	unsigned	 bar_where;		/* key line: where (UI_IN_*) */
};

extern const struct ui_key	 ui_keys[];
extern const size_t		 ui_nkeys;
extern const char *const	 ui_key_groups[UI_KG_COUNT];
const struct ui_key *ui_keys_find(unsigned where, int code,
		     const struct ui_key *after);
int		 ui_keys_name(char *, size_t, int code, int utf8);
int		 ui_keys_names(char *, size_t, const struct ui_key *, int utf8);

/* ui-cmd.c: the key table's handlers that belong to no view. */
ui_key_fn	 ui_cmd_venue, ui_cmd_venue_wrap, ui_cmd_focus, ui_cmd_unfocus,
		 ui_cmd_repaint, ui_cmd_quit, ui_cmd_view, ui_cmd_back,
		 ui_cmd_ask, ui_cmd_unfilter, ui_cmd_row, ui_cmd_click,
		 ui_cmd_answer, ui_cmd_cancel, ui_cmd_erase;

/* A ":" command: its name (and another), its argument, what it does. */
struct ui_command {
	const char	*name;
	const char	*alias;		/* NULL: none */
	const char	*arg;		/* "NAME"; NULL: none */
	const char	*help;
	int		(*fn)(struct ui *, const struct store *,
			    const char *arg);
};
extern const struct ui_command	 ui_commands[];	/* ends with NULL name */

/* ui-control.c: the control keys, their questions and requests. */
ui_key_fn	 ui_control_key;
int		 ui_control_answer(struct ui *);

/* The views and widgets, one per file. */
ui_draw_fn	 widget_statusbar_draw;
ui_draw_fn	 widget_statusbar_draw_keys;
ui_draw_fn	 view_venues_draw;	/* view-venues.c */
ui_draw_fn	 view_heatmap_draw;	/* view-heatmap.c */
ui_key_fn	 view_heatmap_key;
ui_draw_fn	 view_alerts_draw;	/* view-alerts.c */
ui_key_fn	 view_alerts_key;
ui_draw_fn	 view_why_draw;		/* view-why.c */
ui_key_fn	 view_why_key;
ui_draw_fn	 view_equipment_draw;	/* view-equipment.c */
ui_draw_fn	 view_drift_draw;	/* view-drift.c */
ui_draw_fn	 view_diag_draw;	/* view-diag.c */
ui_draw_fn	 view_overview_draw;	/* view-overview.c */
/* view-overview-tile.c: a venue's tile on the overview, at any size. */
void		 view_overview_tile_draw(struct ui *, const struct store *,
		     unsigned venue, const struct ui_rect *, uint64_t now_ms);
void		 view_overview_tile_summary(struct ui *,
		     const struct store_venue *, int y, int x, int w,
		     uint64_t now_ms, int dim);
const struct store_zone *view_overview_tile_worst(const struct store_venue *,
		     int *band);
ui_draw_fn	 view_help_draw;	/* view-help.c */
/* An entry of the help, or a group's heading (what NULL). */
struct view_help_item {
	char		 name[32];	/* the keys, or the heading */
	const char	*what;
	int		 control;
};
int		 view_help_items(struct view_help_item *, int max, int utf8);
ui_draw_fn	 view_history_draw;	/* view-history.c */
ui_key_fn	 view_history_key;
ui_draw_fn	 view_numbers_draw;	/* view-numbers.c (issue 15) */
ui_key_fn	 view_numbers_key;
int		 ui_request_push(struct ui *, const struct ui_request *);

/* widget-prompt.c: the line editor. */
void		 widget_prompt_open(struct ui *, int pending,
		     const char *label);
void		 widget_prompt_next(struct ui *, const char *label);
void		 widget_prompt_close(struct ui *);
int		 widget_prompt_type(struct ui *, int key);
void		 widget_prompt_erase(struct ui *);
ui_draw_fn	 widget_prompt_draw;

#endif
