/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * fuzz-seeds.c: write the fuzz targets' seed corpora from what the repo
 * already holds, so no binary seed is committed.
 *
 *   fuzz-seeds SRCDIR OUTDIR
 *
 * writes OUTDIR/TARGET/ for each target:
 *   codec           every hex block of proto/PROTOCOL.md's worked examples
 *                   as bytes, and the body of each stream message without
 *                   its topic (a REQ/REP body);
 *   ingest-json     frames of readings played from the demo scenarios
 *                   (scenario_step, scenario_json): one reading of each kind
 *                   and whole ticks;
 *   ingest-msgpack  the same frames packed as msgpack;
 *   replay          JSON-lines files of those frames with their times;
 *   vconf, cconf    the configs in conf/ and the literal examples of
 *                   man/fohd.conf.5 and man/foh.conf.5;
 *   theme, scenario themes/ and scenarios/ as they are;
 *   sshsig          a mode byte (fuzz-sshsig.c), then an SSHSIG blob, its
 *                   armor, a public key line or an openssh-key-v1 private
 *                   key file, of a key made here from a fixed seed.
 *
 * Built with the ordinary compiler against the ordinary libraries: it is a
 * tool of `make fuzz`, not a fuzz target.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>
#include <msgpack.h>
#include <sodium.h>

#include "console/demo.h"
#include "lib/sshsig.h"
#include "sim/scenario.h"

#define SEEDS_KIND_EACH	3	/* single-reading frames per kind */
#define SEEDS_TICKS	8	/* whole-tick frames per venue */
#define SEEDS_KEY_MAX	512	/* an Ed25519 openssh-key-v1, decoded */

static const char	*seeds_out;
static unsigned		 seeds_n;

