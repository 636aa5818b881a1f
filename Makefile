# Chokepoint: `make demo` and `make test` are all a fresh Debian machine needs.
SHARED ?= $(abspath ../shared)
SWIFT ?= swift
RELEASE_BIN = .build/release/chokepoint
# Every build and test step runs in a TMPDIR of its own, removed afterwards (scripts/scratch.sh):
# SwiftPM leaves six entries in /tmp at every build, and a test run used to leave some 270.
SCRATCH = scripts/scratch.sh

.PHONY: setup build release demo test test-cluster bench bench-cluster bench-scale fuzz clean

setup:
	@scripts/setup.sh

build: setup
	$(SCRATCH) $(SWIFT) build

release: setup
	$(SCRATCH) $(SWIFT) build -c release

# The main job: the North Korea 2014 case end to end, from ../shared/mirror when it is there (scripts/demo.sh).
demo: release
	SHARED="$(SHARED)" $(SCRATCH) scripts/demo.sh

# Optimised, as the tool runs: the suites that analyse the real 2014 and 2017 data sets take
# about 2 minutes this way and over 40 minutes in a debug build. Checks (preconditions, overflow)
# stay on at -O.
test: setup
	CHOKEPOINT_SHARED="$(SHARED)" $(SCRATCH) $(SWIFT) test -c release

# The Spark job (cluster/spark/) on local[2] against a local `chokepoint history` of the same dates:
# installs Java and PySpark when missing (scripts/cluster-setup.sh), prints both times. CLUSTER_ARGS
# adds arguments.
test-cluster: release
	$(SCRATCH) $(SWIFT) build -c release --product ChokepointBenchmarks
	scripts/cluster-setup.sh
	PATH="$(abspath .build/spark-venv/bin):$$PATH" $(SCRATCH) .build/spark-venv/bin/python \
		cluster/spark/test_cluster.py --chokepoint $(RELEASE_BIN) --benchmarks .build/release/ChokepointBenchmarks \
		--shared "$(SHARED)" --spark-submit .build/spark-venv/bin/spark-submit $(CLUSTER_ARGS)

# The Spark job at scale: route-views2 on 30 May as the real RIB fanned out to PEERS (40) peers,
# its 186 MB shard through the job on local[2] with Spark's default 1 GB driver, against a local run.
bench-cluster:
	$(MAKE) test-cluster CLUSTER_ARGS="--peers $(or $(PEERS),40)"

bench: release
	$(SCRATCH) $(SWIFT) build -c release --product ChokepointBenchmarks
	CHOKEPOINT_SHARED="$(SHARED)" Benchmarks/mrt-read.sh
	CHOKEPOINT_SHARED="$(SHARED)" Benchmarks/snapshot-cache.sh
	CHOKEPOINT_SHARED="$(SHARED)" Benchmarks/history.sh
	/usr/bin/time -f "  peak memory %M KB" .build/release/ChokepointBenchmarks prefix-table
	CHOKEPOINT_SHARED="$(SHARED)" /usr/bin/time -f "  peak memory %M KB" .build/release/ChokepointBenchmarks country-engine

# How the analysis scales: synthetic full tables of P = 1, 10, 40, 120 peers built from the real RIB (Benchmarks/scale.sh).
# Then several files of several collectors read one at a time and two at a time (Benchmarks/files.sh),
# and a warm full ranking at P = 1, 40, 120 (Benchmarks/rank.sh; BEFORE=<another build> alternates the two).
bench-scale: release
	$(SCRATCH) $(SWIFT) build -c release --product ChokepointBenchmarks
	CHOKEPOINT_SHARED="$(SHARED)" Benchmarks/scale.sh
	CHOKEPOINT_SHARED="$(SHARED)" Benchmarks/files.sh
	CHOKEPOINT_SHARED="$(SHARED)" BEFORE="$(BEFORE)" Benchmarks/rank.sh

# Coverage-guided fuzzing of every reader of untrusted input (Fuzz/README.md); FUZZ_SECONDS per target.
fuzz: setup
	CHOKEPOINT_SHARED="$(SHARED)" $(SCRATCH) Fuzz/run.sh

clean:
	rm -rf .build .build-fuzz
