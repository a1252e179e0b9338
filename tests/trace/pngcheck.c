/*
 * pngcheck IMAGE.png TIMELINE.svg: is a rendering of bhtrace's SVG a real
 * picture? The image must be as large as the SVG says, not blank (enough
 * pixels that are not the white background), and each lane the SVG
 * declares (<g class="lane" data-lane=.. data-y0/y1 data-x0/x1
 * data-color=..>) must show its own colour inside its box: the kernel lane
 * its label, each partition lane the time it ran. Prints one line per
 * lane; exit 0 if all is well.
 */
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct img {
	png_uint_32 w, h;
	png_bytep px; /* RGBA */
};

static int load_png(const char *path, struct img *im)
{
	png_image pi;

	memset(&pi, 0, sizeof(pi));
	pi.version = PNG_IMAGE_VERSION;
	if (!png_image_begin_read_from_file(&pi, path))
		return -1;
	pi.format = PNG_FORMAT_RGBA;
	im->w = pi.width;
	im->h = pi.height;
	im->px = malloc(PNG_IMAGE_SIZE(pi));
	if (!im->px || !png_image_finish_read(&pi, NULL, im->px, 0, NULL))
		return -1;
	return 0;
}

static char *read_text(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (!f || fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET))
		return NULL;
	buf = malloc((size_t)n + 1);
	if (buf && fread(buf, 1, (size_t)n, f) == (size_t)n)
		buf[n] = '\0';
	fclose(f);
	return buf;
}

static int near(const png_byte *p, unsigned rgb)
{
	int dr = p[0] - (int)(rgb >> 16 & 0xFF), dg = p[1] - (int)(rgb >> 8 & 0xFF),
	    db = p[2] - (int)(rgb & 0xFF);

	return dr * dr + dg * dg + db * db < 30 * 30;
}

/* Pixels of colour rgb in the box. */
static unsigned long count_color(const struct img *im, unsigned x0, unsigned y0, unsigned x1,
				 unsigned y1, unsigned rgb)
{
	unsigned long n = 0;

	for (unsigned y = y0; y < y1 && y < im->h; y++)
		for (unsigned x = x0; x < x1 && x < im->w; x++)
			n += near(im->px + 4 * ((size_t)y * im->w + x), rgb);
	return n;
}

static unsigned long count_ink(const struct img *im)
{
	unsigned long n = 0;

	for (size_t i = 0; i < (size_t)im->w * im->h; i++)
		n += !near(im->px + 4 * i, 0xFFFFFF);
	return n;
}

/* The value of attribute `key="..."` in the tag at p. */
static const char *attr(const char *p, const char *key, char *out, size_t len)
{
	char pat[32];
	const char *s, *end = strchr(p, '>');

	snprintf(pat, sizeof(pat), " %s=\"", key);
	s = strstr(p, pat);
	if (!s || !end || s > end)
		return NULL;
	s += strlen(pat);
	size_t n = strcspn(s, "\"");
	snprintf(out, len, "%.*s", (int)(n < len ? n : len - 1), s);
	return out;
}

static int check_lane(const struct img *im, const char *g)
{
	char name[64], y0[16], y1[16], x0[16], x1[16], color[16];

	if (!attr(g, "data-lane", name, sizeof(name)) || !attr(g, "data-y0", y0, sizeof(y0)) ||
	    !attr(g, "data-y1", y1, sizeof(y1)) || !attr(g, "data-x0", x0, sizeof(x0)) ||
	    !attr(g, "data-x1", x1, sizeof(x1)) || !attr(g, "data-color", color, sizeof(color))) {
		printf("pngcheck: a lane without its data attributes\n");
		return 1;
	}
	unsigned rgb = (unsigned)strtoul(color + 1, NULL, 16);
	int kernel = !strcmp(name, "kernel");
	/* The kernel lane: its label (left of the plot); others: the plot. */
	unsigned long n = kernel ? count_color(im, 0, (unsigned)atoi(y0), (unsigned)atoi(x0),
					       (unsigned)atoi(y1), rgb)
				 : count_color(im, (unsigned)atoi(x0), (unsigned)atoi(y0),
					       (unsigned)atoi(x1), (unsigned)atoi(y1), rgb);
	unsigned long need = kernel ? 20 : 200;

	printf("pngcheck: lane %-16s y %s-%s colour %s: %lu pixels%s\n", name, y0, y1, color, n,
	       n >= need ? "" : " (too few)");
	return n >= need ? 0 : 1;
}

int main(int argc, char **argv)
{
	struct img im;
	char *svg, w[16] = "0", h[16] = "0";
	int bad = 0, lanes = 0;

	if (argc != 3) {
		fprintf(stderr, "usage: pngcheck IMAGE.png TIMELINE.svg\n");
		return 2;
	}
	if (load_png(argv[1], &im) || !(svg = read_text(argv[2]))) {
		fprintf(stderr, "pngcheck: cannot read %s or %s\n", argv[1], argv[2]);
		return 2;
	}
	attr(svg + 4, "width", w, sizeof(w));
	attr(svg + 4, "height", h, sizeof(h));
	if (im.w < (png_uint_32)atoi(w) || im.h < (png_uint_32)atoi(h)) {
		printf("pngcheck: image %ux%u, smaller than the SVG's %sx%s\n", im.w, im.h, w, h);
		bad++;
	}
	unsigned long ink = count_ink(&im);
	printf("pngcheck: %ux%u, %lu pixels (%.1f %%) not background\n", im.w, im.h, ink,
	       100.0 * (double)ink / ((double)im.w * im.h));
	if (ink * 50 < (unsigned long)im.w * im.h)
		bad++; /* under 2 %: blank */
	for (const char *g = strstr(svg, "<g class=\"lane\""); g;
	     g = strstr(g + 1, "<g class=\"lane\"")) {
		bad += check_lane(&im, g);
		lanes++;
	}
	printf("pngcheck: %d lanes, %s\n", lanes, bad || lanes < 2 ? "FAILED" : "ok");
	free(svg);
	free(im.px);
	return bad || lanes < 2 ? 1 : 0;
}
