#!/usr/bin/env bash
# The load benchmark, one command: src/bench/run.sh (docs/benchmarks.md).
# Builds, boots Payara Micro pinned to one core, runs the load generator pinned to the other,
# one JVM per scenario, and writes target/bench/results.md. Exits non-zero if any scenario
# caught the server losing, duplicating, reordering or misrouting a message.
#
# CLUSTER=1 runs two instances clustered through their data grid instead, both on the server's
# core, with callers on one and callees on the other: every relayed frame crosses instances.
# It first runs SINGLE_SCENARIOS (closed) on one instance alone, in the same run, as the figure
# the cluster's cost per message is compared with.
#
# Environment: SCENARIOS (default closed,open,held,connect,churn; closed,open with CLUSTER=1; also
# users, which needs CLUSTER=1, and pages), QUICK=1 (about a minute),
# BENCH_PORT (28080), SERVER_CPU (0), GENERATOR_CPU (1), JFR=0 (no profile of the closed loop),
# SERVER_WAR (target/callsign.war: another build's WAR, for a before-and-after in one session),
# and the sizes Plan.java reads: WARMUP_SECONDS, MEASURE_SECONDS, PAIRS, IN_FLIGHT, OPEN_RATES,
# CONNECT_SIZES, HELD_SESSIONS, CHURN_LOOPS, CHURN_SECONDS, CHURN_SAMPLE_SECONDS, NAMES_ONLINE,
# PAGES, PAGE_PERIODS.
set -euo pipefail
cd "$(dirname "$0")/../.."

# Below the kernel's ephemeral range (32768 and up here): the generator's many client sockets
# could otherwise hold the port a booting instance is about to bind.
PORT=${BENCH_PORT:-28080}
CLUSTER=${CLUSTER:-0}
if [[ $CLUSTER == 1 ]]; then
    SCENARIOS=${SCENARIOS:-closed,open}
    SINGLE_SCENARIOS=${SINGLE_SCENARIOS:-closed}
    BOOT_FILE=payara-config/preboot-cluster.asadmin
else
    # The relay on a fresh server first: a server that held many sessions relays less after (docs/benchmarks.md).
    SCENARIOS=${SCENARIOS:-closed,open,held,connect,churn}
    SINGLE_SCENARIOS=""
    BOOT_FILE=payara-config/preboot-single.asadmin
fi
SERVER_WAR=${SERVER_WAR:-target/callsign.war}
SERVER_CPU=${SERVER_CPU:-0}
GENERATOR_CPU=${GENERATOR_CPU:-1}
JFR=${JFR:-1}
OUT=target/bench
RESULTS=$OUT/results.md
export CLK_TCK=$(getconf CLK_TCK)

# Each process may hold up to the hard limit of open files; sessions need one each on both sides.
ulimit -n "$(ulimit -Hn)"
if [[ -z ${CONNECT_SIZES:-} && ${QUICK:-} != 1 ]]; then
    # The most this machine allows, leaving 1000 descriptors for the server's own files.
    export CONNECT_SIZES="10000,$(( $(ulimit -n) - 1000 ))"
fi

for port in "$PORT" $([[ $CLUSTER == 1 ]] && echo $((PORT + 1))); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        echo "port $port is in use; set BENCH_PORT" >&2
        exit 2
    fi
done

echo "building..." >&2
mvn -q -DskipTests package test-compile
mkdir -p "$OUT/tmp"
mvn -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$OUT/classpath.txt"
CLASSPATH_TEST="target/test-classes:target/classes:$(cat "$OUT/classpath.txt")"

# The README's boot file as it is; SERVER_THREADS, when set, sizes Payara's HTTP worker pool
# instead (an experiment: the README's defaults are what docs/benchmarks.md reports).
SERVER_THREADS=${SERVER_THREADS:-}
# Writes $2 from boot file $1, with SERVER_THREADS applied.
write_preboot() {
    {
        cat "$1"
        if [[ -n $SERVER_THREADS ]]; then
            echo "set configs.config.server-config.thread-pools.thread-pool.http-thread-pool.max-thread-pool-size=$SERVER_THREADS"
            echo "set configs.config.server-config.thread-pools.thread-pool.http-thread-pool.min-thread-pool-size=$SERVER_THREADS"
        fi
    } > "$2"
}
write_preboot "$BOOT_FILE" "$OUT/preboot.asadmin"
write_preboot payara-config/preboot-single.asadmin "$OUT/preboot-single.asadmin"

