#!/usr/bin/env bash
# Throughput benchmark: seeds a purchase segment of N rows in PostgreSQL (database "bench"), runs one
# activation end to end against a low-CPU Pinterest stand-in (bench/PinterestSink.java), and reports
# events/s, the service's CPU seconds during the run, its peak resident memory, and the rows/s of
# COPY (SELECT ...) TO STDOUT on the same table in the same run.
#
#   bench/throughput.sh [--source postgresql|mariadb|duckdb] [--rows N] [--xmx 256m] [--warm N] [--profile]
#                       [--keep-data] [-- service options...]
#   (BENCH_DB, BENCH_SINK_PORT, BENCH_HTTP_PORT: another database and ports, default bench, 18181, 18180;
#    BENCH_JAVA_OPTS: JVM options for the service, e.g. -XX:+UseSerialGC)
#
# --warm N first runs a second activation over N other rows (its own events, its own ledger rows) in the same
#   service, and reports it apart: the measured run then starts with the JIT's work on the hot path done.
# --profile records the run with JFR (target/bench/run.jfr) and prints where the CPU time went.
# --source mariadb|duckdb reads the segment from a source (docs/sources.md) instead of the service's own database,
#   which still holds the state (ledger, runs, cursor): MariaDB on 127.0.0.1:3306 (user root, no password), its
#   database named as BENCH_DB, seeded by bench/seed-mariadb.sql, the floor `mariadb --quick --batch -e "SELECT ..."`
#   to /dev/null; or DuckDB, a view over a Parquet file in target/bench/duckdb/ (bench/seed-duckdb.sql, run through
#   bench/DuckDb.java with the driver from ~/.m2), the service started by PropertiesLauncher with the driver in a
#   folder (docs/sources.md), the floor DuckDB's COPY (SELECT ...) TO '/dev/null' (FORMAT csv). Same rows, same
#   activation mapping; the default, postgresql, is the segment in the state's database as always.
# Options after -- go to the service, e.g. -- --conversions.delivery.chunks-in-parallel=3
# Needs: PostgreSQL on 127.0.0.1:5432 (user postgres, trust), java 17, mvn, psql, python3 (profile only);
#   mariadb (the client) for --source mariadb.
set -euo pipefail
cd "$(dirname "$0")/.."

ROWS=1000000
SOURCE=postgresql
XMX=256m
PROFILE=0
KEEP=0
WARM=0
SERVICE_ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) ROWS="$2"; shift 2 ;;
    --source) SOURCE="$2"; shift 2 ;;
    --xmx) XMX="$2"; shift 2 ;;
    --profile) PROFILE=1; shift ;;
    --keep-data) KEEP=1; shift ;;
    --warm) WARM="$2"; shift 2 ;;
    --) shift; SERVICE_ARGS=("$@"); break ;;
    *) echo "unknown option $1 (see the head of $0)" >&2; exit 2 ;;
  esac
done
case "$SOURCE" in
  postgresql|mariadb|duckdb) ;;
  *) echo "--source is postgresql, mariadb or duckdb, not $SOURCE" >&2; exit 2 ;;
esac

OUT=target/bench
mkdir -p "$OUT"
PSQL=(psql -h 127.0.0.1 -U postgres -X -q -v ON_ERROR_STOP=1)
SINK_PORT=${BENCH_SINK_PORT:-18181}
HTTP_PORT=${BENCH_HTTP_PORT:-18180}
TICKS=$(getconf CLK_TCK)
# another checkout on the same machine may run the benchmark too: give each its own database (and ports)
DB=${BENCH_DB:-bench}

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

[ -f target/pinterest-conversions.jar ] && [ -z "$(find src routes pom.xml -newer target/pinterest-conversions.jar -print -quit)" ] \
  || mvn -q -B package -DskipTests

# the columns every floor reads, as the run does
COLUMNS="order_id, purchased_at, channel, email, phone, first_name, last_name, country, ip, user_agent, amount, currency"
MARIADB=(mariadb -h 127.0.0.1 -P 3306 -u root --default-character-set=utf8mb4)
DUCK_DIR=$PWD/$OUT/duckdb
DUCK_FILE=$DUCK_DIR/bench.duckdb
DUCK_JAR=${BENCH_DUCKDB_JAR:-$HOME/.m2/repository/org/duckdb/duckdb_jdbc/1.4.4.0/duckdb_jdbc-1.4.4.0.jar}
duck() { java -cp "$DUCK_JAR" bench/DuckDb.java "$DUCK_FILE" "$@"; }
SOURCE_ARGS=()
LAUNCH=(-jar target/pinterest-conversions.jar)
SOURCE_NOTE=""

