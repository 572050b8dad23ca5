# Shared by the bench scripts: a throwaway PostgreSQL cluster under $WORK and timing helpers.
# Source it after setting WORK; call start_cluster, and stop_cluster runs on exit. PG_SETTINGS replaces the
# default extra server settings (-c max_wal_size=4GB -c shared_buffers=512MB).
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}

as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

start_cluster() {
  mkdir -p "$WORK/pg"
  [ "$(id -u)" -eq 0 ] && chown -R postgres "$WORK"
  PGPORT=$(comm -23 <(seq 20000 60000 | sort) <(ss -Htan | awk '{print $4}' | sed 's/.*://' | sort -u) | shuf -n 1)
  export PGPORT PGHOST=127.0.0.1 PGUSER=postgres
  as_pg "$PGBIN/initdb" -D "$WORK/pg/data" -U postgres -A trust -E UTF8 --locale=C --no-sync >/dev/null
  as_pg "$PGBIN/pg_ctl" -D "$WORK/pg/data" -w -l "$WORK/pg/log" \
    -o "-p $PGPORT -k $WORK/pg -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off ${PG_SETTINGS:--c max_wal_size=4GB -c shared_buffers=512MB}" start >/dev/null
  trap stop_cluster EXIT
}

stop_cluster() {
  as_pg "$PGBIN/pg_ctl" -D "$WORK/pg/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}

# now: seconds with nanoseconds
now() { date +%s.%N; }
# secs START END -> seconds with 2 decimals
secs() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", b-a}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (b>0) printf "%.2f", a/b; else print "n/a"}'; }
# peak RSS in MiB of a command run under /usr/bin/time -v, read from the file it wrote
peak_mib() { awk -F: '/Maximum resident set size/{gsub(/ /,"",$2); printf "%.0f", $2/1024}' "$1"; }
