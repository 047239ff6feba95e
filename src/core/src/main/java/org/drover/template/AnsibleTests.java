package org.drover.template;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.drover.text.PyRegex;
import org.drover.text.PyText;

/** Jinja2's and Ansible's tests ({@code x is name}), with Python's types and Ansible's task-result rules. */
final class AnsibleTests {
    private AnsibleTests() {}

    static void register(Registrar r) {
        r.test("match", (v, a) -> regex(v, a).matcher(PyText.str(v)).lookingAt());
        r.test("search", (v, a) -> regex(v, a).matcher(PyText.str(v)).find());
        r.test("regex", (v, a) -> {
            java.util.regex.Matcher m = regex(v, a).matcher(PyText.str(v));
            String type = a.string(3, "match_type", "search");
            return switch (type) {
                case "match" -> m.lookingAt();
                case "fullmatch" -> m.matches();
                default -> m.find();
            };
        });
        r.test("version", AnsibleTests::version);
        r.test("version_compare", AnsibleTests::version);
        r.test("subset", (v, a) -> subset(v, a.required(0, "b", "subset")));
        r.test("issubset", (v, a) -> subset(v, a.required(0, "b", "issubset")));
        r.test("superset", (v, a) -> subset(a.required(0, "b", "superset"), v));
        r.test("issuperset", (v, a) -> subset(a.required(0, "b", "issuperset"), v));
        r.test("contains", (v, a) -> PyValues.contains(v, a.required(0, "value", "contains")));
        r.test("in", (v, a) -> PyValues.contains(a.required(0, "seq", "in"), v));
        r.test("truthy", (v, a) -> JinjavaTemplater.truthy(a.flag(0, "convert_bool", false) ? convertBool(v) : v));
        r.test("falsy", (v, a) -> !JinjavaTemplater.truthy(a.flag(0, "convert_bool", false) ? convertBool(v) : v));
        r.test("nan", (v, a) -> PyNumbers.isFloat(v) && Double.isNaN(PyNumbers.dbl(v)));
        r.test("isnan", (v, a) -> PyNumbers.isFloat(v) && Double.isNaN(PyNumbers.dbl(v)));
        r.test("any", (v, a) -> PyValues.iterate(v).stream().anyMatch(JinjavaTemplater::truthy));
        r.test("all", (v, a) -> PyValues.iterate(v).stream().allMatch(JinjavaTemplater::truthy));
        registerTypes(r);
        registerResults(r);
    }

    /** Jinja2's type tests, on Python's types: a bool is a number but not an integer. */
    private static void registerTypes(Registrar r) {
        r.test("string", (v, a) -> v instanceof CharSequence);
        r.test("number", (v, a) -> PyNumbers.isNumber(v));
        r.test("integer", (v, a) -> PyNumbers.isInt(v) && !(v instanceof Boolean));
        r.test("float", (v, a) -> PyNumbers.isFloat(v));
        r.test("boolean", (v, a) -> v instanceof Boolean);
        r.test("none", (v, a) -> v == null);
        r.test("mapping", (v, a) -> v instanceof Map);
        r.test("iterable", (v, a) -> v instanceof CharSequence || v instanceof Collection || v instanceof Map);
        r.test("sequence", (v, a) -> v instanceof CharSequence || v instanceof Collection || v instanceof Map);
        r.test("lower", (v, a) -> v instanceof CharSequence s && s.toString().toLowerCase().equals(s.toString()));
        r.test("upper", (v, a) -> v instanceof CharSequence s && s.toString().toUpperCase().equals(s.toString()));
    }