/* Exit with a message. */
static void __attribute__((noreturn, format(printf, 1, 2)))
seeds_die(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	fputs("fuzz-seeds: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(1);
}

/* Make OUTDIR/dir. */
static void
seeds_mkdir(const char *dir)
{
	char	path[4096];

	snprintf(path, sizeof(path), "%s/%s", seeds_out, dir);
	if (mkdir(path, 0777) != 0 && errno != EEXIST)
		seeds_die("%s: %s", path, strerror(errno));
}

/* Write len bytes as OUTDIR/dir/name. */
static void
seeds_write(const char *dir, const char *name, const void *data, size_t len)
{
	char	 path[4096];
	FILE	*f;

	snprintf(path, sizeof(path), "%s/%s/%s", seeds_out, dir, name);
	if ((f = fopen(path, "wb")) == NULL)
		seeds_die("%s: %s", path, strerror(errno));
	if (fwrite(data, 1, len, f) != len || fclose(f) != 0)
		seeds_die("%s: write failed", path);
	seeds_n++;
}

/* A whole file; NULL if it cannot be read. The caller frees it. */
static char *
seeds_read(const char *path, size_t *lenp)
{
	FILE	*f;
	char	*buf = NULL;
	size_t	 len = 0, cap = 0, n;

	if ((f = fopen(path, "rb")) == NULL)
		return (NULL);
	for (;;) {
		if (len + 4096 + 1 > cap) {
			cap = (len + 4096 + 1) * 2;
			if ((buf = realloc(buf, cap)) == NULL)
				seeds_die("out of memory");
		}
		if ((n = fread(buf + len, 1, 4096, f)) == 0)
			break;
		len += n;
	}
	fclose(f);
	buf[len] = '\0';
	if (lenp != NULL)
		*lenp = len;
	return (buf);
}

/* Copy SRCDIR/from into OUTDIR/dir under its base name. */
static void
seeds_copy(const char *top, const char *from, const char *dir)
{
	char		 path[4096];
	const char	*base;
	char		*text;
	size_t		 len;

	snprintf(path, sizeof(path), "%s/%s", top, from);
	if ((text = seeds_read(path, &len)) == NULL)
		seeds_die("%s: %s", path, strerror(errno));
	base = strrchr(from, '/') != NULL ? strrchr(from, '/') + 1 : from;
	seeds_write(dir, base, text, len);
	free(text);
}

/* Each ```hex block of PROTOCOL.md as bytes, and stream bodies bare. */
static void
seeds_codec(const char *top)
{
	char		 path[4096], name[64], *text, *p, *end;
	unsigned char	 bin[64 * 1024];
	unsigned	 blocks = 0, v;
	size_t		 n, i;

	seeds_mkdir("codec");
	snprintf(path, sizeof(path), "%s/proto/PROTOCOL.md", top);
	if ((text = seeds_read(path, NULL)) == NULL)
		seeds_die("%s: %s", path, strerror(errno));
	for (p = text; (p = strstr(p, "\n```hex\n")) != NULL; p = end) {
		p += 8;
		if ((end = strstr(p, "\n```")) == NULL)
			seeds_die("%s: a hex block does not end", path);
		n = 0;
		while (p < end) {
			if (isspace((unsigned char)*p)) {
				p++;
				continue;
			}
			if (sscanf(p, "%2x", &v) != 1 || n == sizeof(bin))
				seeds_die("%s: bad hex at \"%.8s\"", path, p);
			bin[n++] = (unsigned char)v;
			p += 2;
		}
		snprintf(name, sizeof(name), "example-%02u.bin", ++blocks);
		seeds_write("codec", name, bin, n);
		if (n > 4 && memcmp(bin, "foh/", 4) == 0) {
			for (i = 0; i < n && bin[i] != 0; i++)
				continue;
			snprintf(name, sizeof(name), "example-%02u-body.bin",
			    blocks);
			if (i + 1 < n)
				seeds_write("codec", name, bin + i + 1,
				    n - i - 1);
		}
	}
	free(text);
	if (blocks == 0)
		seeds_die("%s: no hex examples", path);
}

/* Pack a JSON value as msgpack (integers as ints, reals as float64). */
static void
seeds_pack(msgpack_packer *pk, json_t *v)
{
	const char	*key;
	json_t		*e;
	size_t		 i;

	switch (json_typeof(v)) {
	case JSON_OBJECT:
		msgpack_pack_map(pk, json_object_size(v));
		json_object_foreach(v, key, e) {
			msgpack_pack_str_with_body(pk, key, strlen(key));
			seeds_pack(pk, e);
		}
		break;
	case JSON_ARRAY:
		msgpack_pack_array(pk, json_array_size(v));
		json_array_foreach(v, i, e)
			seeds_pack(pk, e);
		break;
	case JSON_STRING:
		msgpack_pack_str_with_body(pk, json_string_value(v),
		    json_string_length(v));
		break;
	case JSON_INTEGER:
		msgpack_pack_int64(pk, json_integer_value(v));
		break;
	case JSON_REAL:
		msgpack_pack_double(pk, json_real_value(v));
		break;
	case JSON_TRUE:
		msgpack_pack_true(pk);
		break;
	case JSON_FALSE:
		msgpack_pack_false(pk);
		break;
	default:
		msgpack_pack_nil(pk);
		break;
	}
}

/* Write one frame as JSON and as msgpack, and add it to the replay file. */
static void
seeds_frame(const struct reading_batch *b, const char *name, FILE *replay)
{
	static char	 buf[READING_FRAME_MAX];
	char		 file[128];
	size_t		 n;
	json_t		*v;
	msgpack_sbuffer	 sb;
	msgpack_packer	 pk;

	if ((n = scenario_json(b, buf, sizeof(buf))) == 0 || n >= sizeof(buf))
		seeds_die("%s: frame does not fit", name);
	snprintf(file, sizeof(file), "%s.json", name);
	seeds_write("ingest-json", file, buf, n);
	if (replay != NULL)
		fprintf(replay, "%s\n", buf);
	if ((v = json_loadb(buf, n, 0, NULL)) == NULL)
		seeds_die("%s: scenario_json wrote bad JSON", name);
	msgpack_sbuffer_init(&sb);
	msgpack_packer_init(&pk, &sb, msgpack_sbuffer_write);
	seeds_pack(&pk, v);
	snprintf(file, sizeof(file), "%s.mp", name);
	seeds_write("ingest-msgpack", file, sb.data, sb.size);
	msgpack_sbuffer_destroy(&sb);
	json_decref(v);
}

/* Play a demo scenario; write single readings and whole ticks. */
static void
seeds_play(const struct demo_venue *dv, struct reading_batch *b,
    struct reading_batch *one)
{
	struct vconf	 *conf;
	struct scenario	  s;
	char		  err[512], name[128], path[4096];
	unsigned	  seen[READING_KIND_COUNT] = { 0 }, ticks = 0, i, k;
	uint64_t	  t0 = 1718000000000ULL;
	double		  t_s;
	FILE		 *replay;

	if ((conf = calloc(1, sizeof(*conf))) == NULL)
		seeds_die("out of memory");
	if (vconf_load_string(conf, dv->file, dv->text, err, sizeof(err)) != 0)
		seeds_die("%s", err);
	if (scenario_load_string(&s, dv->scenario_file, dv->scenario_text,
	    conf, err, sizeof(err)) != 0)
		seeds_die("%s", err);
	snprintf(path, sizeof(path), "%s/replay/%s.jsonl", seeds_out,
	    dv->name);
	if ((replay = fopen(path, "w")) == NULL)
		seeds_die("%s: %s", path, strerror(errno));
	seeds_n++;
	for (t_s = 0; t_s <= s.duration_s; t_s += s.tick_ms / 1000.0) {
		b->n = 0;
		b->npool = 0;
		if (scenario_step(&s, t_s, t0 + (uint64_t)(t_s * 1000), b) < 0)
			seeds_die("%s: scenario_step failed", dv->name);
		for (i = 0; i < b->n; i++) {
			k = b->r[i].kind;
			if (k >= READING_KIND_COUNT ||
			    seen[k] >= SEEDS_KIND_EACH)
				continue;
			memcpy(one, b, sizeof(*one));
			one->r[0] = b->r[i];
			one->n = 1;
			snprintf(name, sizeof(name), "%s-%s-%u", dv->name,
			    reading_kind_name(k), seen[k]++);
			seeds_frame(one, name, replay);
		}
		if (ticks < SEEDS_TICKS && b->n > 0 &&
		    ((unsigned)(t_s * 1000) % 600000) == 0) {
			snprintf(name, sizeof(name), "%s-tick-%u", dv->name,
			    ticks++);
			seeds_frame(b, name, ticks < 3 ? replay : NULL);
		}
	}
	fclose(replay);
	scenario_free(&s);
	free(conf);
}

/* The literal blocks of a man page that look like config files. */
static void
seeds_man(const char *top, const char *page, const char *dir)
{
	char	 path[4096], name[128], *text, *p, *end;
	unsigned n = 0;

	snprintf(path, sizeof(path), "%s/man/%s", top, page);
	if ((text = seeds_read(path, NULL)) == NULL)
		seeds_die("%s: %s", path, strerror(errno));
	for (p = text; (p = strstr(p, "\n.Bd -literal")) != NULL; p = end) {
		p = strchr(p + 1, '\n');
		if (p == NULL || (end = strstr(p, "\n.Ed")) == NULL)
			break;
		p++;
		if (*p != '[')
			continue;
		snprintf(name, sizeof(name), "%s-%u", page, ++n);
		seeds_write(dir, name, p, (size_t)(end - p) + 1);
	}
	free(text);
}

/* Append an SSH uint32 to buf at *off. */
static void
seeds_u32(uint8_t *buf, size_t *off, uint32_t v)
{
	buf[(*off)++] = (uint8_t)(v >> 24);
	buf[(*off)++] = (uint8_t)(v >> 16);
	buf[(*off)++] = (uint8_t)(v >> 8);
	buf[(*off)++] = (uint8_t)v;
}

/* Append an SSH string to buf at *off. */
static void
seeds_str(uint8_t *buf, size_t *off, const void *s, size_t n)
{
	seeds_u32(buf, off, (uint32_t)n);
	memcpy(buf + *off, s, n);
	*off += n;
}

/* Write mode byte, then data, as OUTDIR/sshsig/name. */
static void
seeds_mode(const char *name, int mode, const void *data, size_t len)
{
	uint8_t	*buf;

	if ((buf = malloc(len + 1)) == NULL)
		seeds_die("out of memory");
	buf[0] = (uint8_t)mode;
	memcpy(buf + 1, data, len);
	seeds_write("sshsig", name, buf, len + 1);
	free(buf);
}

/*
 * The text of an unencrypted OpenSSH private key file holding k
 * (PROTOCOL.key): header, the decoded bytes in base64 lines of 70, footer.
 */
static size_t
seeds_keyfile(const struct sshsig_seckey *k, char *out, size_t outlen)
{
	uint8_t	bin[SEEDS_KEY_MAX], list[256], blob[SSHSIG_KEYBLOB_LEN];
	char	b64[SEEDS_KEY_MAX * 2];
	size_t	n = 0, ln = 0, i, off;

	sshsig_pubkey_blob(&k->pub, blob);
	seeds_u32(list, &ln, 0x5eed5eed);
	seeds_u32(list, &ln, 0x5eed5eed);
	seeds_str(list, &ln, "ssh-ed25519", 11);
	seeds_str(list, &ln, k->pub.pk, SSHSIG_PK_LEN);
	seeds_str(list, &ln, k->sk, SSHSIG_SK_LEN);
	seeds_str(list, &ln, "fuzz@seed", 9);
	for (i = 1; ln % 8 != 0; i++)
		list[ln++] = (uint8_t)i;
	memcpy(bin, "openssh-key-v1", 15);
	n = 15;
	seeds_str(bin, &n, "none", 4);
	seeds_str(bin, &n, "none", 4);
	seeds_str(bin, &n, "", 0);
	seeds_u32(bin, &n, 1);
	seeds_str(bin, &n, blob, sizeof(blob));
	seeds_str(bin, &n, list, ln);
	sodium_bin2base64(b64, sizeof(b64), bin, n,
	    sodium_base64_VARIANT_ORIGINAL);
	off = (size_t)snprintf(out, outlen, "-----BEGIN OPENSSH PRIVATE "
	    "KEY-----\n");
	for (i = 0; i < strlen(b64); i += 70)
		off += (size_t)snprintf(out + off, outlen - off, "%.70s\n",
		    b64 + i);
	off += (size_t)snprintf(out + off, outlen - off, "-----END OPENSSH "
	    "PRIVATE KEY-----\n");
	return (off);
}

/* sshsig's seeds: a blob, its armor, a public line, a private key file. */
static void
seeds_sshsig(void)
{
	struct sshsig_seckey	k;
	struct sshsig_seckey	back;
	uint8_t			seed[32], blob[SSHSIG_BLOB_MAX];
	uint8_t			kb[SSHSIG_KEYBLOB_LEN];
	char			text[2048], b64[128], err[256];
	size_t			n, tn;

	if (sshsig_init() != 0)
		seeds_die("sshsig_init failed");
	memset(&k, 0, sizeof(k));
	memset(seed, 0x5e, sizeof(seed));
	crypto_sign_ed25519_seed_keypair(k.pub.pk, k.sk, seed);
	sshsig_fingerprint(k.pub.pk, k.pub.fp, sizeof(k.pub.fp));
	seeds_mkdir("sshsig");
	if (sshsig_sign(&k, SSHSIG_NAMESPACE, "fuzz", 4, blob, sizeof(blob),
	    &n, err, sizeof(err)) != 0)
		seeds_die("sshsig seed: %s", err);
	seeds_mode("blob", 0, blob, n);
	tn = sshsig_armor(blob, n, text, sizeof(text));
	seeds_mode("armor", 1, text, tn);
	sshsig_pubkey_blob(&k.pub, kb);
	sodium_bin2base64(b64, sizeof(b64), kb, sizeof(kb),
	    sodium_base64_VARIANT_ORIGINAL);
	tn = (size_t)snprintf(text, sizeof(text), "ssh-ed25519 %s fuzz@seed\n",
	    b64);
	seeds_mode("pubkey", 2, text, tn);
	tn = seeds_keyfile(&k, text, sizeof(text));
	if (sshsig_seckey_parse(&back, text, tn, err, sizeof(err)) != 0)
		seeds_die("sshsig seed key file: %s", err);
	seeds_mode("seckey", 3, text, tn);
	sshsig_seckey_wipe(&back);
	sshsig_seckey_wipe(&k);
}

/* Write every target's seeds. */
int
main(int argc, char **argv)
{
	static const char	*themes[] = { "dark", "light", "high-contrast",
				    "colorblind", "mono" };
	struct reading_batch	*b, *one;
	char			 path[4096];
	unsigned		 i;

	if (argc != 3) {
		fprintf(stderr, "usage: fuzz-seeds SRCDIR OUTDIR\n");
		return (2);
	}
	seeds_out = argv[2];
	if (mkdir(seeds_out, 0777) != 0 && errno != EEXIST)
		seeds_die("%s: %s", seeds_out, strerror(errno));
	seeds_codec(argv[1]);
	seeds_mkdir("ingest-json");
	seeds_mkdir("ingest-msgpack");
	seeds_mkdir("replay");
	seeds_mkdir("vconf");
	seeds_mkdir("cconf");
	seeds_mkdir("theme");
	seeds_mkdir("scenario");
	seeds_sshsig();
	if ((b = malloc(sizeof(*b))) == NULL ||
	    (one = malloc(sizeof(*one))) == NULL)
		seeds_die("out of memory");
	for (i = 0; i < demo_nvenues; i++) {
		seeds_play(&demo_venues[i], b, one);
		snprintf(path, sizeof(path), "%s", demo_venues[i].file);
		seeds_copy(argv[1], path, "vconf");
		seeds_copy(argv[1], demo_venues[i].scenario_file, "scenario");
	}
	seeds_man(argv[1], "fohd.conf.5", "vconf");
	seeds_man(argv[1], "foh.conf.5", "cconf");
	for (i = 0; i < sizeof(themes) / sizeof(themes[0]); i++) {
		snprintf(path, sizeof(path), "themes/%s.theme", themes[i]);
		seeds_copy(argv[1], path, "theme");
	}
	free(b);
	free(one);
	printf("fuzz-seeds: %u seeds in %s\n", seeds_n, seeds_out);
	return (0);
}
