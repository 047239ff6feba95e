package org.drover.yaml;

import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.parser.Parser;

/**
 * The parser's events, refused past {@link Limits#MAX_DEPTH} nested collections: snakeyaml's composer (and every
 * reader after it) recurses once per level, so a deeper document would overflow the stack.
 */
final class DepthLimit implements Parser {
    private final Parser inner;
    private final String label;
    private int depth;

    DepthLimit(Parser inner, String label) {
        this.inner = inner;
        this.label = label;
    }

    @Override
    public boolean checkEvent(Event.ID id) {
        return inner.checkEvent(id);
    }

    @Override
    public Event peekEvent() {
        return inner.peekEvent();
    }

    @Override
    public boolean hasNext() {
        return inner.hasNext();
    }

    @Override
    public Event next() {
        Event e = inner.next();
        switch (e.getEventId()) {
            case MappingStart, SequenceStart -> {
                if (++depth > Limits.MAX_DEPTH) {
                    SourceMark at = e.getStartMark()
                            .map(m -> new SourceMark(label, m.getLine() + 1, m.getColumn() + 1))
                            .orElse(new SourceMark(label, 0, 0));
                    throw new LoadException(at, "nested deeper than " + Limits.MAX_DEPTH + " levels: not loaded");
                }
            }
            case MappingEnd, SequenceEnd -> depth--;
            default -> { }
        }
        return e;
    }
}
