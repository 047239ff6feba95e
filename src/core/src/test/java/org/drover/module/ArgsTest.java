package org.drover.module;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArgsTest {
    private static final ModuleSpec SPEC = new ModuleSpec("t", "t", "t",
            List.of(ArgSpec.of("s", ArgType.STR).build(), ArgSpec.of("f", ArgType.STR).build()), null, List.of(), List.of());

    @Test
    void str_arguments_write_values_as_python_does() {
        // Ansible 2.14's AnsibleModule turns a str option given YAML's yes into 'True', 1.0 into '1.0'
        List<String> errors = new ArrayList<>();
        Args a = Args.bind(SPEC, Map.of("s", true, "f", 1.0), false, errors);
        assertThat(errors).isEmpty();
        assertThat(a.string("s")).isEqualTo("True");
        assertThat(a.string("f")).isEqualTo("1.0");
    }
}
