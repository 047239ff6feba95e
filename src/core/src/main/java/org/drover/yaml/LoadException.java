package org.drover.yaml;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when input is invalid; carries every error found so all of them are reported together. */
public class LoadException extends RuntimeException {
    private final List<LoadError> errors;

    public LoadException(List<LoadError> errors) {
        super(errors.stream().limit(Limits.MAX_ERRORS).map(LoadError::toString).collect(Collectors.joining("\n"))
                + (errors.size() > Limits.MAX_ERRORS ? "\n... and " + (errors.size() - Limits.MAX_ERRORS) + " more" : ""));
        this.errors = List.copyOf(errors);
    }

    public LoadException(SourceMark mark, String message) {
        this(List.of(new LoadError(mark, message)));
    }

    public List<LoadError> errors() {
        return errors;
    }
}
