"""Simulated PostgreSQL 17 of the databases/postgresql17-server and -client packages, as far as the seed lab uses it:
the rc.d script's initdb/start/stop/restart/reload/status (through pg_ctl's texts), and psql, createuser and
createdb for roles and databases. Everything lives in the root the process sees (the jail's, below its path):

    /var/db/postgres/data17/                 initdb's cluster: PG_VERSION, postgresql.conf, pg_hba.conf, base/, global/
    /var/db/postgres/data17/global/fakebsd-catalog.json   the simulation's catalogue: {"roles": {...}, "databases": {...}}

The configuration files are shaped like what initdb 17 writes from src/backend/utils/misc/postgresql.conf.sample
and src/backend/libpq/pg_hba.conf.sample (header comments shortened; the settings lines and the pg_hba records, with
initdb's default "trust" method, as initdb leaves them). The server "runs" as a pid in rcscripts' state. The user a
client runs as is $FAKEBSD_USER (set by the simulated su and jexec -U), else root.

Texts: pg_ctl (src/bin/pg_ctl/pg_ctl.c), initdb (src/bin/initdb/initdb.c), libpq's connection failures
(src/interfaces/libpq/fe-connect.c) and the rc.d script's defaults (ports databases/postgresql17-server,
files/postgresql.in: postgresql_data ~postgres/data17, flags "-w -s -m fast", so start and stop are silent).
"""
import hashlib
import os
import re
import sys

from . import common, rcscripts

DATA = "/var/db/postgres/data17"
SOCKET = "/tmp/.s.PGSQL.5432"
CATALOG = DATA + "/global/fakebsd-catalog.json"

POSTGRESQL_CONF = """# -----------------------------
# PostgreSQL configuration file
# -----------------------------
#
# This file consists of lines of the form:
#
#   name = value
#
# (The "=" is optional.)  Whitespace may be used.  Comments are introduced with
# "#" anywhere on a line.
#
# This file is read on server startup and when the server receives a SIGHUP
# signal.  If you edit the file on a running system, you have to SIGHUP the
# server for the changes to take effect, run "pg_ctl reload", or execute
# "SELECT pg_reload_conf()".  Some parameters, which are marked below,
# require a server shutdown and restart to take effect.

#------------------------------------------------------------------------------
# FILE LOCATIONS
#------------------------------------------------------------------------------

#data_directory = 'ConfigDir'		# use data in another directory
					# (change requires restart)
#hba_file = 'ConfigDir/pg_hba.conf'	# host-based authentication file
					# (change requires restart)

#------------------------------------------------------------------------------
# CONNECTIONS AND AUTHENTICATION
#------------------------------------------------------------------------------

# - Connection Settings -

#listen_addresses = 'localhost'		# what IP address(es) to listen on;
					# comma-separated list of addresses;
					# defaults to 'localhost'; use '*' for all
					# (change requires restart)
#port = 5432				# (change requires restart)
max_connections = 100			# (change requires restart)
#unix_socket_directories = '/tmp'	# comma-separated list of directories
					# (change requires restart)

# - Authentication -

#password_encryption = scram-sha-256	# scram-sha-256 or md5

#------------------------------------------------------------------------------
# RESOURCE USAGE (except WAL)
#------------------------------------------------------------------------------

shared_buffers = 128MB			# min 128kB
					# (change requires restart)
dynamic_shared_memory_type = posix	# the default is usually the first option

#------------------------------------------------------------------------------
# WRITE-AHEAD LOG
#------------------------------------------------------------------------------

max_wal_size = 1GB
min_wal_size = 80MB

#------------------------------------------------------------------------------
# REPORTING AND LOGGING
#------------------------------------------------------------------------------

log_destination = 'syslog'
log_timezone = 'UTC'

#------------------------------------------------------------------------------
# CLIENT CONNECTION DEFAULTS
#------------------------------------------------------------------------------

datestyle = 'iso, mdy'
timezone = 'UTC'
lc_messages = 'C.UTF-8'			# locale for system error message
					# strings
lc_monetary = 'C.UTF-8'			# locale for monetary formatting
lc_numeric = 'C.UTF-8'			# locale for number formatting
lc_time = 'C.UTF-8'			# locale for time formatting
default_text_search_config = 'pg_catalog.english'
"""

