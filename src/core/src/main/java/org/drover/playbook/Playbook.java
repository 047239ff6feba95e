package org.drover.playbook;

import java.nio.file.Path;
import java.util.List;

/** A loaded, validated playbook: its plays in order ({@code import_playbook} already inlined). */
public record Playbook(Path file, List<Play> plays) {
    public Playbook {
        plays = List.copyOf(plays);
    }
}
