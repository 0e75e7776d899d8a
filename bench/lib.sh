# Sourced by bench/run and bench/scale: paths and the release build of archive-server.
# Only the processes these scripts start are ever stopped (by PID).

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SHARED=${SHARED_BENCH:-$(cd "$ROOT/../shared/bench" 2>/dev/null && pwd || true)}
BENCH_DIR=$ROOT/bench
WORKROOT=${BENCH_WORKROOT:-$BENCH_DIR/work}     # ignored by git (/bench/work/ in .gitignore)

log() { echo "bench: $*" >&2; }

# build_server -> BIN: a frozen copy of the release binary under $WORKROOT.
#   BENCH_SOURCE=tree (default): the working tree as it is (others may be editing it, so a
#     build that fails because a file changed under it is retried up to 3 times);
#   BENCH_SOURCE=head: a clean copy of the last commit (git archive HEAD), reproducible.
#   SKIP_BUILD=1: reuse the last frozen binary.
build_server() {
  mkdir -p "$WORKROOT"
  BIN=$WORKROOT/archive-server
  if [ "${SKIP_BUILD:-0}" = 1 ] && [ -x "$BIN" ]; then log "SKIP_BUILD=1: reusing $BIN"; return; fi
  local src=$ROOT scratch=${SCRATCH:-$WORKROOT/build} t0=$SECONDS try
  if [ "${BENCH_SOURCE:-tree}" = head ]; then
    src=$WORKROOT/src-head scratch=${SCRATCH:-$WORKROOT/build-head}
    mkdir -p "$src"
    git -C "$ROOT" archive HEAD | tar -x -C "$src"
    log "building HEAD $(git -C "$ROOT" rev-parse --short HEAD) from a clean copy in $src"
  fi
  for try in 1 2 3; do
    if (cd "$src" && swift build -c release --static-swift-stdlib --product archive-server --scratch-path "$scratch") \
        > "$WORKROOT/build.log" 2>&1; then
      cp "$scratch/release/archive-server" "$BIN.tmp" && mv "$BIN.tmp" "$BIN"
      log "release build ok in $((SECONDS - t0)) s ($(git -C "$ROOT" rev-parse --short HEAD)$(
        [ "${BENCH_SOURCE:-tree}" = tree ] && [ -n "$(git -C "$ROOT" status --porcelain -- Sources Package.swift)" ] && echo ' + uncommitted edits'))"
      return
    fi
    log "build attempt $try failed (tail of $WORKROOT/build.log):"; tail -5 "$WORKROOT/build.log" >&2
    sleep 5
  done
  log "release build failed 3 times"; exit 1
}

# rss_kib PID FIELD -> VmRSS/VmHWM of one process in KiB
rss_kib() { awk -v f="$2:" '$1 == f { print $2 }' /proc/"$1"/status 2>/dev/null || echo 0; }
