"""Simulated pkg(8): the bootstrap stub /usr/sbin/pkg until bootstrapped, then pkg 2.x with an offline catalogue.

Texts follow the reconstructed samples pkg-*-reconstructed.txt (freebsd/pkg src/main.c, src/query.c, src/install.c,
src/update.c, src/utils.c, libpkg/pkg_jobs.c; FreeBSD usr.sbin/pkg/pkg.c for the stub).

State file pkg.json (under common.STATE_DIR, read and written under common.Locked()), one package database per
root ("/" is the host, a jail's path, a chroot directory):

    {"roots": {"/": {"bootstrapped": true,
                     "packages": {"nginx": {"version": "1.28.0_1,3", "automatic": false}, ...}}}}

Knobs for tests: $STATE/pkg-repo-unreachable (exists: the repository cannot be reached) and $STATE/pkg-catalogue.json
({"nginx": "1.28.1,3"}: newer versions in the repository, for upgrades).
"""
import os
import sys

from . import common, jails, users

ABI = "FreeBSD:%d:amd64"
PKG_VERSION = "2.1.2"
NGINX_RC = """#!/bin/sh

# PROVIDE: nginx
# REQUIRE: LOGIN cleanvar
# KEYWORD: shutdown

. /etc/rc.subr

name="nginx"
rcvar=nginx_enable

load_rc_config $name

: ${nginx_enable="NO"}

command="/usr/local/sbin/nginx"
pidfile="/var/run/${name}.pid"
required_files=/usr/local/etc/nginx/nginx.conf

run_rc_command "$1"
"""
# databases/postgresql17-server's files/postgresql.in, as installed (the functions rc.subr runs are simulated)
POSTGRESQL_RC = """#!/bin/sh

# PROVIDE: postgresql
# REQUIRE: DAEMON
# KEYWORD: shutdown
#
# Add the following line to /etc/rc.conf to enable PostgreSQL:
#
#  postgresql_enable="YES"
#  # optional
#  postgresql_data="/var/db/postgres/data17"
#  postgresql_flags="-w -s -m fast"
#  postgresql_initdb_flags="--encoding=utf-8 --lc-collate=C"
#  postgresql_login_class="default"
#  postgresql_profiles=""
#
# This scripts takes one of the following commands:
#
#   start stop restart reload status initdb

command=/usr/local/bin/pg_ctl

. /etc/rc.subr

load_rc_config postgresql

# set defaults
: ${postgresql_enable:=NO}
: ${postgresql_flags:="-w -s -m fast"}
: ${postgresql_user:=postgres}
eval postgresql_data=${postgresql_data:-"~${postgresql_user}/data17"}
: ${postgresql_login_class:=default}
: ${postgresql_initdb_flags:="--encoding=utf-8 --lc-collate=C"}

name=postgresql
rcvar=postgresql_enable
extra_commands="reload initdb"

start_cmd="postgresql_command start"
stop_cmd="postgresql_command stop"
restart_cmd="postgresql_command restart"
reload_cmd="postgresql_command reload"
status_cmd="postgresql_command status"

initdb_cmd="postgresql_initdb"

run_rc_command "$1"
"""
NGINX_CONF = """worker_processes  1;

events {
    worker_connections  1024;
}

http {
    include       mime.types;
    default_type  application/octet-stream;
    server {
        listen       80;
        server_name  localhost;
        location / {
            root   /usr/local/www/nginx;
            index  index.html index.htm;
        }
    }
}
"""
# name: (version, origin, comment, dependencies, {file: (mode, content)})
CATALOGUE = {
    "pkg": (PKG_VERSION, "ports-mgmt/pkg", "Package manager", [], {}),
    "nginx": ("1.28.0_1,3", "www/nginx", "Robust and small WWW server", ["pcre2"],
              {"/usr/local/etc/rc.d/nginx": (0o755, NGINX_RC),
               "/usr/local/etc/nginx/nginx.conf": (0o644, NGINX_CONF)}),
    "pcre2": ("10.45", "devel/pcre2", "Perl Compatible Regular Expressions library, version 2", [], {}),
    "curl": ("8.14.1", "ftp/curl", "Command line tool and library for transferring data with URLs",
             ["ca_root_nss", "libidn2", "libnghttp2", "libpsl"], {}),
    "ca_root_nss": ("3.111", "security/ca_root_nss", "Root certificate bundle from the Mozilla Project", [], {}),
    "libidn2": ("2.3.8", "dns/libidn2", "Implementation of IDNA2008 internationalized domain names",
                ["indexinfo", "libunistring"], {}),
    "libnghttp2": ("1.65.0", "www/libnghttp2", "HTTP/2.0 C Library", [], {}),
    "libpsl": ("0.21.5_2", "dns/libpsl", "C library to handle the Public Suffix List", ["libidn2"], {}),
    "libunistring": ("1.3", "devel/libunistring", "Unicode string library", ["indexinfo"], {}),
    "indexinfo": ("0.3.1_1", "print/indexinfo", "Utility to regenerate the GNU info page index", [], {}),
    "postgresql17-client": ("17.5", "databases/postgresql17-client",
                            "PostgreSQL database (client)", ["gettext-runtime", "icu", "liblz4", "readline", "zstd"],
                            {}),
    "postgresql17-server": ("17.5", "databases/postgresql17-server",
                            "PostgreSQL is the most advanced open-source database available anywhere",
                            ["gettext-runtime", "icu", "liblz4", "libxml2", "postgresql17-client", "zstd"],
                            {"/usr/local/etc/rc.d/postgresql": (0o755, POSTGRESQL_RC)}),
    "gettext-runtime": ("0.23.1", "devel/gettext-runtime", "GNU gettext runtime libraries and programs",
                        ["indexinfo"], {}),
    "icu": ("76.1,1", "devel/icu", "International Components for Unicode (from IBM)", [], {}),
    "liblz4": ("1.10.0,1", "archivers/liblz4", "LZ4 compression library, lossless and very fast", [], {}),
    "libxml2": ("2.14.3", "textproc/libxml2", "XML parser library for GNOME", [], {}),
    "readline": ("8.2.13_2", "devel/readline", "Library for editing command lines as they are typed",
                 ["indexinfo"], {}),
    "zstd": ("1.5.7", "archivers/zstd", "Fast real-time compression algorithm", ["liblz4"], {}),
}

