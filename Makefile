# praktijktoets — build, test and install.
#
#   make            build build/praktijktoets
#   make demo       install what is missing, build, assess the sample toetsmap
#   make check      install what is missing, build, run the whole Check suite
#   make sanitize   the suite under AddressSanitizer + UndefinedBehaviorSanitizer
#   make valgrind   the suite under valgrind (no fork, full leak check)
#   make install    PREFIX=/usr/local DESTDIR=
#
# Every library comes from Debian through pkg-config (see scripts/deps.sh).

PREFIX    ?= /usr/local
BINDIR    ?= $(PREFIX)/bin
DATADIR   ?= $(PREFIX)/share/praktijktoets
DOCDIR    ?= $(PREFIX)/share/doc/praktijktoets
DESTDIR   ?=
BUILD     ?= build

CC        ?= cc
PKG_CONFIG ?= pkg-config
PKGS      := sqlite3 libcjson libcurl libmicrohttpd

VERSION   := 0.1.0

WARN      := -Wall -Wextra -Werror -Wshadow -Wconversion -Wstrict-prototypes \
             -Wmissing-prototypes -Wformat=2 -Wno-format-nonliteral -Wvla
CFLAGS    ?= -O2 -g
ALL_CFLAGS = -std=c11 $(WARN) $(CFLAGS) -Iinclude \
             -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
             -DPT_VERSION='"$(VERSION)"' -DPT_RUBRIC_DIR='"$(DATADIR)/rubrics"' \
             $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
# libcurl's headers come through pkg-config, but the program loads the
# library itself when it first sends a request (src/net/http_client.c), so that
# the other commands do not pay for loading it; the tests link it, since
# they talk HTTP to the receiver themselves.
# web (issue 12): `serve` runs libmicrohttpd with a thread pool.
LINK_PKGS := sqlite3 libcjson libmicrohttpd
LIBS       = $(shell $(PKG_CONFIG) --libs $(LINK_PKGS) 2>/dev/null) -ldl -lm -pthread
CURL_LIBS  = $(shell $(PKG_CONFIG) --libs libcurl 2>/dev/null)
CHECK_CFLAGS = $(shell $(PKG_CONFIG) --cflags check 2>/dev/null)
CHECK_LIBS   = $(shell $(PKG_CONFIG) --libs check 2>/dev/null)

