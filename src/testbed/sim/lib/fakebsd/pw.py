"""Simulated FreeBSD pw(8) (usr.sbin/pw): useradd, usermod, userdel, usershow, groupadd, groupmod, groupdel,
groupshow on the simulated host's own /etc/master.passwd, /etc/passwd and /etc/group (below $FAKEBSD_ROOT, or the
jail's path when run by jexec). master.passwd lines are name:password:uid:gid:class:change:expire:gecos:home:shell;
/etc/passwd gets the v7 line (password '*', no class/change/expire) of each user pw touches, as pwd_mkdb would
write it; other lines of /etc/passwd are left as they are (in the fleet the machine's own accounts live there).

Messages and exit statuses follow pw_user.c / pw_group.c: 'no such user `X'' and 'unknown group `X'' exit 67
(EX_NOUSER); 'login name `X' already exists', 'group name `X' already exists', 'uid `N' has already been
allocated', 'gid `N' has already been allocated' exit 65 (EX_DATAERR); 'group `X' does not exist' exit 67. -H FD
reads one line (the hash) from descriptor FD; without it a new account gets '*' (pw.conf's default
defaultpasswd "no": no login by password). userdel also removes the user's crontab, the group named after the
user when it is the user's primary group and has no other members, and with -r the home directory.
"""
import os
import sys

from . import common

EX_USAGE, EX_DATAERR, EX_NOUSER = 64, 65, 67
OPTS = {"user": "C:qn:u:c:d:e:p:g:G:mM:k:s:oL:i:w:h:H:Db:NPy:Y:a7FrV:R:",
        "group": "C:qn:g:M:m:d:l:ohH:FPNYV:R:a"}
MIN_ID = 1000


class Fail(Exception):
    def __init__(self, message, status):
        Exception.__init__(self, message)
        self.status = status


def root():
    jail = os.environ.get("FAKEBSD_JAIL")
    if jail:
        for j in (common.load("jails", {}) or {}).get("jails", []):
            if j.get("name") == jail:
                return common.host_path(j.get("params", {}).get("path", "/")).rstrip("/")
    return common.HOST_ROOT


def path(name):
    return root() + "/etc/" + name


def read_lines(name):
    try:
        with open(path(name)) as f:
            return [l for l in f.read().split("\n") if l != ""]
    except FileNotFoundError:
        return []


def write_lines(name, lines, mode):
    p = path(name)
    tmp = p + ".pw.%d" % os.getpid()
    with open(tmp, "w") as f:
        f.write("".join(l + "\n" for l in lines))
    try:
        st = os.stat(p)
        os.chmod(tmp, st.st_mode & 0o7777)
        os.chown(tmp, st.st_uid, st.st_gid)
    except FileNotFoundError:
        os.chmod(tmp, mode)
    os.replace(tmp, p)


def users():
    return [l.split(":") for l in read_lines("master.passwd") if not l.startswith("#") and l.count(":") == 9]


def groups():
    return [l.split(":") for l in read_lines("group") if not l.startswith("#") and l.count(":") == 3]


def find(rows, name):
    for r in rows:
        if r[0] == name:
            return r
    return None


def find_group(rows, spec):
    g = find(rows, spec)
    if g is None and spec.isdigit():
        for r in rows:
            if r[2] == spec:
                return r
    return g


def save(us, gs, touched=(), removed=()):
    write_lines("master.passwd", [":".join(u) for u in us], 0o600)
    by_name = {u[0]: u for u in us}
    out, seen = [], set()
    for line in read_lines("passwd"):
        name = line.split(":")[0]
        if name in removed:
            continue
        if name in touched and name in by_name:
            line = v7(by_name[name])
            seen.add(name)
        out.append(line)
    for name in touched:
        if name not in seen and name in by_name:
            out.append(v7(by_name[name]))
    write_lines("passwd", out, 0o644)
    write_lines("group", [":".join(g) for g in gs], 0o644)


def v7(u):
    return ":".join([u[0], "*", u[2], u[3], u[7], u[8], u[9]])


def free_id(used, start):
    i = start
    while str(i) in used:
        i += 1
    return str(i)


def group_list(gs, spec):
    names = []
    for g in [x.strip() for x in spec.split(",") if x.strip()] if spec else []:
        row = find_group(gs, g)
        if row is None:
            raise Fail("group `%s' does not exist" % g, EX_NOUSER)
        names.append(row[0])
    return names


def set_members(gs, user, names):
    for g in gs:
        members = [m for m in g[3].split(",") if m]
        if g[0] in names and user not in members:
            members.append(user)
        elif g[0] not in names and user in members:
            members.remove(user)
        g[3] = ",".join(members)


def read_hash(fd):
    data = b""
    while not data.endswith(b"\n"):
        chunk = os.read(int(fd), 1024)
        if not chunk:
            break
        data += chunk
    return data.decode("utf-8", "surrogateescape").split("\n")[0].rstrip("\r")


def make_home(home, uid, gid):
    p = root() + home
    if not os.path.isdir(p):
        os.makedirs(p, 0o755)
        os.chown(p, int(uid), int(gid))