# name: (user, uid, gecos, home): the user and group a package's pre-install script creates (ports' UIDs/GIDs)
USERS = {"postgresql17-server": ("postgres", 770, "PostgreSQL Daemon", "/var/db/postgres")}
# name: programs it installs in /usr/local/bin that the simulation runs (lib/fakebsd/postgres.py)
PROGRAMS = {"postgresql17-client": ("psql", "createuser", "createdb")}

NON_INTERACTIVE = ("The package management tool is not yet installed on your system.\n"
                   "Please set ASSUME_ALWAYS_YES=yes environment variable to be able to bootstrap in "
                   "non-interactive (stdin not being a tty)\n")


def load():
    return common.load("pkg", {"roots": {}})


# pkg's database is a file of the root it describes: a root replaced by a new clone or directory has none
DB_FILE = "/var/db/pkg/local.sqlite"


def _db_marker(root):
    return common.host_path(root.rstrip("/") + DB_FILE)


# the roots this command opened: only their database files are written (another root may be a stale entry whose
# root was replaced since: it must not get a file it never had)
_OPENED = set()


def save(state):
    for root, db in state["roots"].items():
        if root not in _OPENED:
            continue
        marker = _db_marker(root)
        if root != "/" and (db["bootstrapped"] or db["packages"]) and not os.path.exists(marker) and os.path.isdir(
                common.host_path(root)):
            os.makedirs(os.path.dirname(marker), exist_ok=True)
            open(marker, "a").close()
    common.save("pkg", state)


def _existing_db(state, root):
    """ROOT's database, or None when it has none (never bootstrapped, or its file went with a replaced root)."""
    db = state["roots"].get(root)
    if db is not None and root != "/" and (db["bootstrapped"] or db["packages"]) \
            and not os.path.exists(_db_marker(root)):
        del state["roots"][root]
        return None
    return db