SERVER_FLAGS=(-Xmx512m -Djava.io.tmpdir="$OUT/tmp"
    # Limits raised so that the benchmark measures relaying, not the protections against abuse.
    -Dsignal.rate.messages-per-second=1000000 -Dsignal.rate.burst=1000000
    -Dsignal.max-queued-messages=100000 -Dsignal.max-sessions=1000000 -Dsignal.max-sessions-per-address=1000000
    -Dsignal.idle-timeout-seconds=600 -Dsignal.login-timeout-seconds=600 ${SERVER_EXTRA_FLAGS:-})
CLUSTER_FLAGS=()
grid_ports=($((PORT + 100)) $((PORT + 110)))
if [[ $CLUSTER == 1 ]]; then
    # Where scenario users claims its names: the grid of the instances below, with their secret.
    export GRID_CLUSTER=callsign-bench GRID_PORTS=$(IFS=,; echo "${grid_ports[*]}")
    export GRID_SECRET=callsign-bench-secret-0123456789abcdef
    # As the README's cluster commands start an instance.
    CLUSTER_FLAGS+=(-Dsignal.cluster.enabled=true -Dsignal.cluster.secret=$GRID_SECRET
        -Dhazelcast.socket.bind.any=false
        -Dhazelcast.max.no.heartbeat.seconds=10 -Dhazelcast.heartbeat.interval.seconds=1)
fi
GENERATOR_FLAGS=(-Xmx3g ${GENERATOR_EXTRA_FLAGS:-})

{
    echo "## Run of $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD || echo ' (with uncommitted changes)')"
    echo
    echo "- Machine: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GB RAM, Linux $(uname -r)"
    echo "- JDK: $(java -version 2>&1 | head -1)"
    echo "- Server ($SERVER_WAR) on core $SERVER_CPU: ${SERVER_FLAGS[*]}; generator on core $GENERATOR_CPU: ${GENERATOR_FLAGS[*]}"
    echo "- Load average when the run started (other people's work on this machine): $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "- Cluster instances also get: ${CLUSTER_FLAGS[*]:-}"
    echo "- Plan: SINGLE_SCENARIOS=$SINGLE_SCENARIOS SCENARIOS=$SCENARIOS QUICK=${QUICK:-0} SERVER_THREADS=$SERVER_THREADS CLUSTER=$CLUSTER"
    echo "- Payara boot commands: $(grep -v '^#' "$OUT/preboot.asadmin" | tr '\n' ';')"
} > "$RESULTS"

SERVER_PIDS=()
SERVER_URIS=()
# Starts one Payara Micro on the server's core at port $1 with boot file $2, and the Payara options that follow.
start_instance() {
    local port=$1 preboot=$2
    shift 2
    taskset -c "$SERVER_CPU" java "${SERVER_FLAGS[@]}" -jar target/payara-micro.jar \
        --deploy "$SERVER_WAR" --contextroot / --port "$port" --disablephonehome \
        --prebootcommandfile "$preboot" "$@" > "$OUT/server-$port.log" 2>&1 &
    SERVER_PIDS+=($!)
    SERVER_URIS+=("ws://127.0.0.1:$port/signal")
}

stop_server() {
    for pid in "${SERVER_PIDS[@]}"; do
        kill -TERM "$pid" 2>/dev/null || true
    done
    for pid in "${SERVER_PIDS[@]}"; do
        for _ in $(seq 100); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.2
        done
        kill -KILL "$pid" 2>/dev/null || true
    done
    SERVER_PIDS=()
    SERVER_URIS=()
}
trap stop_server EXIT