if [ "$SOURCE" != postgresql ]; then
  # the state in a fresh, empty PostgreSQL database (no segment there); the segment in the source, seeded once
  # and kept with --keep-data
  "${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
  if [ "$SOURCE" = mariadb ]; then
    if [ "$KEEP" = 0 ] || ! "${MARIADB[@]}" -D "$DB" -e "SELECT count(*) FROM purchases" >/dev/null 2>&1; then
      "${MARIADB[@]}" -e "DROP DATABASE IF EXISTS $DB; CREATE DATABASE $DB CHARACTER SET utf8mb4"
      echo "seeding $ROWS rows in MariaDB..."
      start=$(date +%s.%N)
      { echo "SET @rows = $ROWS;"; cat bench/seed-mariadb.sql; } | "${MARIADB[@]}" -D "$DB" > /dev/null
      echo "seeded in $(echo "$(date +%s.%N) - $start" | bc) s"
    fi
    ROWS=$("${MARIADB[@]}" -D "$DB" -N -B -e "SELECT count(*) FROM purchases")
    "${MARIADB[@]}" -D "$DB" -e "DROP TABLE IF EXISTS warmup;
      CREATE TABLE warmup ENGINE = InnoDB AS SELECT CONCAT('W', order_id) AS order_id, purchased_at, channel, email,
        phone, first_name, last_name, country, ip, user_agent, amount, currency FROM purchases ORDER BY order_id LIMIT $WARM"
    SOURCE_ARGS=(--conversions.sources.bench.url="jdbc:mariadb://127.0.0.1:3306/$DB" --conversions.sources.bench.username=root)
    SOURCE_NOTE=" in MariaDB $("${MARIADB[@]}" -N -B -e "SELECT version()"), database $DB"
  else
    [ -f "$DUCK_JAR" ] || mvn -q -B dependency:get -Dartifact=org.duckdb:duckdb_jdbc:1.4.4.0
    if [ "$KEEP" = 0 ] || [ ! -f "$DUCK_FILE" ]; then
      rm -rf "$DUCK_DIR" && mkdir -p "$DUCK_DIR"
      echo "seeding $ROWS rows in a Parquet file..."
      start=$(date +%s.%N)
      duck "$(sed -e "s/:rows/$ROWS/" -e "s|:parquet|$DUCK_DIR/purchases.parquet|" bench/seed-duckdb.sql)"
      echo "seeded in $(echo "$(date +%s.%N) - $start" | bc) s"
    fi
    ROWS=$(duck "SELECT count(*) FROM purchases")
    duck "CREATE OR REPLACE VIEW warmup AS SELECT 'W' || order_id AS order_id, purchased_at, channel, email, phone,
      first_name, last_name, country, ip, user_agent, amount, currency FROM purchases ORDER BY order_id LIMIT $WARM"
    # the driver is not in the jar: in a folder, PropertiesLauncher named on the command line (docs/sources.md)
    mkdir -p "$OUT/drivers" && cp -u "$DUCK_JAR" "$OUT/drivers/"
    LAUNCH=(-Dloader.path="$OUT/drivers/" -cp target/pinterest-conversions.jar org.springframework.boot.loader.launch.PropertiesLauncher)
    SOURCE_ARGS=(--conversions.sources.bench.url="jdbc:duckdb:$DUCK_FILE")
    SOURCE_NOTE=" in DuckDB $(duck "SELECT version()"), a view over $(du -m "$DUCK_DIR/purchases.parquet" | cut -f1) MB of Parquet"
  fi
  # bench.yml's activations, their segments read from the source
  SOURCE_ARGS+=(--conversions.activations.bench.source=bench --conversions.activations.bench.segment=purchases
    --conversions.activations.warmup.source=bench --conversions.activations.warmup.segment=warmup)