def _root_db(state, root):
    _existing_db(state, root)
    _OPENED.add(root)
    return state["roots"].setdefault(root, {"bootstrapped": False, "packages": {}})


def _catalogue_version(name):
    override = common.load("pkg-catalogue", {})
    return override.get(name, CATALOGUE[name][0])


def _unreachable():
    return os.path.exists(common.state_path("pkg-repo-unreachable"))


def _site():
    return "pkg+https://pkg.FreeBSD.org/%s/quarterly" % (ABI % common.version()[1])


def _yes():
    return os.environ.get("ASSUME_ALWAYS_YES", "").lower() in ("yes", "true", "1", "on")


def _own_root():
    """The root this pkg binary runs in: the host, or the jail jexec put it in."""
    inside = os.environ.get("FAKEBSD_JAIL")
    if not inside:
        return "/"
    j = jails.lookup(jails.load(), inside)
    return jails.param_value(j, "path") if j else "/"


def main(argv):
    common.apply_faults("pkg")
    args = argv[1:]
    with common.Locked():
        state = load()
        own = _root_db(state, _own_root())
        if not own["bootstrapped"]:
            return _stub(state, own, args)
        if args[:1] == ["bootstrap"]:
            sys.stdout.write("pkg already bootstrapped at /usr/local/sbin/pkg\n")
            return 0
        return _pkg(state, args)


def _stub(state, own, args):
    """FreeBSD's usr.sbin/pkg/pkg.c: -N answers, anything else bootstraps first (when allowed), then runs."""
    if args[:1] == ["-N"]:
        common.err("pkg", "pkg is not installed")
    if not _yes() and not sys.stdin.isatty():
        sys.stderr.write(NON_INTERACTIVE)
        return 1
    site = _site()
    sys.stdout.write("Bootstrapping pkg from %s, please wait...\n" % site)
    if _unreachable():
        sys.stdout.flush()
        sys.stderr.write("pkg: Error fetching %s/Latest/pkg.pkg: No address record\n"
                         "A pre-built version of pkg could not be found for your system.\n"
                         "Consider changing PACKAGESITE or installing it from ports: 'ports-mgmt/pkg'.\n"
                         % site.replace("pkg+", "", 1))
        return 1
    sys.stdout.write("Verifying signature with trusted certificate pkg.freebsd.org.2013102301... done\n"
                     "Installing pkg-%s...\nExtracting pkg-%s: .......... done\n" % (PKG_VERSION, PKG_VERSION))
    own["bootstrapped"] = True
    own["packages"]["pkg"] = {"version": PKG_VERSION, "automatic": False}
    save(state)
    if args[:1] == ["bootstrap"]:
        return 0
    return _pkg(state, args)


def _pkg(state, args):
    root = None
    while args and args[0].startswith("-"):
        a = args.pop(0)
        if a == "-N":
            db = _root_db(state, root or _own_root())
            if not db["packages"]:
                common.err("pkg", "package database non-existent")
            if not args:
                common.err("pkg", "%d packages installed" % len(db["packages"]), 0)
        elif a in ("-j", "-c") and args:
            value = args.pop(0)
            root = _jail_root(value) if a == "-j" else _chroot(value)
        elif a == "-v":
            sys.stdout.write(PKG_VERSION + "\n")
            return 0
        else:
            sys.stderr.write("pkg: illegal option -- %s\n" % a[1:2])
            return 1
    if not args:
        sys.stderr.write("Usage: pkg [-v] [-d] [-l] [-N] [-j <jail name or id>|-c <chroot path>|-r <rootdir>] "
                         "[-C <configuration file>] [-R <repo config dir>] [-o var=value] [-4|-6] <command> "
                         "[<args>]\n")
        return 1
    root = root or _own_root()
    command, rest = args[0], args[1:]
    handler = COMMANDS.get(command)
    if handler is None:
        common.err("pkg", "unknown command: " + command)
    return handler(state, root, rest)


def _jail_root(key):
    j = jails.lookup(jails.load(), key)
    if j is None:
        common.err("pkg", jails.not_found_text(key))
    return jails.param_value(j, "path")


def _chroot(path):
    if not os.path.isdir(common.host_path(path)):
        common.err("pkg", "chroot failed: No such file or directory")
    return path


