# Sourced by bin/mqnamesrv, bin/mqbroker and bin/mqshutdown: where the service jars, logs and pid files live.
#
#   COURIER_LOG_DIR   log files, one per service (default ~/logs/courier, as RocketMQ's ~/logs/rocketmqlogs)
#   COURIER_RUN_DIR   pid files of the services started by these scripts (default ~/.courier/run)
#   COURIER_BROKER_JAR, COURIER_NAMESRV_JAR   the executable jars, if not this checkout's target/ directories
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
COURIER_LOG_DIR="${COURIER_LOG_DIR:-$HOME/logs/courier}"
COURIER_RUN_DIR="${COURIER_RUN_DIR:-$HOME/.courier/run}"

# service_jar MODULE OVERRIDE_VARIABLE: the module's executable jar, built on first use.
service_jar() {
    local module="$1" override="${!2:-}"
    if [[ -n "$override" ]]; then
        echo "$override"
        return
    fi
    local jar
    jar="$(compgen -G "$ROOT/$module/target/$module-*-exec.jar" | head -n 1 || true)"
    if [[ -z "$jar" ]]; then
        echo "Building $module (first run only; needs Java 17 and Maven)..." >&2
        (cd "$ROOT" && mvn -q -B -ntp -DskipTests -pl "$module" -am package) >&2
        jar="$(compgen -G "$ROOT/$module/target/$module-*-exec.jar" | head -n 1 || true)"
        [[ -n "$jar" ]] || { echo "the build did not produce $module/target/$module-*-exec.jar" >&2; exit 1; }
    fi
    echo "$jar"
}

# run_service KIND DEFAULT_JVM_OPTIONS JAR ARGS...: runs the service in the foreground (exec keeps the pid),
# logging to $COURIER_LOG_DIR/<config file name>.log (or <kind>.log) beside the console and leaving a pid file for
# bin/mqshutdown. Printing options (-p, -h) only print.
run_service() {
    local kind="$1" jvm_options="$2" jar="$3"
    shift 3
    local name="$kind" printing="" has_log="" previous=""
    for arg in "$@"; do
        case "$arg" in
            -p|--printConfigItem|-h|--help) printing=1 ;;
            --logging.file.name=*) has_log=1 ;;
        esac
        if [[ "$previous" == "-c" || "$previous" == "--configFile" ]]; then
            name="$(basename "$arg")"
            name="${name%.*}"
        fi
        previous="$arg"
    done
    if [[ -n "$printing" ]]; then
        exec java -Xmx128m -XX:TieredStopAtLevel=1 -jar "$jar" "$@"
    fi
    local log_option=()
    if [[ -z "$has_log" ]]; then
        mkdir -p "$COURIER_LOG_DIR"
        log_option=(--logging.file.name="$COURIER_LOG_DIR/$name.log")
    fi
    mkdir -p "$COURIER_RUN_DIR"
    echo "$$" > "$COURIER_RUN_DIR/$kind.$$.pid"
    # JAVA_OPT as RocketMQ's scripts name it; word splitting of the options is intended.
    # shellcheck disable=SC2086
    exec java ${JAVA_OPT:-$jvm_options} -jar "$jar" "$@" "${log_option[@]}"
}
