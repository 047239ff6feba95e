"""Simulated network stack of one FreeBSD host: interfaces per vnet, clone/destroy, addresses, bridges, vnet moves.

State file net.json (under fakebsd.common.STATE_DIR, read and written only under common.Locked()):

    {"vnets": {"": [IFACE, ...],            # the host's vnet, in kernel list order (creation order)
               "web": [IFACE, ...]}}        # the vnet of jail "web" (exists while the jail does)

    IFACE = {"name": "epair0a", "index": 3,           # ifindex in its current vnet (lowest free slot)
             "kind": "loop" | "ether" | "bridge" | "epair",
             "unit": 0,                                # clone unit (bridge/epair), else null
             "home": "",                               # vnet it was created in (it returns there)
             "up": true, "mtu": 1500, "ether": "58:9c:fc:..." | null, "hwaddr": null | "...",
             "descr": null | "text", "groups": ["epair"],
             "addrs": [{"af": "inet", "addr": "10.0.0.1", "plen": 24},
                       {"af": "inet6", "addr": "fe80::1", "plen": 64}],   # in the order added
             "options": "8<VLAN_MTU>" | null, "media": "Ethernet ..." | null, "nd6": "29<...>" | null,
             "link": true,                             # link state up (LOWER_UP on 14+)
             "cost": 2000,                             # bridge path cost when this is a member
             "peer": "epair0b" | null,                 # the other end of an epair
             "members": [{"name": "epair0a", "flags": 323}] (bridge, newest first), "bridge": "bridge0" | null}

Seeding: when net.json does not exist yet, the host starts with lo0 and the interfaces of $STATE/seed-net.json,
or a single uplink em0 (up, inet 192.0.2.10/24, MAC derived from the host name) when that file is absent.
seed-net.json is {"interfaces": [SEED, ...]} in kernel order; lo0 is added after them unless listed. SEED fields:
    name (required), kind ("ether" default, "loop"), up (true), mtu (1500), ether (derived from host+name),
    addrs (["192.0.2.10/24", "2001:db8::10/64", "fe80::1"]: CIDR strings, inet6 without length = /64),
    descr, groups ([]), options, media ("Ethernet autoselect (1000baseT <full-duplex>)"), nd6, cost, hwaddr, index.
"""
import zlib

from . import common

PROG = "ifconfig"

IFF_BITS = [(0x1, "UP"), (0x2, "BROADCAST"), (0x4, "DEBUG"), (0x8, "LOOPBACK"), (0x10, "POINTOPOINT"),
            (0x40, "RUNNING"), (0x80, "NOARP"), (0x100, "PROMISC"), (0x200, "ALLMULTI"), (0x400, "OACTIVE"),
            (0x800, "SIMPLEX"), (0x1000, "LINK0"), (0x2000, "LINK1"), (0x4000, "LINK2"), (0x8000, "MULTICAST"),
            (0x1000000, "LOWER_UP")]
IFBIF_BITS = [(0x1, "LEARNING"), (0x2, "DISCOVER"), (0x4, "STP"), (0x8, "SPAN"), (0x10, "STICKY"),
              (0x800, "PRIVATE"), (0x20, "EDGE"), (0x40, "AUTOEDGE"), (0x80, "PTP"), (0x100, "AUTOPTP")]
MEMBER_DEFAULT_FLAGS = 0x143
EPAIR_MEDIA = "Ethernet 10Gbase-T (10Gbase-T <full-duplex>)"
ETHER_MEDIA = "Ethernet autoselect (1000baseT <full-duplex>)"
CLONERS = ("bridge", "epair")
IFNAMSIZ = 16


def bits(value, table):
    names = [name for bit, name in table if value & bit]
    return "%x<%s>" % (value, ",".join(names))


def _hash_mac(prefix, *words):
    h = zlib.crc32("/".join(words).encode())
    return prefix + ":%02x:%02x:%02x" % ((h >> 16) & 0xff, (h >> 8) & 0xff, h & 0xff)


