# Sourced by .ci/run: builds FerretDB 1.x (a MongoDB-wire server keeping its data in SQLite) from
# the Go module proxy, caches the binary between runs, starts it on a loopback port with a
# temporary data folder, and exports MONGODB_URI for the tests. Stopped by the caller's EXIT trap
# (stop_ferretdb).
FERRETDB_VERSION=v1.24.0
FERRETDB_CACHE="${PA_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/pa-policy-engine}"
FERRETDB_BIN="$FERRETDB_CACHE/ferretdb-$FERRETDB_VERSION"

build_ferretdb() {
  command -v go >/dev/null || { echo "FerretDB: Go is needed to build it and is not on PATH" >&2; return 1; }
  mkdir -p "$FERRETDB_CACHE"
  # Not `go install …/cmd/ferretdb@$FERRETDB_VERSION`: it first asks the proxy for the module's
  # version list (to check for a deprecation), which the proxy here refuses (403). Downloading the
  # exact version and building it is the same build. The module zip lacks build/version/version.txt
  # (generated from git in FerretDB's own tree), without which the binary refuses to start.
  local dir src
  dir=$(go mod download -json "github.com/FerretDB/FerretDB@$FERRETDB_VERSION" |
    node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const j=JSON.parse(s);if(j.Error){console.error(j.Error);process.exit(1)}console.log(j.Dir)})')
  src=$(mktemp -d)
  cp -r "$dir/." "$src" && chmod -R u+w "$src"
  echo "$FERRETDB_VERSION" > "$src/build/version/version.txt"
  (cd "$src" && go build -trimpath -o "$FERRETDB_BIN.tmp" ./cmd/ferretdb)
  mv "$FERRETDB_BIN.tmp" "$FERRETDB_BIN"
  rm -rf "$src"
}

start_ferretdb() {
  if [ ! -x "$FERRETDB_BIN" ]; then
    echo "FerretDB $FERRETDB_VERSION: building (once; cached in $FERRETDB_CACHE)"
    build_ferretdb
  fi
  FERRETDB_DATA=$(mktemp -d)
  local port
  port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
  "$FERRETDB_BIN" --handler=sqlite --sqlite-url="file:$FERRETDB_DATA/" --state-dir="$FERRETDB_DATA" \
    --listen-addr="127.0.0.1:$port" --debug-addr=127.0.0.1:0 --telemetry=disable --log-level=warn \
    >"$FERRETDB_DATA/ferretdb.log" 2>&1 &
  FERRETDB_PID=$!
  for _ in $(seq 1 100); do
    if node -e 'require("net").connect(+process.argv[1],"127.0.0.1").on("connect",()=>process.exit(0)).on("error",()=>process.exit(1))' "$port"; then
      export MONGODB_URI="mongodb://127.0.0.1:$port/"
      echo "FerretDB $FERRETDB_VERSION listening on 127.0.0.1:$port (data in $FERRETDB_DATA)"
      return 0
    fi
    if ! kill -0 "$FERRETDB_PID" 2>/dev/null; then break; fi
    sleep 0.2
  done
  echo "FerretDB did not start:" >&2
  cat "$FERRETDB_DATA/ferretdb.log" >&2
  return 1
}

stop_ferretdb() {
  if [ -n "${FERRETDB_PID:-}" ]; then
    kill "$FERRETDB_PID" 2>/dev/null || true
    wait "$FERRETDB_PID" 2>/dev/null || true
  fi
  if [ -n "${FERRETDB_DATA:-}" ]; then rm -rf "$FERRETDB_DATA"; fi
}