def user_add(o, name):
    us, gs = users(), groups()
    if find(us, name):
        raise Fail("login name `%s' already exists" % name, EX_DATAERR)
    uid = o.get("u")
    if uid is not None and "o" not in o and any(u[2] == uid for u in us):
        raise Fail("uid `%s' has already been allocated" % uid, EX_DATAERR)
    uid = uid or free_id({u[2] for u in us}, MIN_ID)
    supplementary = group_list(gs, o.get("G"))
    if "g" in o:
        g = find_group(gs, o["g"])
        if g is None:
            raise Fail("group `%s' does not exist" % o["g"], EX_NOUSER)
    else:
        g = find(gs, name)
        if g is None:
            gid = uid if all(x[2] != uid for x in gs) else free_id({x[2] for x in gs}, MIN_ID)
            g = [name, "*", gid, ""]
            gs.append(g)
    home = o.get("d", "/home/" + name)
    user = [name, "*", uid, g[2], "", "0", "0", o.get("c", "User &"), home, o.get("s", "/bin/sh")]
    if "H" in o:
        user[1] = o["H"]
    us.append(user)
    set_members(gs, name, supplementary)
    save(us, gs, touched=[name])
    if "m" in o:
        make_home(home, uid, g[2])
    return 0


def user_mod(o, name):
    us, gs = users(), groups()
    u = find(us, name)
    if u is None:
        raise Fail("no such user `%s'" % name, EX_NOUSER)
    if "u" in o and o["u"] != u[2]:
        if "o" not in o and any(x[2] == o["u"] for x in us):
            raise Fail("uid `%s' has already been allocated" % o["u"], EX_DATAERR)
        u[2] = o["u"]
    if "g" in o:
        g = find_group(gs, o["g"])
        if g is None:
            raise Fail("group `%s' does not exist" % o["g"], EX_NOUSER)
        u[3] = g[2]
    if "G" in o:
        set_members(gs, name, group_list(gs, o["G"]))
    for letter, field in (("c", 7), ("d", 8), ("s", 9)):
        if letter in o:
            u[field] = o[letter]
    if "H" in o:
        u[1] = o["H"]
    save(us, gs, touched=[name])
    if "m" in o:
        make_home(u[8], u[2], u[3])
    return 0


def user_del(o, name):
    us, gs = users(), groups()
    u = find(us, name)
    if u is None:
        raise Fail("no such user `%s'" % name, EX_NOUSER)
    us.remove(u)
    set_members(gs, name, [])
    own = find(gs, name)
    if own is not None and own[2] == u[3] and not own[3]:
        gs.remove(own)
    save(us, gs, removed=[name])
    tab = root() + "/var/cron/tabs/" + name
    if os.path.exists(tab):
        os.unlink(tab)
    if "r" in o:
        import shutil
        home = root() + u[8]
        if u[8] not in ("", "/") and os.path.isdir(home):
            shutil.rmtree(home)
    return 0


def show(rows, name, all_rows, missing):
    if all_rows:
        sys.stdout.write("".join(":".join(r) + "\n" for r in rows))
        return 0
    r = find(rows, name)
    if r is None:
        raise Fail(missing % name, EX_NOUSER)
    sys.stdout.write(":".join(r) + "\n")
    return 0


def group_add(o, name):
    gs = groups()
    if find(gs, name):
        raise Fail("group name `%s' already exists" % name, EX_DATAERR)
    gid = o.get("g")
    if gid is not None and "o" not in o and any(g[2] == gid for g in gs):
        raise Fail("gid `%s' has already been allocated" % gid, EX_DATAERR)
    gs.append([name, "*", gid or free_id({g[2] for g in gs}, MIN_ID), ""])
    save(users(), gs)
    return 0


def group_mod(o, name):
    gs = groups()
    g = find(gs, name)
    if g is None:
        raise Fail("unknown group `%s'" % name, EX_NOUSER)
    if "g" in o and o["g"] != g[2]:
        if "o" not in o and any(x[2] == o["g"] for x in gs):
            raise Fail("gid `%s' has already been allocated" % o["g"], EX_DATAERR)
        g[2] = o["g"]
    save(users(), gs)
    return 0


def group_del(o, name):
    gs = groups()
    g = find(gs, name)
    if g is None:
        raise Fail("unknown group `%s'" % name, EX_NOUSER)
    gs.remove(g)
    save(users(), gs)
    return 0


COMMANDS = {("user", "add"): user_add, ("user", "mod"): user_mod, ("user", "del"): user_del,
            ("group", "add"): group_add, ("group", "mod"): group_mod, ("group", "del"): group_del}


def main(argv):
    common.apply_faults("pw")
    args = argv[1:]
    if not args:
        sys.stderr.write("usage:\n  pw [user|group|lock|unlock] [add|del|mod|show|next] [help|switches/values]\n")
        return EX_USAGE
    word = args.pop(0)
    kind, verb = (word[:-4], word[-4:]) if word.endswith("show") else (word[:-3], word[-3:])
    if kind not in OPTS or verb not in ("add", "mod", "del", "show"):
        sys.stderr.write("pw: unknown keyword `%s'\n" % word)
        return EX_USAGE
    name = args.pop(0) if args and not args[0].startswith("-") else None
    try:
        opts, rest = common.getopt(args, OPTS[kind])
    except ValueError as e:
        sys.stderr.write("pw: %s\n" % e.args[0])
        return EX_USAGE
    o = dict(opts)
    name = o.get("n", name)
    if name is None and not (verb == "show" and "a" in o):
        sys.stderr.write("pw: %s name or id required\n" % ("user" if kind == "user" else "group"))
        return EX_USAGE
    if "H" in o:
        # the hash's descriptor is read before the lock is taken: a writer behind it may need the lock itself
        o["H"] = read_hash(o["H"])
    try:
        with common.Locked():
            if verb == "show":
                if kind == "user":
                    return show(users(), name, "a" in o, "no such user `%s'")
                return show(groups(), name, "a" in o, "unknown group `%s'")
            if not common.is_root():
                raise Fail("you must be root to run this program", 77)  # EX_NOPERM
            return COMMANDS[(kind, verb)](o, name)
    except Fail as f:
        sys.stdout.flush()
        sys.stderr.write("pw: %s\n" % f)
        return f.status
