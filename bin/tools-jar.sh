# Sourced by bin/mqadmin and bin/courier: sets TOOLS_JAR to the runnable tools jar, building it on first use.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

find_tools_jar() {
    compgen -G "$ROOT/tools/target/tools-*-shaded.jar" | head -n 1 || true
}

TOOLS_JAR="$(find_tools_jar)"
if [[ -z "$TOOLS_JAR" ]]; then
    echo "Building the command-line tools (first run only; needs Java 17 and Maven)..." >&2
    (cd "$ROOT" && mvn -q -B -ntp -pl tools -am -DskipTests install) >&2
    TOOLS_JAR="$(find_tools_jar)"
    if [[ -z "$TOOLS_JAR" ]]; then
        echo "the build did not produce tools/target/tools-*-shaded.jar" >&2
        exit 1
    fi
fi