def new_iface(name, kind, home, unit=None):
    return {"name": name, "index": 0, "kind": kind, "unit": unit, "home": home, "up": False,
            "mtu": 16384 if kind == "loop" else 1500, "ether": None, "hwaddr": None, "descr": None,
            "groups": [], "addrs": [], "options": None, "media": None, "nd6": None, "link": False,
            "cost": 2000, "peer": None, "members": [], "bridge": None}


def loopback(home, configured):
    lo = new_iface("lo0", "loop", home)
    lo.update(options="680003<RXCSUM,TXCSUM,LINKSTATE,RXCSUM_IPV6,TXCSUM_IPV6>", groups=["lo"],
              nd6="21<PERFORMNUD,AUTO_LINKLOCAL>")
    if configured:
        lo.update(up=True, link=True, addrs=[{"af": "inet6", "addr": "::1", "plen": 128},
                                              {"af": "inet6", "addr": "fe80::1", "plen": 64},
                                              {"af": "inet", "addr": "127.0.0.1", "plen": 8}])
    return lo


def _seed_addr(text):
    addr, _, plen = text.partition("/")
    if ":" in addr:
        return {"af": "inet6", "addr": canon6(addr.split("%")[0]), "plen": int(plen or 64)}
    return {"af": "inet", "addr": addr, "plen": int(plen or 24)}


def initial_state():
    host = common.hostname()
    seed = common.load("seed-net", None)
    if seed is None:
        seed = {"interfaces": [{"name": "em0", "addrs": ["192.0.2.10/24"]}]}
    ifaces = []
    for s in seed.get("interfaces", []):
        if s.get("name") == "lo0":
            ifaces.append(loopback("", True))
            continue
        kind = s.get("kind", "ether")
        i = new_iface(s["name"], kind, "")
        i.update(up=s.get("up", True), link=True, mtu=s.get("mtu", 16384 if kind == "loop" else 1500),
                 descr=s.get("descr"), groups=list(s.get("groups", [])), hwaddr=s.get("hwaddr"),
                 addrs=[_seed_addr(a) for a in s.get("addrs", [])])
        if kind == "ether":
            i.update(ether=s.get("ether") or _hash_mac("00:a0:98", host, s["name"]),
                     options=s.get("options", "4e507bb<RXCSUM,TXCSUM,VLAN_MTU,VLAN_HWTAGGING,JUMBO_MTU,VLAN_HWCSUM,"
                                              "LRO,WOL_MAGIC,VLAN_HWFILTER,VLAN_HWTSO,RXCSUM_IPV6,TXCSUM_IPV6,"
                                              "HWSTATS,MEXTPG>"),
                     media=s.get("media", ETHER_MEDIA), nd6=s.get("nd6", "29<PERFORMNUD,IFDISABLED,AUTO_LINKLOCAL>"),
                     cost=s.get("cost", 2000 if "10Gbase" in s.get("media", ETHER_MEDIA) else 20000))
        ifaces.append(i)
    if not any(s.get("name") == "lo0" for s in seed.get("interfaces", [])):
        ifaces.append(loopback("", True))
    used = {s["name"]: s["index"] for s in seed.get("interfaces", []) if "index" in s}
    for i in ifaces:
        i["index"] = used.get(i["name"], 0)
    for i in ifaces:
        if not i["index"]:
            i["index"] = _free_index(ifaces)
    return {"vnets": {"": ifaces}}


def load():
    state = common.load("net", None)
    if state is None:
        state = initial_state()
    return state


def save(state):
    common.save("net", state)


def _free_index(ifaces):
    taken = {i["index"] for i in ifaces}
    n = 1
    while n in taken:
        n += 1
    return n


def find(ifaces, name):
    for i in ifaces:
        if i["name"] == name:
            return i
    return None


def canon6(text):
    import ipaddress
    return ipaddress.IPv6Address(text).compressed


def is_linklocal6(addr):
    return addr.lower().startswith("fe8") or addr.lower().startswith("fe9") or addr.lower().startswith("fea") \
        or addr.lower().startswith("feb")


# ----------------------------------------------------------------------------------------------------------------
# Rendering