PG_HBA_CONF = """# PostgreSQL Client Authentication Configuration File
# ===================================================
#
# Refer to the "Client Authentication" section in the PostgreSQL
# documentation for a complete description of this file.  A short
# synopsis follows.
#
# This file controls: which hosts are allowed to connect, how clients
# are authenticated, which PostgreSQL user names they can use, which
# databases they can access.  Records take one of these forms:
#
# local         DATABASE  USER  METHOD  [OPTIONS]
# host          DATABASE  USER  ADDRESS  METHOD  [OPTIONS]
# hostssl       DATABASE  USER  ADDRESS  METHOD  [OPTIONS]
# hostnossl     DATABASE  USER  ADDRESS  METHOD  [OPTIONS]
# hostgssenc    DATABASE  USER  ADDRESS  METHOD  [OPTIONS]
# hostnogssenc  DATABASE  USER  ADDRESS  METHOD  [OPTIONS]
#
# (The uppercase items must be replaced by actual values.)
#
# This file is read on server startup and when the server receives a
# SIGHUP signal.  If you edit the file on a running system, you have to
# SIGHUP the server for the changes to take effect, run "pg_ctl reload",
# or execute "SELECT pg_reload_conf()".

# CAUTION: Configuring the system for local "trust" authentication
# allows any local user to connect as any PostgreSQL user, including
# the database superuser.  If you do not trust all your local users,
# use another authentication method.


# TYPE  DATABASE        USER            ADDRESS                 METHOD

# "local" is for Unix domain socket connections only
local   all             all                                     trust
# IPv4 local connections:
host    all             all             127.0.0.1/32            trust
# IPv6 local connections:
host    all             all             ::1/128                 trust
# Allow replication connections from localhost, by a user with the
# replication privilege.
local   replication     all                                     trust
host    replication     all             127.0.0.1/32            trust
host    replication     all             ::1/128                 trust
"""

PG_IDENT_CONF = """# PostgreSQL User Name Maps
# =========================
#
# MAPNAME       SYSTEM-USERNAME         PG-USERNAME
"""

INITDB_OK = """The files belonging to this database system will be owned by user "postgres".
This user must also own the server process.

The database cluster will be initialized with this locale configuration:
  locale provider:   libc
  LC_COLLATE:  C
  LC_CTYPE:    C.UTF-8
  LC_MESSAGES: C.UTF-8
  LC_MONETARY: C.UTF-8
  LC_NUMERIC:  C.UTF-8
  LC_TIME:     C.UTF-8
The default text search configuration will be set to "english".

Data page checksums are disabled.

creating directory %(d)s ... ok
creating subdirectories ... ok
selecting dynamic shared memory implementation ... posix
selecting default "max_connections" ... 100
selecting default "shared_buffers" ... 128MB
selecting default time zone ... UTC
creating configuration files ... ok
running bootstrap script ... ok
performing post-bootstrap initialization ... ok
syncing data to disk ... ok

initdb: warning: enabling "trust" authentication for local connections
initdb: hint: You can change this by editing pg_hba.conf or using the option -A, or --auth-local and --auth-host, the next time you run initdb.

Success. You can now start the database server using:

    /usr/local/bin/pg_ctl -D %(d)s -l logfile start

"""


def _path(p):
    return rcscripts.path(p)


def _user():
    return os.environ.get("FAKEBSD_USER") or "root"


def initialised():
    return os.path.isfile(_path(DATA + "/PG_VERSION"))


def _load():
    return common.loads(open(_path(CATALOG)).read())


def _save(cat):
    real = _path(CATALOG)
    tmp = real + ".tmp.%d" % os.getpid()
    with open(tmp, "w") as f:
        f.write(common.dumps(cat))
    os.replace(tmp, real)


def _write(p, text, mode=0o600):
    real = _path(p)
    with open(real, "w") as f:
        f.write(text)
    os.chmod(real, mode)


# ------------------------------------------------------------------------------------------------------------------
# the rc.d script's commands (after rc.subr's rcvar check)


