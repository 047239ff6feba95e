package org.drover.template;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * What Ansible's {@code now()} returns: a datetime with year, month, day, hour, minute, second, microsecond,
 * {@code strftime(fmt)} and {@code isoformat()}; as text, Python's str of a datetime. Public for Jinjava's reflection.
 */
public final class PyDateTime {
    private final ZonedDateTime t;
    private final boolean aware;

    PyDateTime(ZonedDateTime t, boolean aware) {
        this.t = t;
        this.aware = aware;
    }

    public long getYear() {
        return t.getYear();
    }

    public long getMonth() {
        return t.getMonthValue();
    }

    public long getDay() {
        return t.getDayOfMonth();
    }

    public long getHour() {
        return t.getHour();
    }

    public long getMinute() {
        return t.getMinute();
    }

    public long getSecond() {
        return t.getSecond();
    }

    public long getMicrosecond() {
        return t.getNano() / 1000;
    }

    public String isoformat() {
        return strftime("%Y-%m-%dT%H:%M:%S") + (getMicrosecond() != 0 ? String.format(".%06d", getMicrosecond()) : "");
    }

    /** Python's strftime for the usual directives. */
    public String strftime(String fmt) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < fmt.length(); i++) {
            char c = fmt.charAt(i);
            if (c != '%' || i + 1 == fmt.length()) {
                b.append(c);
                continue;
            }
            b.append(directive(fmt.charAt(++i)));
        }
        return b.toString();
    }

    private String directive(char d) {
        return switch (d) {
            case 'Y' -> String.valueOf(t.getYear());
            case 'y' -> String.format("%02d", t.getYear() % 100);
            case 'm' -> String.format("%02d", t.getMonthValue());
            case 'd' -> String.format("%02d", t.getDayOfMonth());
            case 'e' -> String.format("%2d", t.getDayOfMonth());
            case 'H' -> String.format("%02d", t.getHour());
            case 'I' -> String.format("%02d", (t.getHour() + 11) % 12 + 1);
            case 'M' -> String.format("%02d", t.getMinute());
            case 'S' -> String.format("%02d", t.getSecond());
            case 'f' -> String.format("%06d", getMicrosecond());
            case 'p' -> t.getHour() < 12 ? "AM" : "PM";
            case 'j' -> String.format("%03d", t.getDayOfYear());
            case 'a' -> t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
            case 'A' -> t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
            case 'b', 'h' -> t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
            case 'B' -> t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
            case 'w' -> String.valueOf(t.getDayOfWeek().getValue() % 7);
            case 'u' -> String.valueOf(t.getDayOfWeek().getValue());
            case 's' -> String.valueOf(t.toEpochSecond());
            case 'z' -> aware ? t.getOffset().getId().replace(":", "").replace("Z", "+0000") : "";
            case 'Z' -> aware ? "UTC" : "";
            case 'F' -> strftime("%Y-%m-%d");
            case 'T' -> strftime("%H:%M:%S");
            case '%' -> "%";
            default -> throw new TemplateException("strftime: directive %" + d + " is not supported by drover", null);
        };
    }

    @Override
    public String toString() {
        String s = strftime("%Y-%m-%d %H:%M:%S") + (getMicrosecond() != 0 ? String.format(".%06d", getMicrosecond()) : "");
        return aware ? s + "+00:00" : s;
    }

    static PyDateTime now(boolean utc) {
        return utc ? new PyDateTime(ZonedDateTime.now(ZoneOffset.UTC), false) : new PyDateTime(ZonedDateTime.now(), false);
    }
}
