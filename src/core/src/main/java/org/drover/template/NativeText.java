package org.drover.template;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.HashSet;
import java.util.Set;

/**
 * Text Ansible holds as {@code NativeJinjaText}: the output of a string-typed filter ({@code to_json},
 * {@code to_nice_json}, {@code string}...) that was a template's only node. It stays that type when stored
 * ({@code set_fact}, {@code vars}), so a later {@code "{{ x }}"} is the text again, not the dict or list it reads as.
 * A Java String cannot carry the type, so the exact String objects are remembered, by identity and weakly (a marked
 * value that is no longer referenced is forgotten); an equal string from elsewhere is plain text.
 */
final class NativeText {
    private static final ReferenceQueue<String> GONE = new ReferenceQueue<>();
    private static final Set<Ref> MARKED = new HashSet<>();

    private NativeText() {}

    /** A new String with text's content, remembered as native text. */
    static String mark(String text) {
        String s = new String(text); // its own identity: marking a shared or literal string would mark every use
        synchronized (MARKED) {
            expunge();
            MARKED.add(new Ref(s, GONE));
        }
        return s;
    }

    static boolean marked(Object v) {
        if (!(v instanceof String s)) {
            return false;
        }
        synchronized (MARKED) {
            expunge();
            return MARKED.contains(new Ref(s, null));
        }
    }

    private static void expunge() {
        for (Object r; (r = GONE.poll()) != null; ) {
            MARKED.remove(r);
        }
    }

    /** A weak reference equal to another of the same referent (identity), also after the referent is gone. */
    private static final class Ref extends WeakReference<String> {
        private final int hash;

        Ref(String s, ReferenceQueue<String> q) {
            super(s, q);
            hash = System.identityHashCode(s);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            if (!(o instanceof Ref r)) {
                return false;
            }
            String mine = get();
            return mine != null && mine == r.get();
        }
    }
}
