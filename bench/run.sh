#!/usr/bin/env bash
# Reproduces the results table in bench/README.md: builds the CLI and the bench module, then runs
# every measurement in one go (about 15-20 minutes on 2 cores). Extra arguments go to harness.py,
# e.g. --quick (a one-minute trial), --only jmh,cpu, --update-readme.
set -euo pipefail
BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH")"
echo "bench: building the CLI and the bench module..." >&2
mvn -B -q -f "$ROOT/pom.xml" -pl cli,bench -am install -DskipTests \
  -Dspotless.check.skip=true -Dspotbugs.skip=true >&2
mvn -B -q -f "$BENCH/pom.xml" dependency:build-classpath \
  -Dmdep.outputFile="$BENCH/target/classpath.txt" >&2
exec python3 "$BENCH/harness.py" --cp "$BENCH/target/classes:$(cat "$BENCH/target/classpath.txt")" \
  --command "bench/run.sh $*" "$@"