# a fresh database each time: an empty ledger, no cursor, the segment just seeded
elif [ "$KEEP" = 0 ] || ! "${PSQL[@]}" -d "$DB" -tAc "SELECT count(*) FROM bench.purchases" >/dev/null 2>&1; then
  "${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
  echo "seeding $ROWS rows..."
  start=$(date +%s.%N)
  "${PSQL[@]}" -d "$DB" -v rows="$ROWS" -f bench/seed.sql
  echo "seeded in $(echo "$(date +%s.%N) - $start" | bc) s"
else
  "${PSQL[@]}" -d "$DB" -c "DROP SCHEMA IF EXISTS conversions CASCADE"
fi
if [ "$SOURCE" = postgresql ]; then
  ROWS=$("${PSQL[@]}" -d "$DB" -tAc "SELECT count(*) FROM bench.purchases")
  # the warm-up segment: other event ids (W...), the same shapes
  "${PSQL[@]}" -d "$DB" -c "DROP TABLE IF EXISTS bench.warmup" \
    -c "CREATE TABLE bench.warmup AS SELECT 'W' || order_id AS order_id, purchased_at, channel, email, phone, first_name,
        last_name, country, ip, user_agent, amount, currency FROM bench.purchases ORDER BY order_id LIMIT $WARM" \
    -c "ANALYZE bench.warmup"
fi

# the floor: what reading the same columns of the same table costs, to a client that does nothing with them
# (MariaDB: the client's rows over TCP as PostgreSQL's COPY sends them, not INTO OUTFILE, which writes a file in
# the server and sends nothing; DuckDB: in the process, as the service reads it, timed inside the statement)
copy_rate() {
  local s e
  s=$(date +%s.%N)
  case "$SOURCE" in
    postgresql) "${PSQL[@]}" -d "$DB" -c "COPY (SELECT $COLUMNS FROM bench.purchases) TO STDOUT" > /dev/null ;;
    mariadb) "${MARIADB[@]}" -D "$DB" --quick --batch -e "SELECT $COLUMNS FROM purchases" > /dev/null ;;
    duckdb) e=$(duck --time "COPY (SELECT $COLUMNS FROM purchases) TO '/dev/null' (FORMAT csv)")
      echo "$ROWS / $e" | bc; return ;;
  esac
  e=$(date +%s.%N)
  echo "$ROWS / ($e - $s)" | bc
}
case "$SOURCE" in
  postgresql) FLOOR="COPY (SELECT ...) TO STDOUT"; RATIO="ratio to COPY" ;;
  mariadb) FLOOR="mariadb --quick --batch"; RATIO="ratio to the floor" ;;
  duckdb) FLOOR="COPY (SELECT ...) TO CSV"; RATIO="ratio to the floor" ;;
esac
copy_rate > /dev/null   # warm the table into the cache, as the run will find it
COPY_BEFORE=$(copy_rate)

java -Dsun.net.httpserver.nodelay=true bench/PinterestSink.java "$SINK_PORT" > "$OUT/sink.log" 2>&1 &
SINK_PID=$!
pids+=($SINK_PID)

# shellcheck disable=SC2086
BENCH_SINK_PORT=$SINK_PORT java -Xmx"$XMX" ${BENCH_JAVA_OPTS:-} "${LAUNCH[@]}" \
  --spring.config.additional-location=file:bench/bench.yml --server.port="$HTTP_PORT" \
  --spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/$DB" "${SOURCE_ARGS[@]}" "${SERVICE_ARGS[@]}" \
  > "$OUT/service.log" 2>&1 &
SERVICE=$!
pids+=($SERVICE)

# readiness, not /actuator/health: that one reports DOWN all along since segments can come from sources (Spring
# Boot's DataSourceHealthIndicator asks the segmentReads DataSource for metadata, which it refuses), and the loop
# waited its 120 s out before every run
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$HTTP_PORT/actuator/health/readiness" > /dev/null 2>&1 && break
  kill -0 $SERVICE 2>/dev/null || { echo "the service stopped; see $OUT/service.log" >&2; tail -20 "$OUT/service.log" >&2; exit 1; }
  sleep 1
done
for _ in $(seq 1 30); do curl -fs "http://127.0.0.1:$SINK_PORT/stats" > /dev/null && break; sleep 1; done

