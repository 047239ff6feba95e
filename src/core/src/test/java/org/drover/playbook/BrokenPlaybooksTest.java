package org.drover.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.drover.yaml.LoadError;
import org.drover.yaml.LoadException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every playbook in {@code playbooks/broken/} states the errors it must produce in header comments,
 * {@code # expect: [FILE:]LINE:COL: message fragment} (FILE relative to the playbook's directory, default the
 * playbook itself). The loader must report exactly those errors: each at its mark, none missing, none extra.
 */
class BrokenPlaybooksTest {
    static final Path DIR = Path.of("src/test/resources/playbooks/broken");
    private static final Pattern EXPECT = Pattern.compile("^# expect: (?:([^:\\s]+):)?(\\d+):(\\d+): (.*)$");

    record Expect(Path file, int line, int column, String fragment) {
        boolean matches(LoadError e) {
            return Path.of(e.mark().file()).normalize().equals(file) && e.mark().line() == line
                    && e.mark().column() == column && e.message().contains(fragment);
        }

        @Override
        public String toString() {
            return file + ":" + line + ":" + column + ": ..." + fragment;
        }
    }

    static Stream<String> brokenPlaybooks() throws IOException {
        try (Stream<Path> s = Files.list(DIR)) {
            return s.filter(p -> p.toString().endsWith(".yml")).map(p -> p.getFileName().toString()).sorted().toList()
                    .stream();
        }
    }

    @Test
    void there_are_at_least_25_broken_playbooks() throws IOException {
        assertThat(brokenPlaybooks().count()).isGreaterThanOrEqualTo(25);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenPlaybooks")
    void reports_exactly_the_expected_errors(String name) throws IOException {
        Path file = DIR.resolve(name);
        List<Expect> expects = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            Matcher m = EXPECT.matcher(line);
            if (m.matches()) {
                Path f = m.group(1) == null ? file : DIR.resolve(m.group(1));
                expects.add(new Expect(f.normalize(), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                        m.group(4).strip()));
            }
        }
        assertThat(expects).as("%s states its expected errors", name).isNotEmpty();
        List<LoadError> errors;
        try {
            TestModules.loader().load(file);
            fail(name + " loaded without errors; expected " + expects);
            return;
        } catch (LoadException e) {
            errors = e.errors();
        }
        String got = String.join("\n", errors.stream().map(LoadError::toString).toList());
        for (Expect x : expects) {
            assertThat(errors.stream().anyMatch(x::matches)).as("expected %s among:\n%s", x, got).isTrue();
        }
        assertThat(errors).as("no extra errors:\n%s", got).hasSize(expects.size());
    }
}