# Everything but the entry point is a library, so the tests call the real code.
# The layers (docs/architecture.md): each is a folder under src/.
LAYERS    := common engine store report net web cli
MAIN_SRC  := src/cli/main.c
LIB_SRC   := $(filter-out $(MAIN_SRC),$(sort $(wildcard $(LAYERS:%=src/%/*.c))))
TEST_SRC  := $(sort $(wildcard tests/*.c))
LIB_OBJ   := $(LIB_SRC:src/%.c=$(BUILD)/obj/%.o)
# ---- web (issue 12): the script and stylesheet, embedded at build time ------
LIB_OBJ   += $(BUILD)/obj/gen/web_assets.o
# ---- end of web --------------------------------------------------------------
MAIN_OBJ  := $(BUILD)/obj/cli/main.o
TEST_OBJ  := $(TEST_SRC:tests/%.c=$(BUILD)/tests/%.o)
PROGRAM   := $(BUILD)/praktijktoets
TEST_BIN  := $(BUILD)/check_praktijktoets
SAMPLE    := cases/voorbeeld-po

.PHONY: all deps demo check test sanitize valgrind install uninstall clean report-render fuzz fuzz-build FORCE

all: $(PROGRAM)

deps:
	@sh scripts/deps.sh

$(BUILD)/obj/%.o: src/%.c $(wildcard include/*.h) Makefile
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/tests/%.o: tests/%.c $(wildcard include/*.h) $(wildcard tests/*.h) Makefile
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(CHECK_CFLAGS) -c -o $@ $<

# The installed rubric folder is compiled in: rebuild when PREFIX changes.
$(BUILD)/datadir: FORCE
	@mkdir -p $(@D)
	@echo '$(DATADIR)' | cmp -s - $@ || echo '$(DATADIR)' > $@
$(BUILD)/obj/engine/rubric.o: $(BUILD)/datadir
FORCE:

# ---- web (issue 12): src/web/static/* become build/gen/web_assets.c ---------
WEB_ASSETS := src/web/static/app.js src/web/static/app.css
$(BUILD)/gen/web_assets.c: $(WEB_ASSETS) scripts/embed.sh
	@mkdir -p $(@D)
	sh scripts/embed.sh $@ pt_web_app_js src/web/static/app.js pt_web_app_css src/web/static/app.css
$(BUILD)/obj/gen/web_assets.o: $(BUILD)/gen/web_assets.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<
# ---- end of web --------------------------------------------------------------

$(BUILD)/libpraktijktoets.a: $(LIB_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(PROGRAM): $(MAIN_OBJ) $(BUILD)/libpraktijktoets.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

$(TEST_BIN): $(TEST_OBJ) $(BUILD)/libcentral.a $(BUILD)/libpraktijktoets.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(CHECK_LIBS) $(LIBS) $(CURL_LIBS) $(CENTRAL_LIBS)

# ---- praktijktoets-central: the central receiver ----------------------------
# src/central/ builds a second program, $(BUILD)/praktijktoets-central (HTTP
# on libmicrohttpd, see submission.md). It is not in libpraktijktoets.a and
# reuses only util.o, model.o, arena.o and db.o from it. Its modules but the entry
# point form libcentral.a, which the suite links to unit-test them.
CENTRAL_PKGS   := sqlite3 libcjson libmicrohttpd
CENTRAL_SRC    := $(sort $(wildcard src/central/*.c))
CENTRAL_OBJ    := $(CENTRAL_SRC:src/central/%.c=$(BUILD)/obj/central/%.o)
CENTRAL_MAIN   := $(BUILD)/obj/central/central_main.o
CENTRAL_REUSE  := $(BUILD)/obj/common/util.o $(BUILD)/obj/engine/model.o \
                  $(BUILD)/obj/common/arena.o $(BUILD)/obj/common/db.o \
                  $(BUILD)/obj/common/sha256.o
CENTRAL        := $(BUILD)/praktijktoets-central
CENTRAL_CFLAGS  = $(shell $(PKG_CONFIG) --cflags libmicrohttpd 2>/dev/null) -pthread
CENTRAL_LIBS    = $(shell $(PKG_CONFIG) --libs $(CENTRAL_PKGS) 2>/dev/null) -pthread -lm
# What the fuzz target needs: the pure modules, no server, no database.
CENTRAL_FUZZ_SRC := src/central/central_validate.c src/central/central_request.c \
                    src/central/central_benchmark.c src/central/central_token.c \
                    src/common/sha256.c src/common/util.c src/engine/model.c \
                    src/common/arena.c

all: $(CENTRAL)

$(BUILD)/obj/central/%.o: src/central/%.c $(wildcard include/*.h) Makefile
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(CENTRAL_CFLAGS) -c -o $@ $<

$(BUILD)/libcentral.a: $(filter-out $(CENTRAL_MAIN),$(CENTRAL_OBJ))
	@rm -f $@
	$(AR) rcs $@ $^

$(CENTRAL): $(CENTRAL_MAIN) $(BUILD)/libcentral.a $(CENTRAL_REUSE)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(CENTRAL_LIBS)
# ---- end of praktijktoets-central --------------------------------------------

demo: deps
	@$(MAKE) --no-print-directory $(PROGRAM)
	./$(PROGRAM) assess $(SAMPLE)

# The suite runs from the repository root: fixtures are found relative to it,
# and the end-to-end tests run $(PROGRAM).
check: deps
	@$(MAKE) --no-print-directory $(PROGRAM) $(CENTRAL) $(TEST_BIN)
	PT_PROGRAM=./$(PROGRAM) PT_CENTRAL=./$(CENTRAL) ./$(TEST_BIN)

test: check

sanitize: deps
	@$(MAKE) --no-print-directory BUILD=build-san \
	    CFLAGS='-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all' \
	    LDFLAGS='-fsanitize=address,undefined' build-san/praktijktoets build-san/praktijktoets-central \
	    build-san/check_praktijktoets
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	    PT_PROGRAM=./build-san/praktijktoets PT_CENTRAL=./build-san/praktijktoets-central \
	    ./build-san/check_praktijktoets

valgrind: deps
	@$(MAKE) --no-print-directory $(PROGRAM) $(CENTRAL) $(TEST_BIN)
	CK_FORK=no PT_PROGRAM=./$(PROGRAM) PT_CENTRAL=./$(CENTRAL) PT_CENTRAL_VALGRIND=1 valgrind --quiet --leak-check=full \
	    --show-leak-kinds=definite,indirect,possible --errors-for-leak-kinds=definite,indirect,possible \
	    --error-exitcode=99 ./$(TEST_BIN)
	valgrind --quiet --leak-check=full --error-exitcode=99 ./$(PROGRAM) assess --format json $(SAMPLE) >/dev/null
	rm -f $(BUILD)/valgrind.db*
	valgrind --quiet --leak-check=full --error-exitcode=99 ./$(PROGRAM) --db $(BUILD)/valgrind.db import $(SAMPLE)
	valgrind --quiet --leak-check=full --error-exitcode=99 ./$(PROGRAM) --db $(BUILD)/valgrind.db \
	    score PT-PO2899-2014-1 --rater r1 --case C01 --criterion ond-signalering --level 2
	valgrind --quiet --leak-check=full --error-exitcode=99 ./$(PROGRAM) check $(SAMPLE) rubrics >/dev/null
	rm -f $(BUILD)/valgrind.db*
	sh scripts/valgrind-submit.sh $(BUILD)
	sh scripts/valgrind-serve.sh $(BUILD)

# libFuzzer targets (clang), one per loader; FUZZ_SECONDS each.
FUZZ_TARGETS := rubric case assessment sheet_json sheet_csv privacy response json_write
# The receiver's body validator and request parsing (fuzz/fuzz_central.c).
FUZZ_CENTRAL := central
# The web app's request parsing (fuzz/fuzz_web.c; web, issue 12).
FUZZ_WEB     := web
FUZZ_SECONDS ?= 30
FUZZ_CC      ?= clang
FUZZ_SAN     := -g -O1 -fno-sanitize-recover=undefined
FUZZ_DEFS    := -std=c11 -Iinclude -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
                -DPT_VERSION='"fuzz"' -DPT_RUBRIC_DIR='"/nonexistent"'
# The library is compiled once with coverage (fuzzer-no-link) and shared by
# every target; each target is its own small main.
FUZZ_OBJ     := $(LIB_SRC:src/%.c=build-fuzz/obj/%.o)
FUZZ_BINS    := $(FUZZ_TARGETS:%=build-fuzz/fuzz_%) build-fuzz/fuzz_central build-fuzz/fuzz_web
fuzz-build: deps
	@command -v $(FUZZ_CC) >/dev/null 2>&1 || { [ "$$(id -u)" -eq 0 ] && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clang; }
	@$(MAKE) --no-print-directory $(FUZZ_BINS)

build-fuzz/obj/%.o: src/%.c $(wildcard include/*.h) Makefile
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_DEFS) $(FUZZ_SAN) -fsanitize=fuzzer-no-link,address,undefined \
	    $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null) -c -o $@ $<

build-fuzz/libpt.a: $(FUZZ_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

build-fuzz/fuzz_%: fuzz/fuzz_loaders.c build-fuzz/libpt.a
	$(FUZZ_CC) $(FUZZ_DEFS) $(FUZZ_SAN) -fsanitize=fuzzer,address,undefined \
	    -DFUZZ_$(shell echo $* | tr a-z A-Z) $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null) \
	    $< build-fuzz/libpt.a -o $@ $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null) -ldl -lm

build-fuzz/fuzz_central: fuzz/fuzz_central.c $(CENTRAL_FUZZ_SRC) $(wildcard include/*.h)
	$(FUZZ_CC) $(FUZZ_DEFS) $(FUZZ_SAN) -fsanitize=fuzzer,address,undefined \
	    $(shell $(PKG_CONFIG) --cflags libcjson 2>/dev/null) fuzz/fuzz_central.c \
	    $(CENTRAL_FUZZ_SRC) -o $@ $(shell $(PKG_CONFIG) --libs libcjson 2>/dev/null) -lm

# web (issue 12): only the parsers and util, no server, no database.
build-fuzz/fuzz_web: fuzz/fuzz_web.c src/web/web_parse.c src/common/util.c $(wildcard include/*.h)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_DEFS) $(FUZZ_SAN) -fsanitize=fuzzer,address,undefined \
	    $(shell $(PKG_CONFIG) --cflags libcjson 2>/dev/null) fuzz/fuzz_web.c \
	    src/web/web_parse.c src/common/util.c -o $@ $(shell $(PKG_CONFIG) --libs libcjson 2>/dev/null)

fuzz: fuzz-build
	@for t in $(FUZZ_TARGETS) $(FUZZ_CENTRAL) $(FUZZ_WEB); do \
	    mkdir -p build-fuzz/corpus-$$t; \
	    echo "== fuzz $$t ($(FUZZ_SECONDS) s)"; \
	    ./build-fuzz/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
	        -artifact_prefix=build-fuzz/crash-$$t- build-fuzz/corpus-$$t fuzz/corpus/$$t \
	        > build-fuzz/fuzz-$$t.log 2>&1; st=$$?; tail -n 1 build-fuzz/fuzz-$$t.log; \
	    if [ $$st -ne 0 ]; then tail -n 40 build-fuzz/fuzz-$$t.log; exit 1; fi; \
	done

# The sample report rendered by headless Chromium (Debian's chromium) to a
# PNG screenshot and an A4 PDF, to look at what a reader sees.
CHROMIUM_FLAGS := --headless --no-sandbox --disable-gpu --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync
report-render: $(PROGRAM)
	@command -v chromium >/dev/null 2>&1 || { [ "$$(id -u)" -eq 0 ] && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }
	./$(PROGRAM) report $(SAMPLE) --format html --audience swv -o $(BUILD)/rapport.html
	rm -rf $(BUILD)/chromium-profile
	chromium $(CHROMIUM_FLAGS) --user-data-dir=$(BUILD)/chromium-profile --window-size=1000,1100 \
	    --screenshot=$(BUILD)/rapport.png file://$(CURDIR)/$(BUILD)/rapport.html 2>/dev/null
	chromium $(CHROMIUM_FLAGS) --user-data-dir=$(BUILD)/chromium-profile --no-pdf-header-footer \
	    --print-to-pdf=$(BUILD)/rapport.pdf file://$(CURDIR)/$(BUILD)/rapport.html 2>/dev/null
	@ls -l $(BUILD)/rapport.png $(BUILD)/rapport.pdf

install: $(PROGRAM) $(CENTRAL)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/rubrics $(DESTDIR)$(DOCDIR)
	install -m 755 $(PROGRAM) $(DESTDIR)$(BINDIR)/praktijktoets
	install -m 755 $(CENTRAL) $(DESTDIR)$(BINDIR)/praktijktoets-central
	install -m 644 rubrics/*.json $(DESTDIR)$(DATADIR)/rubrics/
	install -m 644 README.md $(DESTDIR)$(DOCDIR)/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/praktijktoets $(DESTDIR)$(BINDIR)/praktijktoets-central
	rm -rf $(DESTDIR)$(DATADIR) $(DESTDIR)$(DOCDIR)

clean:
	rm -rf build build-san build-fuzz

# ---- make bench (issue 5) ---------------------------------------------------
# A synthetic national data set (152 SWVs × 20 cases × 6 raters × 35 criteria)
# from bench/gen_national.c, timed as whole processes by bench/run.sh against
# the sqlite3 command-line tool as the floor; bench/bench_assess.c times one
# toetsmap inside the process. Table in $(BUILD)/bench/results.txt.
BENCH_BINS := $(BUILD)/bench/gen_national $(BUILD)/bench/bench_assess

$(BUILD)/bench/gen_national: bench/gen_national.c Makefile
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(shell $(PKG_CONFIG) --libs libcjson 2>/dev/null)

$(BUILD)/bench/bench_assess: bench/bench_assess.c $(BUILD)/libpraktijktoets.a $(wildcard include/*.h) Makefile
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libpraktijktoets.a $(LIBS)

.PHONY: bench
bench: deps
	@$(MAKE) --no-print-directory $(PROGRAM) $(BENCH_BINS)
	BUILD=$(BUILD) sh bench/run.sh

# ---- web (issue 12): the mirror team's web app -------------------------------
# make browser-web: tests/browser/web.mjs (playwright-core + axe-core from
# npm ci, Debian's chromium); SCREENSHOTS=1 also renews docs/screenshots/.
.PHONY: browser-web
browser-web: $(PROGRAM)
	@test -d node_modules/playwright-core || npm ci --no-audit --no-fund
	PT_PROGRAM=./$(PROGRAM) node tests/browser/web.mjs
# make bench-web: bench/web_bench.sh (a team of 30 and 64 clients saving
# scores; figures in bench/README.md); make test-web-kill: tests/web_kill.sh
# (SIGKILL of the server while raters save loses no acknowledged score).
.PHONY: bench-web test-web-kill
$(BUILD)/bench/web_load: bench/web_load.c Makefile
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(shell $(PKG_CONFIG) --libs libcurl libcjson sqlite3 2>/dev/null) -pthread
bench-web: deps
	@$(MAKE) --no-print-directory $(PROGRAM) $(BUILD)/bench/web_load
	BUILD=$(BUILD) sh bench/web_bench.sh
test-web-kill: deps
	@$(MAKE) --no-print-directory $(PROGRAM) $(BUILD)/bench/web_load
	BUILD=$(BUILD) sh tests/web_kill.sh
# ---- end of web --------------------------------------------------------------