def flags_of(i, major):
    f = 0
    kind = i["kind"]
    if kind == "loop":
        f |= 0x8 | 0x8000
    else:
        f |= 0x2 | 0x800 | 0x8000
    if i["up"]:
        f |= 0x1 | 0x40
    if i.get("bridge"):
        f |= 0x100
    if major >= 14:
        if kind == "bridge":
            lower = False  # set below by caller, which knows the members
        else:
            lower = i["up"] if kind == "loop" else i["link"]
        if lower:
            f |= 0x1000000
    return f


def inet_mask(plen):
    return (0xffffffff << (32 - plen)) & 0xffffffff if plen else 0


def ip4_int(text):
    a, b, c, d = (int(x) for x in text.split("."))
    return (a << 24) | (b << 16) | (c << 8) | d


def int_ip4(n):
    return "%d.%d.%d.%d" % ((n >> 24) & 0xff, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff)


def addr_lines(i, fmt):
    lines = []
    inet_fmt = fmt.get("inet", "hex")
    inet6_fmt = fmt.get("inet6", "numeric")
    for a in i["addrs"]:
        if a["af"] == "inet":
            mask = inet_mask(a["plen"])
            if inet_fmt == "cidr":
                line = "\tinet %s/%d" % (a["addr"], a["plen"])
            elif inet_fmt == "dotted":
                line = "\tinet %s netmask %s" % (a["addr"], int_ip4(mask))
            else:
                line = "\tinet %s netmask 0x%08x" % (a["addr"], mask)
            if i["kind"] != "loop" and a["plen"] > 0:
                line += " broadcast %s" % int_ip4(ip4_int(a["addr"]) | (~mask & 0xffffffff))
            lines.append((0, line))
        else:
            ll = is_linklocal6(a["addr"])
            addr = a["addr"] + ("%" + i["name"] if ll else "")
            if inet6_fmt == "cidr":
                line = "\tinet6 %s/%d" % (addr, a["plen"])
            else:
                line = "\tinet6 %s prefixlen %d" % (addr, a["plen"])
            if ll:
                line += " scopeid 0x%x" % i["index"]
            lines.append((1, line))
    return lines


def status(ifaces, i, major, fmt, only_af=None):
    """Full 'ifconfig IF' text for the simulated release."""
    out = []
    f = flags_of(i, major)
    if i["kind"] == "bridge" and major >= 14:
        for m in i["members"]:
            mi = find(ifaces, m["name"])
            if mi and mi["link"]:
                f |= 0x1000000
                break
    out.append("%s: flags=%s metric 0 mtu %d" % (i["name"], bits(f, IFF_BITS), i["mtu"]))
    if i["descr"] and only_af is None:
        out.append("\tdescription: " + i["descr"])
    if i["options"] and major < 15 and only_af is None:
        out.append("\toptions=" + i["options"])
    if i["ether"] and only_af in (None, "ether", "link"):
        out.append("\tether " + i["ether"])
        if i.get("hwaddr") and i["hwaddr"] != i["ether"] and major >= 14:
            out.append("\thwaddr " + i["hwaddr"])
    lines = addr_lines(i, fmt)
    if only_af is not None:
        lines = [ln for ln in lines if (ln[0] == 0) == (only_af == "inet") and only_af in ("inet", "inet6")]
    if major >= 14:
        lines.sort(key=lambda ln: ln[0])
    out.extend(ln[1] for ln in lines)
    if only_af is not None:
        return "\n".join(out) + "\n"
    if i["kind"] == "bridge":
        out.append("\tid 00:00:00:00:00:00 priority 32768 hellotime 2 fwddelay 15")
        out.append("\tmaxage 20 holdcnt 6 proto rstp maxaddr 2000 timeout 1200")
        if major < 15:
            out.append("\troot id 00:00:00:00:00:00 priority 32768 ifcost 0 port 0")
        for m in i["members"]:
            mi = find(ifaces, m["name"])
            port = mi["index"] if mi else 0
            cost = mi["cost"] if mi else 2000
            out.append("\tmember: %s flags=%s" % (m["name"], bits(m["flags"], IFBIF_BITS)))
            stp = " proto rstp" if m["flags"] & 0x4 else ""
            if major >= 15:
                out.append("\t        port %d priority 128 path cost %d%s" % (port, cost, stp))
            else:
                out.append("\t        ifmaxaddr 0 port %d priority 128 path cost %d%s" % (port, cost, stp))
            if stp:
                out.append("\t        role designated state forwarding")
    groups = list(i["groups"])
    if groups and not (i["kind"] == "bridge" and major >= 15):
        out.append("\tgroups: " + " ".join(groups))
    if i["media"]:
        out.append("\tmedia: " + i["media"])
        out.append("\tstatus: " + ("active" if i["link"] else "no carrier"))
    if i["nd6"] and major < 15:
        out.append("\tnd6 options=" + i["nd6"])
    return "\n".join(out) + "\n"