def _flags(rest, spec):
    try:
        return common.getopt(rest, spec)
    except ValueError as e:
        common.err("pkg", e.args[0])


def _installed(state, root):
    return _root_db(state, root)["packages"]


# query / info


def cmd_query(state, root, rest):
    opts, operands = _flags(rest, "aegx")
    if not operands:
        sys.stderr.write("Usage: pkg query <query-format> <pkg-name>\n")
        return 1
    fmt, names = operands[0], operands[1:]
    db = _existing_db(state, root)
    if db is None or not db["packages"]:
        if not names:
            sys.stderr.write("pkg: No packages installed\n")
            return 0
        return 1
    pkgs = db["packages"]
    selected = sorted(pkgs) if not names else [n for n in sorted(pkgs) if any(_matches(n, p) for p in names)]
    for name in selected:
        sys.stdout.write(_format(fmt, name, pkgs[name]))
    return 0 if selected or not names else 1


def _matches(name, pattern):
    if "/" in pattern:
        return CATALOGUE.get(name, ("", ""))[1] == pattern
    return name == pattern


def _format(fmt, name, p):
    deps = CATALOGUE[name][3]
    fields = {"n": name, "v": p["version"], "a": "1" if p["automatic"] else "0", "o": CATALOGUE[name][1],
              "c": CATALOGUE[name][2]}
    if "%d" in fmt:
        return "".join(_subst(fmt, fields, d) for d in deps)
    return _subst(fmt, fields, None)


def _subst(fmt, fields, dep):
    out, i = [], 0
    while i < len(fmt):
        c = fmt[i]
        if c == "%" and i + 1 < len(fmt):
            k = fmt[i + 1]
            if k == "d" and i + 2 < len(fmt):
                out.append(dep if fmt[i + 2] == "n" else CATALOGUE[dep][0])
                i += 3
                continue
            out.append(fields.get(k, ""))
            i += 2
            continue
        out.append(c)
        i += 1
    return "".join(out) + "\n"


def cmd_info(state, root, rest):
    opts, names = _flags(rest, "egqx")
    pkgs = _installed(state, root)
    if ("e", True) in opts:
        return 0 if names and all(any(_matches(n, p) for n in pkgs) for p in names) else 1
    for n in sorted(pkgs):
        if not names or any(_matches(n, p) for p in names):
            sys.stdout.write("%-30s %s\n" % (n + "-" + pkgs[n]["version"], CATALOGUE[n][2]))
    return 0


# catalogue update, jobs summary


def _update(opts):
    """pkgcli_update(): True when the catalogue is usable."""
    if ("U", True) in opts:
        return True
    out = sys.stdout
    out.write("Updating FreeBSD repository catalogue...\n")
    if _unreachable():
        base = _site().replace("pkg+", "", 1)
        for line in ("meta.conf", None, "data.pkg", "packagesite.pkg"):
            out.flush()
            if line is None:
                out.write("repository FreeBSD has no meta file, using default settings\n")
            else:
                sys.stderr.write("pkg: %s/%s: No address record\n" % (base, line))
                sys.stderr.flush()
        out.write("Unable to update repository FreeBSD\nError updating repositories!\n")
        return False
    out.write("FreeBSD repository is up to date.\nAll repositories are up to date.\n")
    return True


def _summary(title, sections):
    """print_jobs_summary(): TITLE, then each non-empty section, then the counts."""
    total = sum(len(items) for _, items, _ in sections)
    sys.stdout.write(title % total)
    first = True
    counts = []
    for header, items, count in sections:
        if not items:
            continue
        if not first:
            sys.stdout.write("\n")
        first = False
        sys.stdout.write(header + ":\n" + "".join("\t%s\n" % i for i in items))
        counts.append(count % len(items))
    sys.stdout.write("\n" + "".join(c + "\n" for c in counts))


AFFECTED = "The following %d package(s) will be affected (of 0 checked):\n\n"


def _closure(names):
    order = []

    def visit(n):
        for d in CATALOGUE[n][3]:
            visit(d)
        if n not in order:
            order.append(n)
    for n in names:
        visit(n)
    return order


