package org.drover.text;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The one JSON writer (and reader), on Jackson's streaming generator. Values are maps, collections or arrays,
 * strings, numbers, booleans and null; anything else is written as its text. Numbers follow Python: integers as
 * digits, floating point as Python's {@code repr} ({@code 1.0}, {@code 0.1}, {@code 1e+16}), so a value reads the
 * same in a report, in {@code drover inventory} and in a template.
 *
 * <p>Two families of layout:
 * <ul>
 *   <li>{@link #compact} and {@link #pretty}: drover's own output (event stream, console, JUnit, inventory). Strict
 *   JSON: NaN and infinities become strings; text stays UTF-8 (only controls and U+2028/U+2029 are escaped).</li>
 *   <li>{@link #toJson} and {@link #toNiceJson}: Ansible's {@code to_json} / {@code to_nice_json} filters, i.e.
 *   Python's {@code json.dumps} with its defaults ({@code ensure_ascii}, {@code NaN}/{@code Infinity} as is).</li>
 * </ul>
 */
public final class JsonText {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    /** How one layout writes: separators, indent, key order, escaping and non-finite numbers. */
    private record Style(String itemSeparator, String keySeparator, int indent, boolean sortKeys, boolean ensureAscii,
                         boolean strict) {
    }

    private static final Style COMPACT = new Style(",", ":", -1, false, false, true);
    private static final Style PRETTY = new Style(",", ": ", 4, false, false, true);
    private static final Style TO_JSON = new Style(", ", ": ", -1, false, true, false);
    private static final Style TO_NICE_JSON = new Style(",", ": ", 4, true, true, false);

    private JsonText() {}

    /** One line, no spaces ({@code {"a":1,"b":[1,2]}}): the {@code --output json} stream. */
    public static String compact(Object value) {
        return write(value, COMPACT);
    }

    /**
     * Indented by four spaces, {@code "key": value}, keys in their order: Python's {@code json.dumps(indent=4,
     * ensure_ascii=False)}, as Ansible prints results and ansible-inventory prints inventories.
     */
    public static String pretty(Object value) {
        return write(value, PRETTY);
    }

    /** Ansible's {@code to_json}: {@code {"a": 1, "b": [1, 2]}}, non-ASCII escaped as Python's {@code ensure_ascii} does. */
    public static String toJson(Object value) {
        return write(value, TO_JSON);
    }

    /** Ansible's {@code to_nice_json}: indent 4, keys sorted, separators {@code ","} and {@code ": "}. */
    public static String toNiceJson(Object value) {
        return write(value, TO_NICE_JSON);
    }

    /** Reads JSON into maps, lists, strings, numbers, booleans and null. */
    public static Object parse(String json) throws JsonProcessingException {
        return MAPPER.readValue(json, Object.class);
    }

    /** A float as Python's {@code repr} writes it: shortest digits, {@code .0} when whole, exponent from 1e16. */
    public static String pythonFloat(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0.0" : "0.0";
        }
        BigDecimal b = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
        String digits = b.unscaledValue().toString();
        int exponent = digits.length() - 1 - b.scale();
        String sign = d < 0 ? "-" : "";
        if (exponent >= -4 && exponent < 16) {
            String plain = b.toPlainString();
            return sign + (plain.contains(".") ? plain : plain + ".0");
        }
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "")
                + Math.abs(exponent);
    }

    private static String write(Object value, Style style) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.setCharacterEscapes(new Escapes(style.ensureAscii()));
            if (style.indent() >= 0 || !style.itemSeparator().equals(",") || !style.keySeparator().equals(":")) {
                g.setPrettyPrinter(new Layout(style));
            }
            value(g, value, style);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void value(JsonGenerator g, Object v, Style style) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Number n) {
            number(g, n, style);
        } else if (v instanceof Map<?, ?> m) {
            object(g, m, style);
        } else if (v instanceof Collection<?> c) {
            array(g, c, style);
        } else if (v instanceof Object[] a) {
            array(g, Arrays.asList(a), style);
        } else {
            g.writeString(String.valueOf(v));
        }
    }

    private static void number(JsonGenerator g, Number n, Style style) throws IOException {
        if (n instanceof Double || n instanceof Float) {
            double d = n instanceof Float f ? Double.parseDouble(Float.toString(f)) : n.doubleValue();
            if (style.strict() && (Double.isNaN(d) || Double.isInfinite(d))) {
                g.writeString(pythonFloat(d));
            } else {
                g.writeNumber(pythonFloat(d));
            }
        } else {
            g.writeNumber(n.toString());
        }
    }

    private static void object(JsonGenerator g, Map<?, ?> m, Style style) throws IOException {
        g.writeStartObject();
        List<Map.Entry<?, ?>> entries = new ArrayList<>(m.entrySet());
        if (style.sortKeys()) {
            entries.sort(Comparator.comparing(Map.Entry::getKey, JsonText::compareKeys));
        }
        for (Map.Entry<?, ?> e : entries) {
            g.writeFieldName(key(e.getKey()));
            value(g, e.getValue(), style);
        }
        g.writeEndObject();
    }

    private static void array(JsonGenerator g, Collection<?> c, Style style) throws IOException {
        g.writeStartArray();
        for (Object o : c) {
            value(g, o, style);
        }
        g.writeEndArray();
    }

    private static String key(Object k) {
        return k instanceof Double || k instanceof Float ? pythonFloat(((Number) k).doubleValue()) : String.valueOf(k);
    }

    /** Python's {@code sort_keys}: numbers by value, everything else by text. */
    private static int compareKeys(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        return key(a).compareTo(key(b));
    }

    /**
     * Python's layouts: {@code indent} &lt; 0 keeps one line; otherwise every item on its own line, indented per
     * level, and empty containers stay {@code {}} / {@code []}.
     */
    private static final class Layout implements PrettyPrinter {
        private final Style style;
        private int depth;

        Layout(Style style) {
            this.style = style;
        }

        private void newline(JsonGenerator g) throws IOException {
            if (style.indent() >= 0) {
                g.writeRaw("\n" + " ".repeat(style.indent() * depth));
            }
        }

        @Override
        public void writeRootValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw('\n');
        }

        @Override
        public void writeStartObject(JsonGenerator g) throws IOException {
            g.writeRaw('{');
            depth++;
        }

        @Override
        public void beforeObjectEntries(JsonGenerator g) throws IOException {
            newline(g);
        }

        @Override
        public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(style.keySeparator());
        }

        @Override
        public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
            g.writeRaw(style.itemSeparator());
            newline(g);
        }

        @Override
        public void writeEndObject(JsonGenerator g, int entries) throws IOException {
            depth--;
            if (entries > 0) {
                newline(g);
            }
            g.writeRaw('}');
        }

        @Override
        public void writeStartArray(JsonGenerator g) throws IOException {
            g.writeRaw('[');
            depth++;
        }

        @Override
        public void beforeArrayValues(JsonGenerator g) throws IOException {
            newline(g);
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(style.itemSeparator());
            newline(g);
        }

        @Override
        public void writeEndArray(JsonGenerator g, int values) throws IOException {
            depth--;
            if (values > 0) {
                newline(g);
            }
            g.writeRaw(']');
        }
    }

    /**
     * Escapes as Python does: {@code \b \t \n \f \r} by name, other controls as a backslash-u escape with lowercase hex; with
     * {@code ensureAscii}, DEL and everything beyond ASCII that way too (UTF-16 units, as Python writes
     * surrogate pairs). Without it, only U+2028 and U+2029 (line breaks to JavaScript) are escaped.
     */
    private static final class Escapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final boolean ensureAscii;
        private final int[] ascii;

        Escapes(boolean ensureAscii) {
            this.ensureAscii = ensureAscii;
            ascii = standardAsciiEscapesForJSON();
            for (int c = 0; c < 0x20; c++) {
                if (ascii[c] == ESCAPE_STANDARD) {
                    ascii[c] = ESCAPE_CUSTOM;
                }
            }
            if (ensureAscii) {
                ascii[0x7f] = ESCAPE_CUSTOM;
            }
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            if (ch < 0x20 || ch == 0x7f || ensureAscii || ch == 0x2028 || ch == 0x2029) {
                return new SerializedString(String.format("\\u%04x", ch));
            }
            return null;
        }
    }
}