    /** The task-result tests on a registered result. */
    private static void registerResults(Registrar r) {
        for (String name : List.of("failed", "failure")) {
            r.test(name, (v, a) -> flag(result(v, "failed"), "failed"));
        }
        for (String name : List.of("succeeded", "success", "successful")) {
            r.test(name, (v, a) -> !flag(result(v, "failed"), "failed"));
        }
        r.test("unreachable", (v, a) -> flag(result(v, "unreachable"), "unreachable"));
        r.test("reachable", (v, a) -> !flag(result(v, "unreachable"), "unreachable"));
        for (String name : List.of("changed", "change")) {
            r.test(name, (v, a) -> changed(result(v, "changed")));
        }
        for (String name : List.of("skipped", "skip")) {
            r.test(name, (v, a) -> flag(result(v, "skipped"), "skipped"));
        }
        r.test("finished", (v, a) -> !result(v, "finished").containsKey("finished") || PyValues.equal(result(v, "finished").get("finished"), 1L));
        r.test("started", (v, a) -> !result(v, "started").containsKey("started") || PyValues.equal(result(v, "started").get("started"), 1L));
    }

    private static Map<?, ?> result(Object v, String test) {
        if (v instanceof Map<?, ?> m) {
            return m;
        }
        throw new TemplateException("The '" + test + "' test expects a dictionary", null);
    }

    private static boolean flag(Map<?, ?> result, String key) {
        return JinjavaTemplater.truthy(result.get(key));
    }

    /** changed, or (without a changed key) any of the results of a loop changed. */
    private static boolean changed(Map<?, ?> result) {
        if (result.containsKey("changed")) {
            return flag(result, "changed");
        }
        if (result.get("results") instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof Map) {
            return l.stream().anyMatch(x -> x instanceof Map<?, ?> m && flag(m, "changed"));
        }
        return false;
    }

    private static Object convertBool(Object v) {
        if (v instanceof Boolean || v instanceof CharSequence || PyNumbers.isNumber(v)) {
            String s = PyText.str(v).toLowerCase();
            if (List.of("y", "yes", "on", "1", "true", "t", "1.0").contains(s)) {
                return true;
            }
            if (List.of("n", "no", "off", "0", "false", "f", "0.0").contains(s)) {
                return false;
            }
        }
        return v;
    }

    private static Pattern regex(Object v, FilterArgs a) {
        return TextFilters.re(() -> PyRegex.compile(a.string(0, "pattern", ""), a.flag(1, "ignorecase", false),
                a.flag(2, "multiline", false)));
    }

    /** Python's set(a) <= set(b). */
    private static boolean subset(Object a, Object b) {
        List<Object> big = PyValues.iterate(b);
        return PyValues.iterate(a).stream().allMatch(x -> PyValues.contains(big, x));
    }

    private static boolean version(Object v, FilterArgs a) {
        Object strict = a.get(2, "strict", null);
        Object type = a.get(3, "version_type", null);
        if (strict instanceof CharSequence && type == null) { // version_type='semver' after Jinjava dropped its name
            type = strict;
            strict = null;
        }
        if (strict != null && type != null) {
            throw new TemplateException("Cannot specify both 'strict' and 'version_type'", null);
        }
        String kind = JinjavaTemplater.truthy(strict) ? "strict" : type == null ? "loose" : PyText.str(type);
        String value = PyText.str(v);
        String other = PyText.str(a.required(0, "version", "version"));
        if (!JinjavaTemplater.truthy(v)) {
            throw new TemplateException("Input version value cannot be empty", null);
        }
        if (other.isEmpty()) {
            throw new TemplateException("Version parameter to compare against cannot be empty", null);
        }
        int c = Versions.compare(kind, value, other);
        String op = a.string(1, "operator", "eq");
        return switch (op) {
            case "<", "lt" -> c < 0;
            case "<=", "le" -> c <= 0;
            case ">", "gt" -> c > 0;
            case ">=", "ge" -> c >= 0;
            case "!=", "<>", "ne" -> c != 0;
            case "==", "=", "eq" -> c == 0;
            default -> throw new TemplateException("Invalid operator type (" + op + "). Must be one of '==', '=', 'eq', "
                    + "'<', 'lt', '<=', 'le', '>', 'gt', '>=', 'ge', '!=', '<>', 'ne'", null);
        };
    }
}