# CPU seconds of each thread of the service, "name ticks" per line
threads() { for t in /proc/$SERVICE/task/*; do
  awk '{ sub(/^[^(]*\(/, ""); name = $0; sub(/\).*$/, "", name); n = split($0, f, " "); print name "\t" f[n - 52 + 14] + f[n - 52 + 15] }' "$t/stat" 2>/dev/null
done; }
cpu() { awk -v t="$TICKS" '{ printf "%.2f", ($14 + $15) / t }' /proc/${1:-$SERVICE}/stat; }
WARM_REPORT=""
if [ "$WARM" -gt 0 ]; then
  echo "warming up: activation 'warmup' over $WARM rows..."
  w0=$(cpu)
  curl -fs -u bench:bench -X POST "http://127.0.0.1:$HTTP_PORT/api/activations/warmup/runs" > "$OUT/warmup.json"
  w1=$(cpu)
  WARM_REPORT=$(python3 -c '
import json, sys, datetime
r = json.load(open(sys.argv[1]))
t = lambda s: datetime.datetime.fromisoformat(s.replace("Z", "+00:00"))
s = (t(r["finishedAt"]) - t(r["startedAt"])).total_seconds()
print("warm-up run (cold JIT)      %s: %d events in %.1f s, %d events/s, %.1f µs service CPU per event" % (
    r["status"], r["delivered"], s, r["delivered"] / s, 1e6 * (float(sys.argv[3]) - float(sys.argv[2])) / max(1, r["delivered"])))
' "$OUT/warmup.json" "$w0" "$w1")
  echo "$WARM_REPORT"
fi
# the profile covers the run alone, not the start
[ "$PROFILE" = 1 ] && jcmd $SERVICE JFR.start name=run settings=profile > /dev/null
CPU_BEFORE=$(cpu)
SINK_BEFORE=$(cpu "$SINK_PID")
# the MariaDB server's CPU, one process (pgrep only finds it)
MARIADBD=$([ "$SOURCE" = mariadb ] && pgrep -x mariadbd | head -1 || true)
[ -n "$MARIADBD" ] && SOURCE_BEFORE=$(cpu "$MARIADBD")
python3 bench/pg_cpu.py snap > "$OUT/pg-before.json"
# PostgreSQL's time by statement, where pg_stat_statements is loaded (shared_preload_libraries; see BENCHMARKS.md)
STATEMENTS=0
if "${PSQL[@]}" -d "$DB" -tAc "SHOW shared_preload_libraries" | grep -q pg_stat_statements; then
  "${PSQL[@]}" -d "$DB" -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" -c "SELECT pg_stat_statements_reset()" > /dev/null
  STATEMENTS=1
fi
threads > "$OUT/threads-before.tsv"
echo "running activation 'bench' over $ROWS rows..."
curl -fs -u bench:bench -X POST "http://127.0.0.1:$HTTP_PORT/api/activations/bench/runs" > "$OUT/run.json"
CPU_AFTER=$(cpu)
SINK_AFTER=$(cpu "$SINK_PID")
[ -n "$MARIADBD" ] && SOURCE_AFTER=$(cpu "$MARIADBD")
python3 bench/pg_cpu.py snap > "$OUT/pg-after.json"
threads > "$OUT/threads-after.tsv"
[ "$PROFILE" = 1 ] && jcmd $SERVICE JFR.stop name=run filename="$PWD/$OUT/run.jfr" > /dev/null
HWM_KB=$(awk '/VmHWM/ { print $2 }' /proc/$SERVICE/status)
# where the resident memory is at the end of the run (the peak is VmHWM): the mappings, and the JVM's own
# account when BENCH_JAVA_OPTS has -XX:NativeMemoryTracking=summary
cp /proc/$SERVICE/smaps "$OUT/smaps.txt" 2>/dev/null || true
case "${BENCH_JAVA_OPTS:-}" in
  *NativeMemoryTracking*) jcmd $SERVICE VM.native_memory summary > "$OUT/nmt.txt" 2>&1 || true ;;
esac
COPY_AFTER=$(copy_rate)
SINK=$(curl -fs "http://127.0.0.1:$SINK_PORT/stats")

read -r STATUS DELIVERED REJECTED RUN_SECONDS < <(python3 -c '
import json, sys, datetime
r = json.load(open(sys.argv[1]))
t = lambda s: datetime.datetime.fromisoformat(s.replace("Z", "+00:00"))
print(r["status"], r["delivered"], r["rejected"], (t(r["finishedAt"]) - t(r["startedAt"])).total_seconds())
' "$OUT/run.json")

COPY_RATE=$(( (COPY_BEFORE + COPY_AFTER) / 2 ))
EPS=$(echo "$DELIVERED / $RUN_SECONDS" | bc)
CPU_S=$(echo "$CPU_AFTER - $CPU_BEFORE" | bc)
SINK_S=$(echo "$SINK_AFTER - $SINK_BEFORE" | bc)
cat <<REPORT | tee "$OUT/report.txt"

rows in the segment          $ROWS$SOURCE_NOTE
${WARM_REPORT:-measured run                 cold, the first run since the service started}
run                          $STATUS: delivered $DELIVERED, rejected $REJECTED in $RUN_SECONDS s
sink received                $(echo "$SINK" | awk '{ printf "%d requests, %d events, %.0f MB", $1, $2, $3 / 1e6 }')
end to end                   $EPS events/s
$(printf '%-29s' "$FLOOR")$COPY_RATE rows/s (before $COPY_BEFORE, after $COPY_AFTER)
$(printf '%-29s' "$RATIO")$(echo "scale=2; $EPS / $COPY_RATE" | bc)
service CPU during the run   $CPU_S s ($(echo "scale=1; 1000000 * $CPU_S / $DELIVERED" | bc) µs per event)
$(python3 bench/pg_cpu.py diff "$OUT/pg-before.json" "$OUT/pg-after.json" "$DELIVERED")
stand-in CPU during the run  $SINK_S s ($(echo "scale=1; 1000000 * $SINK_S / $DELIVERED" | bc) µs per event; not the service's, but on the same cores)
service peak RSS (VmHWM)     $((HWM_KB / 1024)) MB with -Xmx$XMX
JVM options                  -Xmx$XMX ${BENCH_JAVA_OPTS:-} ${SERVICE_ARGS[*]}
machine                      $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -1), $("${PSQL[@]}" -d "$DB" -tAc "SHOW server_version")
REPORT
if [ -n "$MARIADBD" ]; then
  SOURCE_S=$(echo "$SOURCE_AFTER - $SOURCE_BEFORE" | bc)
  echo "MariaDB CPU during the run   $SOURCE_S s ($(echo "scale=1; 1000000 * $SOURCE_S / $DELIVERED" | bc) µs per event; mariadbd)" \
    | tee -a "$OUT/report.txt"
fi
if [ "$SOURCE" = duckdb ]; then
  # what a JDBC client pays to have the rows, each column as text: for comparison, not the floor
  read -r R S _ < <(duck --read "SELECT $COLUMNS FROM purchases")
  echo "DuckDB rows through JDBC     $(echo "$R / $S" | bc) rows/s (streamed, every column read as text, nothing done)" \
    | tee -a "$OUT/report.txt"
fi
echo "service CPU by thread during the run (s):"
# thread names repeat (GC Thread#0, #1...): summed by name without its number
awk -F'\t' -v t="$TICKS" 'NR == FNR { before[$1] += $2; next } { after[$1] += $2 }
  END { for (k in after) { d = (after[k] - before[k]) / t; g = k; sub(/[#-]?[0-9]+$/, "", g); sum[g] += d }
        for (g in sum) if (sum[g] >= 0.1) printf "  %7.2f  %s\n", sum[g], g }' \
  "$OUT/threads-before.tsv" "$OUT/threads-after.tsv" | sort -rn | head -8 | tee -a "$OUT/report.txt"

if [ "$STATEMENTS" = 1 ]; then
  echo "PostgreSQL's time by statement during the run (pg_stat_statements, the top 12):" | tee -a "$OUT/report.txt"
  "${PSQL[@]}" -d "$DB" -c "SELECT round(total_exec_time::numeric / 1000, 2) AS seconds,
      round((1000000 * total_exec_time / 1000 / greatest($DELIVERED, 1))::numeric, 2) AS us_per_event, calls, rows,
      regexp_replace(left(query, 110), '\s+', ' ', 'g') AS statement
    FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
    ORDER BY total_exec_time DESC LIMIT 12" | tee -a "$OUT/report.txt"
fi
if [ "$PROFILE" = 1 ]; then
  python3 bench/jfr_summary.py "$OUT/run.jfr" | tee "$OUT/profile.txt"
fi