def _resolve(pattern):
    for n, entry in CATALOGUE.items():
        if n == pattern or entry[1] == pattern:
            return n
    return None


def _write_files(root, name, remove=False):
    # The host's own / only gets files inside a simulated host (fleet namespace or FAKEBSD_ROOT): never the machine's.
    if root == "/" and not common.HOST_ROOT and common.STATE_DIR != "/var/db/fakebsd":
        return
    files = dict(CATALOGUE[name][4])
    lib = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
    for prog in PROGRAMS.get(name, ()):
        files["/usr/local/bin/" + prog] = (0o755, PROGRAM % (lib, prog))
    if name in USERS and not remove:
        user, uid, gecos, home = USERS[name]
        users.add(root, user, uid, gecos, home)
        os.makedirs(common.host_path(root.rstrip("/") + home), mode=0o755, exist_ok=True)
    for path, (mode, content) in files.items():
        real = common.host_path(root.rstrip("/") + path)
        if remove:
            try:
                os.unlink(real)
            except FileNotFoundError:
                pass
            continue
        os.makedirs(os.path.dirname(real), exist_ok=True)
        with open(real, "w") as f:
            f.write(content)
        os.chmod(real, mode)


PROGRAM = """#!/bin/sh
# simulated by the drover testbed (lib/fakebsd/postgres.py)
exec /usr/bin/python3 -SE -c 'import sys; sys.path.insert(0, sys.argv[1]); from fakebsd import postgres; \\
sys.exit(postgres.main(sys.argv[1:]))' %s %s "$@"
"""


def cmd_install(state, root, rest):
    opts, names = _flags(rest, "AfgiIlnqr:RUxy")
    if not names:
        sys.stderr.write("Usage: pkg install [-AfInFMqRUy] [-r reponame] [-Cgix] <pkg-origin|pkg-name> ...\n\n"
                         "For more information see 'pkg help install'.\n")
        return 1
    if not _update(opts):
        return 3
    wanted, unknown = [], []
    for p in names:
        n = _resolve(p)
        (wanted if n else unknown).append(n or p)
    if unknown:
        sys.stdout.flush()
        for p in unknown:
            sys.stderr.write("pkg: No packages available to install matching '%s' have been found in the "
                             "repositories\n" % p)
        return 1
    pkgs = _installed(state, root)
    new = [n for n in _closure(wanted) if n not in pkgs]
    if not new:
        sys.stdout.write("The most recent versions of packages are already installed\n")
        return 0
    _summary(AFFECTED, [("New packages to be INSTALLED", ["%s: %s" % (n, _catalogue_version(n))
                                                         for n in sorted(new)], "Number of packages to be installed: %d")])
    if ("n", True) in opts:
        return 0
    if ("y", True) not in opts and not _yes():
        sys.stdout.write("\nProceed with this action? [y/N]: \n")
        return 1
    for i, n in enumerate(new, 1):
        v = _catalogue_version(n)
        sys.stdout.write("[%d/%d] Installing %s-%s...\n" % (i, len(new), n, v))
        if n in USERS:
            sys.stdout.write("===> Creating groups\nCreating group '%s' with gid '%d'\n===> Creating users\n"
                             "Creating user '%s' with uid '%d'\n" % (USERS[n][0], USERS[n][1], USERS[n][0],
                                                                     USERS[n][1]))
        sys.stdout.write("[%d/%d] Extracting %s-%s: .......... done\n" % (i, len(new), n, v))
        pkgs[n] = {"version": v, "automatic": n not in wanted}
        _write_files(root, n)
    for n in wanted:
        pkgs[n]["automatic"] = False
    save(state)
    return 0


def _rdeps(pkgs, names):
    """NAMES plus every installed package that depends on one of them, transitively (pkg delete's cascade)."""
    out = list(names)
    changed = True
    while changed:
        changed = False
        for n in sorted(pkgs):
            if n not in out and any(d in out for d in CATALOGUE[n][3]):
                out.append(n)
                changed = True
    return out