def rc(action, pid, set_pid):
    """postgresql_command / postgresql_initdb of the rc.d script; PID is the running server's, set_pid(bool)."""
    if action == "initdb":
        return initdb()
    if action == "status":
        if pid:
            sys.stdout.write('pg_ctl: server is running (PID: %d)\n/usr/local/bin/postgres "-D" "%s"\n' % (pid, DATA))
            return 0
        sys.stdout.write("pg_ctl: no server running\n")
        return 3
    if action in ("start", "restart") and not initialised():
        if not os.path.isdir(_path(DATA)):
            sys.stderr.write('pg_ctl: directory "%s" does not exist\n' % DATA)
        else:
            sys.stderr.write('pg_ctl: directory "%s" is not a database cluster directory\n' % DATA)
        return 1
    if action == "start":
        if pid:
            sys.stderr.write('pg_ctl: another server might be running; trying to start server anyway\n')
        set_pid(True)
        return 0
    if action in ("stop", "reload") and not pid:
        sys.stderr.write('pg_ctl: PID file "%s/postmaster.pid" does not exist\nIs server running?\n' % DATA)
        return 1
    if action == "stop":
        set_pid(False)
        return 0
    if action == "restart":
        if not pid:
            sys.stderr.write('pg_ctl: PID file "%s/postmaster.pid" does not exist\nIs server running?\n'
                             'trying to start server anyway\n' % DATA)
        set_pid(False)
        set_pid(True)
        return 0
    return 0  # reload: the files are read again; nothing else to simulate


def initdb():
    """initdb -D data17 -U postgres --encoding=utf-8 --lc-collate=C, as the rc.d script runs it through su."""
    real = _path(DATA)
    if os.path.isdir(real) and os.listdir(real):
        sys.stderr.write('initdb: error: directory "%s" exists but is not empty\n'
                         'initdb: hint: If you want to create a new database system, either remove or empty the '
                         'directory "%s" or run initdb with an argument other than "%s".\n' % (DATA, DATA, DATA))
        return 1
    if not os.path.isdir(_path("/var/db/postgres")):
        sys.stderr.write('initdb: error: could not create directory "%s": No such file or directory\n' % DATA)
        return 1
    sys.stdout.write(INITDB_OK % {"d": DATA})
    for d in ("", "/base", "/global", "/pg_wal", "/pg_xact"):
        os.makedirs(_path(DATA + d), mode=0o700, exist_ok=True)
    _write(DATA + "/PG_VERSION", "17\n")
    _write(DATA + "/postgresql.conf", POSTGRESQL_CONF)
    _write(DATA + "/postgresql.auto.conf", "# Do not edit this file manually!\n"
                                           "# It will be overwritten by the ALTER SYSTEM command.\n")
    _write(DATA + "/pg_hba.conf", PG_HBA_CONF)
    _write(DATA + "/pg_ident.conf", PG_IDENT_CONF)
    _save({"roles": {"postgres": {"superuser": True, "login": True, "password": None}},
           "databases": {"postgres": "postgres", "template0": "postgres", "template1": "postgres"}})
    return 0


# ------------------------------------------------------------------------------------------------------------------
# the clients: psql, createuser, createdb


def main(argv):
    """argv[1] is the program (the package's wrapper passes it), the rest its arguments."""
    prog, args = os.path.basename(argv[1]), argv[2:]
    common.apply_faults(prog)
    handler = {"psql": psql, "createuser": createuser, "createdb": createdb}.get(prog)
    if handler is None:
        common.err(prog, "not simulated")
    return handler(prog, args)


def _connect(prog, role=None):
    """The catalogue when a connection as ROLE (default: the OS user) would succeed; else prints libpq's error."""
    role = role or _user()
    fail = 'connection to server on socket "%s" failed: ' % SOCKET
    with common.Locked():
        running = initialised() and rcscripts.pid_of("postgresql")
    if not running:
        sys.stderr.write("%s: error: %sNo such file or directory\n\tIs the server running locally and accepting "
                         "connections on that socket?\n" % (prog, fail))
        return None
    cat = _load()
    if role not in cat["roles"]:
        sys.stderr.write('%s: error: %sFATAL:  role "%s" does not exist\n' % (prog, fail, role))
        return None
    return cat


def _opts(prog, args, spec):
    try:
        return common.getopt(args, spec)
    except ValueError as e:
        sys.stderr.write("%s: %s\nTry \"%s --help\" for more information.\n" % (prog, e.args[0], prog))
        sys.exit(1)


def _role_of(opts):
    return next((v for k, v in opts if k == "U"), None)


def createuser(prog, args):
    opts, names = _opts(prog, args, "dDeEglLrRsSU:")
    if len(names) != 1:
        sys.stderr.write("createuser: error: too many command-line arguments (first is \"%s\")\n" % names[1]
                         if len(names) > 1 else "createuser: error: the simulation needs the role name\n")
        return 1
    cat = _connect(prog, _role_of(opts))
    if cat is None:
        return 1
    name = names[0]
    if not cat["roles"].get(_role_of(opts) or _user(), {}).get("superuser"):
        sys.stderr.write("createuser: error: creation of new role failed: ERROR:  permission denied to create "
                         "role\n")
        return 1
    if name in cat["roles"]:
        sys.stderr.write('createuser: error: creation of new role failed: ERROR:  role "%s" already exists\n'
                         % name)
        return 1
    cat["roles"][name] = {"superuser": ("s", True) in opts, "login": ("L", True) not in opts, "password": None}
    _save(cat)
    return 0


