# Chokepoint: `make demo` and `make test` are all a fresh Debian machine needs.
SHARED ?= $(abspath ../shared)
SWIFT ?= swift
RELEASE_BIN = .build/release/chokepoint

.PHONY: setup build release demo test bench clean

setup:
	@scripts/setup.sh

build: setup
	$(SWIFT) build

release: setup
	$(SWIFT) build -c release

# The main job. Until the country engine lands this reads the North Korea 2014 RIB and prints its statistics.
demo: release
	@if [ -d "$(SHARED)/mirror" ]; then \
	  $(RELEASE_BIN) mrt stats "$(SHARED)/mirror/archive.routeviews.org/route-views.jinx/bgpdata/2014.05/RIBS/rib.20140530.2200.bz2"; \
	else \
	  echo "demo: $(SHARED)/mirror is absent; point SHARED at the data directory" >&2; exit 1; \
	fi

test: setup
	CHOKEPOINT_SHARED="$(SHARED)" $(SWIFT) test

bench: release
	$(SWIFT) build -c release --product ChokepointBenchmarks
	CHOKEPOINT_SHARED="$(SHARED)" Benchmarks/mrt-read.sh
	/usr/bin/time -f "  peak memory %M KB" .build/release/ChokepointBenchmarks prefix-table

clean:
	rm -rf .build
