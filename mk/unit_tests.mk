# Host unit tests of the kernel core (tests/unit/test_*.c, helpers in
# tests/unit/support/): the Makefile builds and runs them; this only adds
# the header dependencies of the test and support objects, so that a change
# to tests/unit/support/tsys.h rebuilds every test that includes it.
-include $(wildcard $(BUILD)/host/tests/unit/*.d $(BUILD)/host/tests/unit/support/*.d)