def createdb(prog, args):
    opts, names = _opts(prog, args, "eO:U:T:E:")
    if len(names) != 1:
        sys.stderr.write("createdb: error: the simulation needs exactly one database name\n")
        return 1
    cat = _connect(prog, _role_of(opts))
    if cat is None:
        return 1
    name, owner = names[0], next((v for k, v in opts if k == "O"), _role_of(opts) or _user())
    if name in cat["databases"]:
        sys.stderr.write('createdb: error: database creation failed: ERROR:  database "%s" already exists\n' % name)
        return 1
    if owner not in cat["roles"]:
        sys.stderr.write('createdb: error: database creation failed: ERROR:  role "%s" does not exist\n' % owner)
        return 1
    cat["databases"][name] = owner
    _save(cat)
    return 0


def psql(prog, args):
    opts, rest = _opts(prog, args, "AtqXc:d:U:l")
    sql = [v for k, v in opts if k == "c"]
    if not sql and ("l", True) not in opts:
        sql = [sys.stdin.read()]
    cat = _connect(prog, _role_of(opts))
    if cat is None:
        return 2
    unaligned = ("A", True) in opts and ("t", True) in opts
    if ("l", True) in opts:
        return _list(cat, unaligned)
    for text in sql:  # one statement per -c (or stdin): what the lab sends
        status = _statement(cat, text.strip().rstrip(";").strip(), unaligned, ("q", True) in opts)
        if status:
            return status
    _save(cat)
    return 0


def _list(cat, unaligned):
    rows = sorted(cat["databases"].items())
    if unaligned:
        sys.stdout.write("".join("%s|%s|UTF8|libc|C|C.UTF-8|||\n" % r for r in rows))
        return 0
    sys.stdout.write("                                                List of databases\n"
                     "   Name    |  Owner   | Encoding | Locale Provider | Collate |  Ctype  | Locale | ICU Rules |"
                     "   Access privileges\n")
    for name, owner in rows:
        sys.stdout.write(" %-9s | %-8s | UTF8     | libc            | C       | C.UTF-8 |        |           | \n"
                         % (name, owner))
    sys.stdout.write("(%d rows)\n\n" % len(rows))
    return 0


ALTER_PASSWORD = re.compile(r"^ALTER\s+ROLE\s+([a-z_][a-z0-9_]*)\s+(?:WITH\s+)?(LOGIN\s+)?PASSWORD\s+'((?:[^']|'')*)'$",
                            re.I | re.S)
SELECT_ONE = re.compile(r"^SELECT\s+1\s+FROM\s+(pg_roles|pg_database)\s+WHERE\s+(rolname|datname)\s*=\s*'((?:[^']|'')*)'$",
                        re.I)


def _statement(cat, statement, unaligned, quiet):
    """The statements the lab uses: existence queries on pg_roles/pg_database, ALTER ROLE ... PASSWORD."""
    m = SELECT_ONE.match(statement)
    if m and (m.group(1).lower(), m.group(2).lower()) in (("pg_roles", "rolname"), ("pg_database", "datname")):
        found = m.group(3).replace("''", "'") in cat["roles" if m.group(1).lower() == "pg_roles" else "databases"]
        if unaligned:
            sys.stdout.write("1\n" if found else "")
        else:
            sys.stdout.write(" ?column? \n----------\n" + ("        1\n(1 row)\n\n" if found else "(0 rows)\n\n"))
        return 0
    m = ALTER_PASSWORD.match(statement)
    if m:
        role = m.group(1)
        if role not in cat["roles"]:
            sys.stderr.write('ERROR:  role "%s" does not exist\n' % role)
            return 1
        secret = m.group(3).replace("''", "'").encode()
        cat["roles"][role]["password"] = "SCRAM-SHA-256$4096:" + hashlib.sha256(secret).hexdigest()
        if m.group(2):
            cat["roles"][role]["login"] = True
        sys.stdout.write("" if quiet else "ALTER ROLE\n")
        return 0
    sys.stderr.write("ERROR:  the simulated psql only knows SELECT 1 FROM pg_roles|pg_database WHERE "
                     "rolname|datname='...' and ALTER ROLE name [WITH] [LOGIN] PASSWORD '...'\n")
    return 1