# ----------------------------------------------------------------------------------------------------------------
# Operations on a vnet's interface list. Each raises Fail(message) with the exact ifconfig stderr text.


class Fail(Exception):
    pass


def clone_create(state, vnet, name):
    """Creates NAME (bridge, bridgeN, epair, epairN) in VNET; returns the name the kernel chose."""
    ifaces = state["vnets"][vnet]
    base = name.rstrip("0123456789")
    digits = name[len(base):]
    if base not in CLONERS or (digits and len(digits) > 1 and digits[0] == "0"):
        raise Fail("SIOCIFCREATE2 (%s): Invalid argument" % name if common.version()[1] >= 14
                   else "SIOCIFCREATE2: Invalid argument")
    used = set()
    for ifs in state["vnets"].values():
        for i in ifs:
            if i["kind"] == base and i["home"] == vnet:
                used.add(i["unit"])
    if digits:
        unit = int(digits)
        if unit in used or find(ifaces, name) or (base == "epair" and (find(ifaces, name + "a") or find(ifaces, name + "b"))):
            raise Fail("interface %s already exists" % name)
    else:
        unit = 0
        while unit in used or find(ifaces, "%s%d" % (base, unit)) or (
                base == "epair" and (find(ifaces, "epair%da" % unit) or find(ifaces, "epair%db" % unit))):
            unit += 1
    host = common.hostname()
    major = common.version()[1]
    created = []
    if base == "bridge":
        b = new_iface("bridge%d" % unit, "bridge", vnet, unit)
        b.update(groups=["bridge"], nd6="9<PERFORMNUD,IFDISABLED>",
                 ether=_hash_mac("58:9c:fc" if major >= 14 else "02:%02x:00" % (unit & 0xff), host, vnet,
                                 "bridge%d" % unit))
        created.append(b)
        result = b["name"]
    else:
        for side in "ab":
            e = new_iface("epair%d%s" % (unit, side), "epair", vnet, unit)
            if major >= 14:
                mac = _hash_mac("58:9c:fc", host, vnet, e["name"])
            else:
                mac = _hash_mac("02:00", host, vnet, e["name"]) + ":0" + side
            e.update(groups=["epair"], options="8<VLAN_MTU>", media=EPAIR_MEDIA, link=True, ether=mac,
                     nd6="29<PERFORMNUD,IFDISABLED,AUTO_LINKLOCAL>", peer="epair%d%s" % (unit, "b" if side == "a" else "a"))
            created.append(e)
        result = "epair%da" % unit
    for c in created:
        c["index"] = _free_index(ifaces)
        ifaces.append(c)
    return result


def _detach_from_bridge(ifaces, i):
    if i.get("bridge"):
        b = find(ifaces, i["bridge"])
        if b:
            b["members"] = [m for m in b["members"] if m["name"] != i["name"]]
        i["bridge"] = None


def _remove(ifaces, i):
    _detach_from_bridge(ifaces, i)
    if i["kind"] == "bridge":
        for m in i["members"]:
            mi = find(ifaces, m["name"])
            if mi:
                mi["bridge"] = None
    ifaces.remove(i)


