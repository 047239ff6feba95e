#!/usr/bin/env bash
# drover demo: three simulated FreeBSD hosts on this machine, the VNET jail lab applied to them twice. The first run
# converges them (bridge, epairs, ZFS clones, VNET jails, pf, rc.conf); the second finds nothing to do (changed=0).
#
# Each host is an SSH server on 127.0.0.1 whose sessions land in the host's own mount namespace, where FreeBSD's
# commands are simulated (src/testbed/sim). Needs a JDK 17+, Maven and python3, and root (mount namespaces).
# Nothing on the machine changes but an empty /jails directory, created if missing; the fleet is stopped on exit.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"

say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
die() { echo "demo: $*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "run as root: each simulated host lives in its own mount namespace"
for c in java mvn python3 unshare nsenter setpriv; do
    command -v "$c" >/dev/null 2>&1 || die "$c is missing (JDK 17+, Maven, python3 and util-linux are needed)"
done

jar=target/drover.jar
fleet_jar=target/drover-testbed.jar
if [ ! -f "$jar" ] || [ ! -f "$fleet_jar" ] \
    || [ -n "$(find src -path '*/src/main/*' -newer "$jar" -type f 2>/dev/null | head -n 1)" ] \
    || [ -n "$(find pom.xml src -name pom.xml -newer "$jar" 2>/dev/null | head -n 1)" ]; then
    say "building drover (mvn -q -B -DskipTests package)"
    out=$(mvn -q -B -DskipTests package 2>&1) || { printf "%s\n" "$out" >&2; die "the build failed"; }
fi

# The playbook, the play command and the simulated commands are built in parallel with this script: say plainly
# what is not there yet rather than pretend.
missing=()
[ -f playbooks/vnet-lab.yml ] || missing+=("playbooks/vnet-lab.yml")
java -cp "$jar" org.drover.cli.Main play --help >/dev/null 2>&1 || missing+=("the 'drover play' command")
for c in ifconfig jail jls jexec zfs pfctl sysrc service; do
    [ -f "src/testbed/sim/bin/$c" ] || missing+=("the simulated $c (src/testbed/sim/bin/$c)")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "demo: cannot run yet; missing:" >&2
    printf '  - %s\n' "${missing[@]}" >&2
    exit 2
fi

dir=$(mktemp -d /tmp/drover-demo.XXXXXX)
fleet() { java -jar "$fleet_jar" "$@"; }
cleanup() {
    fleet stop --dir "$dir" >/dev/null 2>&1 || true
    rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say "starting three simulated FreeBSD 14.3 hosts (embedded SSH server)"
fleet start --hosts 3 --backend embedded --dir "$dir" --versions 14.3
echo "inventory: $dir/inventory.yml"
sed 's/^/    /' "$dir/inventory.yml"

say "preparing the jail template each host needs (zroot/jails/templates/14.3-RELEASE with a userland)"
fleet exec --dir "$dir" -- 'set -e
    zfs list zroot/jails >/dev/null 2>&1 || zfs create -o mountpoint=/jails zroot/jails
    zfs create -p zroot/jails/templates/14.3-RELEASE
    t=/jails/templates/14.3-RELEASE
    mkdir -p $t/bin $t/etc $t/dev $t/tmp $t/var/run $t/usr/sbin $t/root
    cp /bin/sh $t/bin/sh
    echo "FreeBSD 14.3-RELEASE userland (simulated)" > $t/etc/motd
    zfs list -r zroot/jails'

play() {
    ./drover play playbooks/vnet-lab.yml -i "$dir/inventory.yml" --known-hosts "$dir/known_hosts" \
        --detailed-exitcode "$@"
}

say "first run: converge (drover play playbooks/vnet-lab.yml -i $dir/inventory.yml)"
set +e
play
rc=$?
set -e
case $rc in
    0 | 8) ;;
    *) die "the first run failed (exit $rc)" ;;
esac

say "second run: everything is already in place, so nothing changes"
set +e
play
rc=$?
set -e
case $rc in
    0) echo "demo: second run changed=0, as it should" ;;
    8) die "the second run still changed something: the lab did not converge" ;;
    *) die "the second run failed (exit $rc)" ;;
esac

say "what one host looks like now"
fleet exec --dir "$dir" --host lab01 -- 'ifconfig -l; jls; cat /etc/rc.conf'