def _remove(state, root, victims, title):
    pkgs = _installed(state, root)
    sys.stdout.write("Checking integrity... done (0 conflicting)\n")
    _summary(title, [("Installed packages to be REMOVED", ["%s: %s" % (n, pkgs[n]["version"])
                                                           for n in sorted(victims)],
                      "Number of packages to be removed: %d")])
    victims = list(reversed(victims))
    for i, n in enumerate(victims, 1):
        v = pkgs[n]["version"]
        sys.stdout.write("[%d/%d] Deinstalling %s-%s...\n[%d/%d] Deleting files for %s-%s: 100%%\n"
                         % (i, len(victims), n, v, i, len(victims), n, v))
        _write_files(root, n, remove=True)
        del pkgs[n]
    save(state)


def cmd_delete(state, root, rest):
    opts, names = _flags(rest, "afgiDnqRxy")
    pkgs = _installed(state, root)
    found = [n for n in sorted(pkgs) if any(_matches(n, p) for p in names)]
    if not found:
        sys.stdout.write("No packages matched for pattern '%s'\n\n" % names[0] if names else "")
        sys.stdout.write("Checking integrity... done (0 conflicting)\nNo packages to be deleted.\n")
        return 1 if names else 0
    victims = _rdeps(pkgs, found)
    if ("n", True) in opts:
        return 0
    _remove(state, root, victims, "Deinstallation has been requested for the following %d packages "
                                  "(of 0 packages in the universe):\n\n")
    return 0


def _orphans(pkgs):
    needed, todo = set(), [n for n in pkgs if not pkgs[n]["automatic"]]
    while todo:
        n = todo.pop()
        if n not in needed:
            needed.add(n)
            todo.extend(CATALOGUE[n][3])
    return [n for n in sorted(pkgs) if n not in needed]


def cmd_autoremove(state, root, rest):
    opts, _ = _flags(rest, "nqy")
    orphans = _orphans(_installed(state, root))
    if not orphans:
        sys.stdout.write("Nothing to do.\n")
        return 0
    if ("n", True) in opts:
        return 0
    _remove(state, root, orphans, "Deinstallation has been requested for the following %d packages:\n\n")
    return 0


def cmd_upgrade(state, root, rest):
    opts, names = _flags(rest, "fFgiInqr:Uxy")
    if not _update(opts):
        return 3
    pkgs = _installed(state, root)
    selected = [n for n in sorted(pkgs) if not names or any(_matches(n, p) for p in names)]
    for p in names:
        if not any(_matches(n, p) for n in pkgs) and _resolve(p) is None:
            sys.stderr.write("pkg: No packages available to upgrade matching '%s' have been found in the "
                             "repositories\n" % p)
            return 1
    ups = [n for n in selected if pkgs[n]["version"] != _catalogue_version(n)]
    if not ups:
        sys.stdout.write("Your packages are up to date.\n")
        return 0
    _summary(AFFECTED, [("Installed packages to be UPGRADED", ["%s: %s -> %s" % (n, pkgs[n]["version"],
                                                                               _catalogue_version(n)) for n in ups],
                         "Number of packages to be upgraded: %d")])
    sys.stdout.write("\n1 MiB to be downloaded.\n")
    if ("n", True) in opts:
        return 0
    for i, n in enumerate(ups, 1):
        old, new = pkgs[n]["version"], _catalogue_version(n)
        sys.stdout.write("[%d/%d] Upgrading %s from %s to %s...\n" % (i, len(ups), n, old, new))
        pkgs[n]["version"] = new
    save(state)
    return 0


def cmd_version(state, root, rest):
    """pkg version -R: '%-34s %c' per installed package, '<' when the repository has another version."""
    _flags(rest, "IPRUvl:L:")
    pkgs = _installed(state, root)
    for n in sorted(pkgs):
        mark = "=" if pkgs[n]["version"] == _catalogue_version(n) else "<"
        sys.stdout.write("%-34s %c\n" % (n + "-" + pkgs[n]["version"], mark))
    return 0


COMMANDS = {"query": cmd_query, "info": cmd_info, "install": cmd_install, "delete": cmd_delete,
            "remove": cmd_delete, "autoremove": cmd_autoremove, "upgrade": cmd_upgrade, "version": cmd_version}
