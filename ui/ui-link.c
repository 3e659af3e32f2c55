/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * ui-link.c: the link to the terminal, and frames that wait for it.
 *
 * Over a slow link (SSH over a venue's 3G uplink) the bytes of a frame
 * queue up between foh and the screen: in the pty, in sshd, in TCP. foh
 * would go on drawing at its frame rate and what the user sees would fall
 * further and further behind live (18 s at 200x60 and 32 kbit/s, issue
 * 14). tmux defers a redraw while the terminal still has output queued;
 * foh cannot see most of those queues (sshd empties the pty at once), so
 * it asks the terminal itself: after each frame it sends DSR 5 ("ESC [ 5
 * n", are you there?), which every VT100-like terminal, tmux and screen
 * answer ("ESC [ 0 n") once they have read everything written before it.
 * Until the answer comes, the next frame waits (ui_link_wait); the frame
 * drawn then shows the newest state, so a slow link gets fewer frames, not
 * older ones. The user's own keys, a new critical alert and any change
 * the operator must see at once (a venue's link going stale or offline or
 * back, an alert opened or closed: ui_link_urgent) do not wait.
 *
 * An answer can be lost (a terminal that drops it, a relay that swallows
 * it). Frames wait for it at most UI_LINK_WAIT_MS on a slow link, but
 * only a few times the recent round trip (at least UI_LINK_CAP_MIN_MS)
 * while answers have been fast (ui_link_cap): one lost answer does not
 * hold ages and values for 10 s. Then a new question goes out, with a
 * tag of its own (UI_LINK_TAGS: DSR 5, or a cursor report from row t,
 * asked with the cursor saved and restored around it, so that curses'
 * idea of it holds): a late answer to the old question is matched to
 * the old one, and the round trip is not under-measured. Answers come
 * in the order asked, so an answer also settles every older question
 * still out: those were lost.
 *
 * The answers come on stdin among the user's keys, as keys of their own
 * (define_key): curses' key parser splits them from the keys around them
 * and joins an answer split across reads, if its rest comes within the
 * escape delay, which is raised to UI_LINK_SPLIT_MS while a question is
 * out (tests/test-ui-link.c feeds curses through a pty to check both).
 * Frames wait only once the terminal has answered a first time (a
 * question asked at start, before the first frame): one that does not
 * answer is not waited for.
 *
 * The answer's round trip says how slow the link is. When most of the last
 * few took over UI_LINK_SLOW_MS (or a frame's write blocked that long),
 * the link is slow and the ui turns frugal (u->frugal): the heat map fills
 * zones flat instead of drawing the density raster, whose changes are most
 * of the bytes. After a while it tries the raster again; each spell that
 * ends in the link being found slow again doubles the next one.
 *
 * A terminal that never answers gets no waiting (only a write that blocks
 * is seen). --link slow is frugal from the start; --link fast neither asks
 * nor waits nor turns frugal: every frame goes out, as before.
 */
#include "config.h"

#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "lib/clock.h"
#include "ui-priv.h"

/* A round trip (or a blocked write) this long is a slow one. */
#define UI_LINK_SLOW_MS		1000

/* One this long is enough on its own. */
#define UI_LINK_VERY_SLOW_MS	4000

/* Frames wait at most this long for an answer, then one goes anyway. */
#define UI_LINK_WAIT_MS		10000

/* While answers are fast, at most this many recent round trips, and no
 * less than UI_LINK_CAP_MIN_MS. */
#define UI_LINK_CAP_RTTS	4
#define UI_LINK_CAP_MIN_MS	1000

/* The escape delay: the key parser waits this long for the rest of an
 * escape sequence (UI_LINK_SPLIT_MS while a question is out). */
#define UI_LINK_ESC_MS		25

/* A terminal that has not answered the first question in this long
 * does not answer: no more questions. */
#define UI_LINK_MUTE_MS		30000

/* At exit, the answer to a question out is waited for this long at most. */
#define UI_LINK_DRAIN_MS	1000

/* The first frugal spell; each one that ends in another doubles it. */
#define UI_LINK_HOLD_MS		60000
#define UI_LINK_HOLD_MAX_MS	(16 * 60000)

/* A spell that starts within this long of the last one's end doubles. */
#define UI_LINK_RELAPSE_MS	120000

/*
 * Record a question asked at pace: the next tag, the newest question out.
 * A tag still out from UI_LINK_TAGS questions ago is taken over (lost).
 */
unsigned
ui_link_asked(struct ui *u, uint64_t pace)
{
	struct ui_link	*l = &u->link;
	unsigned	 t = (unsigned)(l->asked % UI_LINK_TAGS);

	if (pace == 0)
		pace = 1;	/* 0 means none out */
	l->q_ms[t] = pace;
	l->q_seq[t] = ++l->asked;
	l->tag = t;
	l->sent_ms = pace;
	return (t);
}

/* Ask the terminal to answer once it has shown what came before. */
static void
ui_link_ask(struct ui *u)
{
	char		 q[32];
	unsigned	 t = (unsigned)(u->link.asked % UI_LINK_TAGS);
	int		 n;

	/* Tag 0: DSR 5. Else a cursor report from row t, column 1: the
	 * cursor saved before (DECSC) and restored after (DECRC). */
	if (t == 0)
		n = snprintf(q, sizeof(q), "\033[5n");
	else
		n = snprintf(q, sizeof(q), "\0337\033[%u;1H\033[6n\0338", t);
	if (write(STDOUT_FILENO, q, (size_t)n) == (ssize_t)n) {
		(void)ui_link_asked(u, clock_pace_ms());
		set_escdelay(UI_LINK_SPLIT_MS);
	}
}

/* Teach curses' key parser the answers: each tag's is a key of its own. */
void
ui_link_keys(void)
{
	char		key[16];
	unsigned	t;

	define_key("\033[0n", UI_KEY_LINK);
	for (t = 1; t < UI_LINK_TAGS; t++) {
		snprintf(key, sizeof(key), "\033[%u;1R", t);
		define_key(key, UI_KEY_LINK + (int)t);
	}
}

/*
 * Set the link up for mode: the answer's key, frugal for --link slow.
 * The first question goes before the first frame: its answer, back at
 * once, says the terminal answers, so that the first frames (a whole
 * screen) are waited for already.
 */
void
ui_link_init(struct ui *u, enum ui_link_mode mode)
{
	memset(&u->link, 0, sizeof(u->link));
	u->link.mode = mode;
	u->link.hold_ms = UI_LINK_HOLD_MS;
	u->frugal = mode == UI_LINK_SLOW;
	if (mode == UI_LINK_FAST)
		return;
	ui_link_keys();
	ui_link_ask(u);
}

/* Count of the slow ones among the last four samples. */
static int
ui_link_slow_count(unsigned bits)
{
	int	n = 0;

	for (bits &= 0xf; bits != 0; bits >>= 1)
		n += bits & 1;
	return (n);
}

/*
 * Take one sample of the link (a round trip or a blocked write of ms) and
 * judge it: turn frugal, or back after the spell. UI_REDRAW if that
 * changed what is drawn.
 */
static int
ui_link_judge(struct ui *u, uint64_t pace, int sample, uint64_t ms)
{
	struct ui_link	*l = &u->link;

	if (sample)
		l->slow = (l->slow << 1) | (ms >= UI_LINK_SLOW_MS);
	if (l->mode != UI_LINK_AUTO)
		return (0);
	if (!u->frugal && sample && (ms >= UI_LINK_VERY_SLOW_MS ||
	    ui_link_slow_count(l->slow) >= 3)) {
		if (l->frugal_end != 0 &&
		    pace - l->frugal_end < UI_LINK_RELAPSE_MS)
			l->hold_ms = l->hold_ms * 2 > UI_LINK_HOLD_MAX_MS ?
			    UI_LINK_HOLD_MAX_MS : l->hold_ms * 2;
		else
			l->hold_ms = UI_LINK_HOLD_MS;
		u->frugal = 1;
		l->frugal_until = pace + l->hold_ms;
		l->spells++;
		return (UI_REDRAW);
	}
	if (u->frugal && pace >= l->frugal_until) {
		u->frugal = 0;
		l->frugal_end = pace;
		l->slow = 0;
		return (UI_REDRAW);
	}
	return (0);
}

/*
 * A frame went out (ui_draw), its write blocked for blocked_ms: ask the
 * terminal to say when it has shown it, unless a question is out.
 */
void
ui_link_sent(struct ui *u, uint64_t blocked_ms)
{
	struct ui_link	*l = &u->link;
	uint64_t	 pace = clock_pace_ms();

	l->frames++;
	if (blocked_ms >= UI_LINK_SLOW_MS)
		l->flags |= ui_link_judge(u, pace, 1, blocked_ms);
	else
		l->flags |= ui_link_judge(u, pace, 0, 0);
	if (l->mode == UI_LINK_FAST || l->mute)
		return;
	if (l->sent_ms != 0) {
		if (l->answers == 0 && pace - l->sent_ms >= UI_LINK_MUTE_MS) {
			l->mute = 1;
			set_escdelay(UI_LINK_ESC_MS);
			return;
		}
		if (l->answers == 0 || pace - l->sent_ms < ui_link_cap(u))
			return;
		l->lost++;	/* asked again below, with a new tag */
	}
	/* After doupdate: curses has written the frame out. */
	ui_link_ask(u);
}

/*
 * Before leaving curses: wait a little for the answer to a question out,
 * so that it does not land in the shell's input as typed text.
 */
void
ui_link_drain(struct ui *u)
{
	struct ui_link	*l = &u->link;
	struct pollfd	 pfd;
	uint64_t	 end;
	int		 key;

	if (l->sent_ms == 0 || l->answers == 0)
		return;
	end = clock_pace_ms() + (l->rtt_ms * 2 + 200 < UI_LINK_DRAIN_MS ?
	    l->rtt_ms * 2 + 200 : UI_LINK_DRAIN_MS);
	while (l->sent_ms != 0 && clock_pace_ms() < end) {
		pfd.fd = STDIN_FILENO;
		pfd.events = POLLIN;
		if (poll(&pfd, 1, (int)(end - clock_pace_ms())) <= 0)
			break;
		while ((key = wgetch(stdscr)) != ERR) {
			if (UI_KEY_IS_LINK(key))
				(void)ui_link_answer(u, key);
		}
	}
}

/*
 * The terminal answered the question of tag at pace: it has shown what
 * came before it. The older questions still out were lost (answers come
 * in order). An answer to no question out is counted and dropped.
 */
int
ui_link_answered(struct ui *u, unsigned tag, uint64_t pace)
{
	struct ui_link	*l = &u->link;
	uint64_t	 seq;
	unsigned	 t;
	int		 flags;

	if (tag >= UI_LINK_TAGS || l->q_ms[tag] == 0) {
		l->stray++;
		return (0);
	}
	seq = l->q_seq[tag];
	l->rtt_ms = pace > l->q_ms[tag] ? pace - l->q_ms[tag] : 0;
	for (t = 0; t < UI_LINK_TAGS; t++) {
		if (l->q_ms[t] != 0 && l->q_seq[t] <= seq)
			l->q_ms[t] = 0;
	}
	if (seq == l->asked)
		l->sent_ms = 0;		/* the newest: all shown */
	l->rtts[l->nrtts++ % UI_LINK_RTTS] = l->rtt_ms;
	if (l->nrtts >= 2 * UI_LINK_RTTS)
		l->nrtts -= UI_LINK_RTTS;	/* stays in the ring, full */
	l->answers++;
	flags = ui_link_judge(u, pace, 1, l->rtt_ms) | l->flags;
	l->flags = 0;
	return (flags);
}

/* The terminal's answer key (ui_input): ui_link_answered, now. */
int
ui_link_answer(struct ui *u, int key)
{
	int	flags;

	flags = ui_link_answered(u, (unsigned)(key - UI_KEY_LINK),
	    clock_pace_ms());
	if (u->link.sent_ms == 0)
		set_escdelay(UI_LINK_ESC_MS);	/* nothing more to split */
	return (flags);
}

/*
 * How long a frame may wait for the newest answer: UI_LINK_WAIT_MS on a
 * slow link; while answers are fast, UI_LINK_CAP_RTTS times the slowest
 * recent round trip, at least UI_LINK_CAP_MIN_MS.
 */
uint64_t
ui_link_cap(const struct ui *u)
{
	const struct ui_link	*l = &u->link;
	uint64_t		 most = 0, cap;
	unsigned		 i, n;

	n = l->nrtts < UI_LINK_RTTS ? l->nrtts : UI_LINK_RTTS;
	if (u->frugal || n == 0)
		return (UI_LINK_WAIT_MS);
	for (i = 0; i < n; i++)
		if (l->rtts[i] > most)
			most = l->rtts[i];
	cap = most * UI_LINK_CAP_RTTS;
	if (cap < UI_LINK_CAP_MIN_MS)
		cap = UI_LINK_CAP_MIN_MS;
	return (cap < UI_LINK_WAIT_MS ? cap : UI_LINK_WAIT_MS);
}

/*
 * What of s the operator must see at once, as a number that changes with
 * it: each venue's link state and the ids of its open alerts (FNV-1a).
 */
uint64_t
ui_link_sign(const struct store *s)
{
	uint64_t	 h = 14695981039346656037ULL;
	unsigned	 i, j;

#define UI_LINK_MIX(x) (h = (h ^ (uint64_t)(x)) * 1099511628211ULL)
	UI_LINK_MIX(s->nvenues);
	for (i = 0; i < s->nvenues && i < STORE_VENUES_MAX; i++) {
		const struct store_venue *v = s->venues[i];

		UI_LINK_MIX(v->link);
		for (j = 0; j < v->nalerts; j++)
			if (store_alert_unattended(&v->alerts[j]))
				UI_LINK_MIX(v->alerts[j].id);
		UI_LINK_MIX(~0ULL);
	}
#undef UI_LINK_MIX
	return (h);
}

/*
 * Whether s differs from the last frame in what must be seen at once, so
 * that the frame goes without waiting for the answer. Once per question
 * out: more changes before its answer go in the frame after it, so that a
 * busy slow link is not flooded with frames.
 */
int
ui_link_urgent(struct ui *u, const struct store *s)
{
	struct ui_link	*l = &u->link;

	if (l->mode == UI_LINK_FAST || ui_link_sign(s) == l->shown)
		return (0);
	if (l->sent_ms != 0 && l->bypass == l->asked)
		return (0);
	l->bypass = l->asked;
	return (1);
}

/* A frame of s was drawn: what ui_link_urgent compares with. */
void
ui_link_shown(struct ui *u, const struct store *s)
{
	if (u->link.mode != UI_LINK_FAST)
		u->link.shown = ui_link_sign(s);
}

/*
 * Whether a frame must wait for the terminal at pace_ms (real time): 0 if
 * it may go now, else the ms to wait at most (the answer wakes the loop
 * sooner, through the terminal's input).
 */
int
ui_link_wait(struct ui *u, uint64_t pace_ms)
{
	const struct ui_link	*l = &u->link;
	uint64_t		 waited;

	if (l->mode == UI_LINK_FAST || l->sent_ms == 0 || l->answers == 0)
		return (0);
	waited = pace_ms > l->sent_ms ? pace_ms - l->sent_ms : 0;
	if (waited >= ui_link_cap(u))
		return (0);
	return ((int)(ui_link_cap(u) - waited));
}

/* The link in words, for the diagnostics view. */
void
ui_link_describe(const struct ui *u, char *buf, size_t len)
{
	const struct ui_link	*l = &u->link;
	static const char *const modes[] = {
		[UI_LINK_AUTO] = "auto", [UI_LINK_SLOW] = "slow",
		[UI_LINK_FAST] = "fast"
	};
	size_t			 n;

	snprintf(buf, len, "Terminal link: %s%s", modes[l->mode],
	    u->frugal ? ", map in flat fills (slow link)" : "");
	n = strlen(buf);
	if (l->mode == UI_LINK_FAST)
		snprintf(buf + n, len - n, ", every frame sent at once");
	else if (l->answers == 0)
		snprintf(buf + n, len - n, ", %s", l->mute ?
		    "the terminal does not answer: frames do not wait" :
		    "no answer from the terminal yet");
	else
		snprintf(buf + n, len - n, "; last frame shown %llu ms after "
		    "it was sent (%llu answer%s, %llu lost)",
		    (unsigned long long)l->rtt_ms,
		    (unsigned long long)l->answers, l->answers == 1 ? "" : "s",
		    (unsigned long long)l->lost);
	n = strlen(buf);
	if (l->spells > 0)
		snprintf(buf + n, len - n, "; found slow %u time%s",
		    l->spells, l->spells == 1 ? "" : "s");
}
