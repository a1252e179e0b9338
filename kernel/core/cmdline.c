/* Kernel command-line words (see bh/cmdline.h). */
#include <bh/cmdline.h>
#include <bh/lib.h>

#define CMDLINE_MAX 256u

static char line[CMDLINE_MAX];

static bool is_image_path(const char *w, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (w[i] == '/')
			return true;
	return n >= 4 && !strncmp(w + n - 4, ".elf", 4);
}

void cmdline_init(const char *cmdline)
{
	size_t n = 0;

	line[0] = '\0';
	if (!cmdline)
		return;
	while (*cmdline == ' ')
		cmdline++;
	while (cmdline[n] && cmdline[n] != ' ')
		n++;
	if (is_image_path(cmdline, n))
		cmdline += n;
	for (n = 0; cmdline[n] && n + 1 < CMDLINE_MAX; n++)
		line[n] = cmdline[n];
	line[n] = '\0';
}

/* Find `name` as a whole word or as the key of key=value; return its end. */
static const char *find_word(const char *name)
{
	size_t len = strlen(name);

	for (const char *w = line; *w;) {
		while (*w == ' ')
			w++;
		if (!strncmp(w, name, len) && (w[len] == ' ' || w[len] == '=' || !w[len]))
			return w + len;
		while (*w && *w != ' ')
			w++;
	}
	return NULL;
}

bool cmdline_flag(const char *name)
{
	const char *e = find_word(name);

	return e && *e != '=';
}

uint32_t cmdline_uint(const char *key, uint32_t def)
{
	const char *e = find_word(key);
	uint32_t v = 0;

	if (!e || *e != '=' || e[1] < '0' || e[1] > '9')
		return def;
	for (e++; *e >= '0' && *e <= '9'; e++) {
		uint32_t d = (uint32_t)(*e - '0');
		if (v > (UINT32_MAX - d) / 10)
			return def;
		v = v * 10 + d;
	}
	return (*e == ' ' || !*e) ? v : def;
}
