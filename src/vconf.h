/*
 * vconf.h: a venue's configuration (fohd.conf), read with inih.
 *
 *   [venue]                      [zone ID]
 *   id = arena                   name = Floor
 *   name = City Arena            rect = 10,6,20,10   ; x,y,w,h grid cells
 *   grid = 40x20                 area_m2 = 1200
 *   stream = tcp://...:7601      kind = standing      ; walkway|standing|queue
 *   control = tcp://...:7602     capacity = 4800
 *   heartbeat_ms = 1000          surge = yes          ; the simulator surges it
 *   tick_ms = 250
 *   seed = 1
 *
 * Every error names file:line and what is wrong.
 */
#ifndef FOH_VCONF_H
#define FOH_VCONF_H

#include <stdint.h>

#include "foh-proto.h"

#define VCONF_URL_MAX	256

struct vconf {
	char		id[FOHP_ID_MAX];
	struct fohp_layout layout;		/* name, grid, zones */
	char		stream[VCONF_URL_MAX];	/* PUB listen URL */
	char		control[VCONF_URL_MAX];	/* REP listen URL */
	uint32_t	hb_ms;			/* heartbeat interval */
	uint32_t	tick_ms;		/* simulator step */
	uint64_t	seed;			/* simulator seed */
	int		surge;			/* zone index that surges, -1 */
};

/*
 * Read a venue config from a file. On error returns -1 and writes
 * "FILE:LINE: what" into err.
 */
int	vconf_load_file(struct vconf *, const char *path, char *err,
	    size_t errlen);

/* The same from a string; name stands in for the file name in errors. */
int	vconf_load_string(struct vconf *, const char *name, const char *text,
	    char *err, size_t errlen);

#endif
