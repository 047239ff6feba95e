package org.drover.template;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drover.text.PyText;

/** os.path's basename, dirname, splitext, expanduser, realpath; urlsplit and urlencode. */
final class PathFilters {
    private static final Pattern URL = Pattern.compile("^(?:([A-Za-z][A-Za-z0-9+.-]*):)?(?://([^/?#]*))?([^?#]*)(?:\\?([^#]*))?(?:#(.*))?$",
            Pattern.DOTALL);

    private PathFilters() {}

    static void register(Registrar r) {
        r.filter("basename", (v, a) -> {
            String s = PyText.str(v);
            return s.substring(s.lastIndexOf('/') + 1);
        });
        r.filter("dirname", (v, a) -> dirname(PyText.str(v)));
        r.filter("splitext", (v, a) -> splitext(PyText.str(v)));
        r.filter("expanduser", (v, a) -> {
            String s = PyText.str(v);
            if (s.equals("~") || s.startsWith("~/")) {
                return System.getProperty("user.home") + s.substring(1);
            }
            return s;
        });
        r.filter("realpath", (v, a) -> {
            try {
                return Path.of(PyText.str(v)).toAbsolutePath().toRealPath().toString();
            } catch (java.io.IOException e) {
                return Path.of(PyText.str(v)).toAbsolutePath().normalize().toString();
            }
        });
        r.filter("path_join", (v, a) -> {
            String out = "";
            for (Object p : PyValues.iterate(v instanceof CharSequence ? List.of(v) : v)) {
                String s = PyText.str(p);
                out = s.startsWith("/") || out.isEmpty() ? s : out + (out.endsWith("/") ? "" : "/") + s;
            }
            return out;
        });
        r.filter("urlsplit", (v, a) -> urlsplit(PyText.str(v), a.string(0, "query", "")));
        r.filter("urlencode", (v, a) -> urlencode(v));
    }

    /** os.path.dirname: everything before the last slash, trailing slashes dropped unless all slashes. */
    static String dirname(String s) {
        int i = s.lastIndexOf('/') + 1;
        String head = s.substring(0, i);
        if (!head.isEmpty() && !head.matches("/+")) {
            head = head.replaceAll("/+$", "");
        }
        return head;
    }

    /** os.path.splitext: [root, ext], leading dots of the name not counting as an extension. */
    static List<Object> splitext(String s) {
        int slash = s.lastIndexOf('/');
        int dot = s.lastIndexOf('.');
        if (dot > slash) {
            int start = slash + 1;
            while (start < dot && s.charAt(start) == '.') {
                start++;
            }
            if (start < dot) {
                return List.of(s.substring(0, dot), s.substring(dot));
            }
        }
        return List.of(s, "");
    }

    /** Ansible's urlsplit: a dict of the parts, or one part when query names it. */
    static Object urlsplit(String url, String query) {
        Matcher m = URL.matcher(url);
        m.matches();
        String netloc = m.group(2) == null ? "" : m.group(2);
        String userinfo = netloc.contains("@") ? netloc.substring(0, netloc.lastIndexOf('@')) : null;
        String hostport = netloc.substring(netloc.lastIndexOf('@') + 1);
        Map<String, Object> parts = new LinkedHashMap<>();
        parts.put("fragment", m.group(5) == null ? "" : m.group(5));
        String host = hostport.startsWith("[") ? hostport.substring(1, Math.max(1, hostport.indexOf(']')))
                : hostport.replaceAll(":.*$", "");
        parts.put("hostname", host.isEmpty() ? null : host.toLowerCase(java.util.Locale.ROOT));
        parts.put("netloc", netloc);
        parts.put("password", userinfo != null && userinfo.contains(":") ? userinfo.substring(userinfo.indexOf(':') + 1) : null);
        parts.put("path", m.group(3));
        String portText = hostport.replaceAll("^(\\[[^]]*]|[^:]*)", "");
        parts.put("port", portText.startsWith(":") && portText.length() > 1 ? (Object) Long.parseLong(portText.substring(1)) : null);
        parts.put("query", m.group(4) == null ? "" : m.group(4));
        parts.put("scheme", m.group(1) == null ? "" : m.group(1).toLowerCase(java.util.Locale.ROOT));
        parts.put("username", userinfo == null ? null : userinfo.replaceAll(":.*$", ""));
        if (query.isEmpty()) {
            return parts;
        }
        if (!parts.containsKey(query)) {
            throw new TemplateException("urlsplit: unknown URL component: " + query, null);
        }
        return parts.get(query);
    }

    /** Jinja2's urlencode: a string quoted for a URL path, or a dict or pairs as a query string. */
    static String urlencode(Object v) {
        if (v instanceof Map<?, ?> || v instanceof List<?>) {
            List<String> pairs = new ArrayList<>();
            Iterable<?> items = v instanceof Map<?, ?> m ? m.entrySet() : (List<?>) v;
            for (Object item : items) {
                Object k = item instanceof Map.Entry<?, ?> e ? e.getKey() : ((List<?>) item).get(0);
                Object x = item instanceof Map.Entry<?, ?> e ? e.getValue() : ((List<?>) item).get(1);
                pairs.add(quote(PyText.str(k), false) + "=" + quote(PyText.str(x), false));
            }
            return String.join("&", pairs);
        }
        return quote(PyText.str(v), true);
    }

    /** Jinja2's url_quote: safe are letters, digits and _.-~; in a path also / (blank %20), in a query blank is +. */
    private static String quote(String s, boolean path) {
        String q = URLEncoder.encode(s, StandardCharsets.UTF_8).replace("%7E", "~").replace("*", "%2A");
        return path ? q.replace("+", "%20").replace("%2F", "/") : q;
    }
}
