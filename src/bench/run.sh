#!/usr/bin/env bash
# drover's benchmark: drover, Ansible and the floor (a minimal sshj client) side by side on a simulated fleet.
#
#   bash src/bench/run.sh [--hosts 10,50] [--reps 3] [--lab 10,50|none] [--lab-reps N] [--profile 100|0] [--scale 1000|0]
#                         [--no-ansible] [--no-startup] [--quick]
#                         [--drover-jvm "JVM OPTIONS"]
#
# Builds drover (target/drover.jar, and target/drover-bench.jar with the fleet), installs Ansible from Debian's packages when it is missing (unless
# --no-ansible), then runs org.drover.bench.Bench: the table goes to the terminal and target/bench/summary.txt, the
# same as JSON to target/bench/summary.json, per-run logs to target/bench/runs/. Needs root (the simulated hosts
# live in mount namespaces), OpenSSH's sshd, python3 and a JDK 17+. Not part of mvn verify: it takes minutes.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"

die() { echo "bench: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || die "run as root: each simulated host lives in its own mount namespace"
for c in java mvn python3 nsenter; do
    command -v "$c" >/dev/null 2>&1 || die "$c is missing"
done
[ -x /usr/sbin/sshd ] || die "OpenSSH's sshd is missing (bash .ci/install-deps installs it)"

ansible=yes
for a in "$@"; do [ "$a" = --no-ansible ] && ansible=no; done
if [ $ansible = yes ] && ! command -v ansible-playbook >/dev/null 2>&1; then
    echo "bench: installing Ansible from Debian's packages" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq ansible-core >/dev/null || apt-get install -y -qq ansible >/dev/null
fi

if [ ! -f target/drover.jar ] || [ ! -f target/drover-bench.jar ] \
    || [ -n "$(find src -path '*/src/main/*' -newer target/drover-bench.jar -type f 2>/dev/null | head -n 1)" ] \
    || [ -n "$(find pom.xml src -name pom.xml -newer target/drover-bench.jar 2>/dev/null | head -n 1)" ]; then
    echo "bench: building (mvn -q -B -DskipTests package)" >&2
    mvn -q -B -DskipTests package
fi
[ $ansible = yes ] && ansible-playbook --version | head -n 1
exec java -jar target/drover-bench.jar "$@"
