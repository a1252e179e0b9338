# Checks on the built kernel images (tests/image), part of `make check`:
#   image-test   benchmark code only in benchmark images (bench_free.sh)
#
# SYSTEM_IMAGES and BENCH_IMAGES are defined after the fragments are
# included, hence the second expansion ($$) of the prerequisites.

.SECONDEXPANSION:
.PHONY: image-test
image-test: $$(SYSTEM_IMAGES)
	@echo "== image-test"
	@bash tests/image/bench_free.sh $(filter-out $(BENCH_IMAGES),$(SYSTEM_IMAGES)) -- $(BENCH_IMAGES)

CHECK_TARGETS += image-test