start_cluster() {
    local saved=("${SERVER_FLAGS[@]}")
    SERVER_FLAGS+=("${CLUSTER_FLAGS[@]}")
    for i in 0 1; do
        start_instance $((PORT + i)) "$OUT/preboot.asadmin" --clustername callsign-bench \
            --clustermode "tcpip:127.0.0.1:${grid_ports[0]},127.0.0.1:${grid_ports[1]}" \
            --startport "${grid_ports[$i]}" --interfaces 127.0.0.1 --nohostaware
    done
    SERVER_FLAGS=("${saved[@]}")
}

generate() {
    local uris pids
    uris=$(IFS=,; echo "${SERVER_URIS[*]}")
    pids=$(IFS=,; echo "${SERVER_PIDS[*]}")
    taskset -c "$GENERATOR_CPU" java "${GENERATOR_FLAGS[@]}" -cp "$CLASSPATH_TEST" org.callsign.bench.LoadGenerator \
        "$1" "$uris" "$pids" | tee -a "$RESULTS"
    return "${PIPESTATUS[0]}"
}

# The server's hottest frames while relaying: top of stack per sample, and how many samples
# are inside Tyrus' per-message idle-timeout rescheduling.
profile_summary() {
    local recording=$1 samples=$OUT/closed-loop-samples.txt
    jfr print --stack-depth 64 --events jdk.ExecutionSample "$recording" > "$samples"
    local total idle
    total=$(grep -c 'stackTrace = \[' "$samples" || true)
    idle=$(awk '/^jdk.ExecutionSample/ { counted = 0 }
                /restartIdleTimeoutExecutor/ && !counted { idle++; counted = 1 }
                END { print idle + 0 }' "$samples")
    {
        echo
        echo "### Server profile, closed loop (JFR, first 30 s of the scenario)"
        echo
        echo "$total execution samples; $idle have \`TyrusSession.restartIdleTimeoutExecutor\` on the stack."
        echo
        echo "| samples | top frame |"
        echo "|---|---|"
        awk 'top { sub(/^ +/, ""); sub(/ +line: [0-9]+.*/, ""); print; top = 0 }
             /stackTrace = \[/ { top = 1 }' "$samples" | sort | uniq -c | sort -rn |
            # awk, not head: head would stop reading, and under pipefail sort's SIGPIPE ends the script.
            awk 'NR <= 15 { n = $1; $1 = ""; printf "| %d | `%s` |\n", n, substr($0, 2) }'
        echo
        echo "By layer (each sample counted for its innermost frame outside the JDK):"
        echo
        java -cp "$CLASSPATH_TEST" org.callsign.bench.ProfileLayers "$recording"
    } | tee -a "$RESULTS"
}

# Runs scenarios $1 (comma-separated) on the servers started, after timing their boot.
run_scenarios() {
    generate boot || status=1
    for scenario in ${1//,/ }; do
        recording=""
        if [[ $scenario == closed && $JFR == 1 ]]; then
            recording="$(pwd)/$OUT/closed-loop-${#SERVER_PIDS[@]}-instance.jfr"
            jcmd "${SERVER_PIDS[0]}" JFR.start name=bench settings=profile duration=30s filename="$recording" > /dev/null
        fi
        generate "$scenario" || status=1
        if [[ -n $recording ]]; then
            jcmd "${SERVER_PIDS[0]}" JFR.stop name=bench > /dev/null 2>&1 || true  # ended by itself if the run outlasted it
            profile_summary "$recording"
        fi
    done
}

status=0
if [[ -n $SINGLE_SCENARIOS ]]; then
    echo "### One instance alone (what the cluster's cost per message is compared with)" | tee -a "$RESULTS"
    export BOOT_STARTED_MS=$(date +%s%3N)
    start_instance "$PORT" "$OUT/preboot-single.asadmin" --nocluster
    run_scenarios "$SINGLE_SCENARIOS"
    stop_server
    echo "### Two instances clustered, every relayed message across them" | tee -a "$RESULTS"
fi
export BOOT_STARTED_MS=$(date +%s%3N)
if [[ $CLUSTER == 1 ]]; then
    start_cluster
else
    start_instance "$PORT" "$OUT/preboot.asadmin" --nocluster
fi
run_scenarios "$SCENARIOS"
echo >&2
echo "results: $RESULTS$([[ $status == 0 ]] || echo ' (FAILURE: see above)')" >&2
exit "$status"