def destroy(state, vnet, i):
    ifaces = state["vnets"][vnet]
    if i["kind"] not in CLONERS:
        raise Fail("SIOCIFDESTROY: Invalid argument")
    _remove(ifaces, i)
    if i["kind"] == "epair" and i["peer"]:
        for ifs in state["vnets"].values():
            p = find(ifs, i["peer"])
            if p and p["kind"] == "epair" and p["unit"] == i["unit"] and p["home"] == i["home"]:
                _remove(ifs, p)
                break


def move(state, i, src, dst):
    """if_vmove: the interface leaves SRC's vnet (bridge, addresses, up flag) and gets a new index in DST."""
    _remove(state["vnets"][src], i)
    dst_ifaces = state["vnets"].setdefault(dst, [])
    i["up"] = False
    i["addrs"] = []
    i["groups"] = [g for g in i["groups"] if g in ("epair", "bridge", "lo")]
    i["index"] = _free_index(dst_ifaces)
    dst_ifaces.append(i)


def vnet_create(state, jail):
    state["vnets"][jail] = [dict(loopback(jail, False), index=1)]


def vnet_destroy(state, jail):
    """The jail's vnet goes away: interfaces from elsewhere go home, the ones cloned inside are destroyed."""
    ifaces = state["vnets"].get(jail)
    if ifaces is None:
        return
    for i in list(ifaces):
        if i not in ifaces:
            continue
        if i["home"] == jail:
            if i["kind"] in CLONERS:
                destroy(state, jail, i)
            else:
                ifaces.remove(i)
        else:
            home = i["home"] if i["home"] in state["vnets"] else ""
            move(state, i, jail, home)
    del state["vnets"][jail]
    state.get("routes", {}).pop(jail, None)  # a vnet's routing table goes with it


def bring_up(i):
    """IFF_UP; a loopback with AUTO_LINKLOCAL (and not IFDISABLED) also gets its fe80::1 as the kernel adds it."""
    i["up"] = True
    nd6 = i.get("nd6") or ""
    if i["kind"] == "loop" and "AUTO_LINKLOCAL" in nd6 and "IFDISABLED" not in nd6 \
            and not any(a["af"] == "inet6" and is_linklocal6(a["addr"]) for a in i["addrs"]):
        i["addrs"].append({"af": "inet6", "addr": "fe80::1", "plen": 64})


def add_addr(i, af, addr, plen, alias):
    addrs = i["addrs"]
    if not alias:
        firsts = [a for a in addrs if a["af"] == af]
        if af == "inet" and firsts:
            addrs.remove(firsts[0])
    for a in addrs:
        if a["af"] == af and a["addr"] == addr:
            a["plen"] = plen
            return
    addrs.append({"af": af, "addr": addr, "plen": plen})


def del_addr(i, af, addr):
    for a in i["addrs"]:
        if a["af"] == af and a["addr"] == addr:
            i["addrs"].remove(a)
            return
    raise Fail("ioctl (SIOCDIFADDR%s): Can't assign requested address" % ("_IN6" if af == "inet6" else ""))


def addm(ifaces, b, name):
    m = find(ifaces, name)
    if m is None:
        raise Fail("BRDGADD %s: No such file or directory" % name)
    if m.get("bridge") == b["name"]:
        raise Fail("BRDGADD %s: File exists" % name)
    if m.get("bridge") or m is b or m["kind"] == "loop":
        raise Fail("BRDGADD %s: %s" % (name, "Device busy" if m.get("bridge") else "Invalid argument"))
    if not b["members"]:
        b["mtu"] = m["mtu"]
    else:
        m["mtu"] = b["mtu"]
    b["members"].insert(0, {"name": name, "flags": MEMBER_DEFAULT_FLAGS})
    m["bridge"] = b["name"]


def deletem(ifaces, b, name):
    m = find(ifaces, name)
    if m is None or m.get("bridge") != b["name"]:
        raise Fail("BRDGDEL %s: No such file or directory" % name)
    _detach_from_bridge(ifaces, m)
