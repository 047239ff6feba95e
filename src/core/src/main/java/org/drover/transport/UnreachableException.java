package org.drover.transport;

import java.io.IOException;

/** The host could not be reached, refused us, or its host key did not verify. */
public class UnreachableException extends IOException {
    public UnreachableException(String message, Throwable cause) {
        super(message, cause);
    }

    public UnreachableException(String message) {
        super(message);
    }
}
