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
 * older ones. A new critical alert and the user's own keys do not wait.
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

/* Ask the terminal to answer once it has shown what came before. */
static void
ui_link_ask(struct ui *u)
{
	static const char dsr[] = "\033[5n";

	if (write(STDOUT_FILENO, dsr, sizeof(dsr) - 1) ==
	    (ssize_t)sizeof(dsr) - 1)
		u->link.sent_ms = clock_pace_ms();
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
	define_key("\033[0n", UI_KEY_LINK);
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
		if (l->answers == 0 && pace - l->sent_ms >= UI_LINK_MUTE_MS)
			l->mute = 1;
		if (l->answers == 0 || pace - l->sent_ms < UI_LINK_WAIT_MS)
			return;
		l->lost++;	/* asked again below */
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
			if (key == UI_KEY_LINK)
				l->sent_ms = 0;
		}
	}
}

/* The terminal answered (ui_input): it has shown what came before. */
int
ui_link_answer(struct ui *u)
{
	struct ui_link	*l = &u->link;
	uint64_t	 pace = clock_pace_ms();
	int		 flags;

	if (l->sent_ms == 0)
		return (0);
	l->rtt_ms = pace - l->sent_ms;
	l->sent_ms = 0;
	l->answers++;
	flags = ui_link_judge(u, pace, 1, l->rtt_ms) | l->flags;
	l->flags = 0;
	return (flags);
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
	if (waited >= UI_LINK_WAIT_MS)
		return (0);
	return ((int)(UI_LINK_WAIT_MS - waited));
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
		    "it was sent (%llu answer%s)",
		    (unsigned long long)l->rtt_ms,
		    (unsigned long long)l->answers, l->answers == 1 ? "" : "s");
	n = strlen(buf);
	if (l->spells > 0)
		snprintf(buf + n, len - n, "; found slow %u time%s",
		    l->spells, l->spells == 1 ? "" : "s");
}
