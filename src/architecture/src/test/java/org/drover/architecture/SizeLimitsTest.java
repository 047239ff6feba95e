package org.drover.architecture;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import org.junit.jupiter.api.Test;

/** No class over 500 lines, no method over 60 lines, no signature over 5 parameters in the product's sources. */
class SizeLimitsTest {

    @Test
    void no_class_method_or_signature_over_the_limits() {
        List<String> offenders = SourceSizes.offenders(Root.get());
        if (!offenders.isEmpty()) {
            fail(offenders.size() + " over the limits (class > " + SourceSizes.MAX_CLASS_LINES + " lines, method > "
                    + SourceSizes.MAX_METHOD_LINES + " lines, signature > " + SourceSizes.MAX_PARAMETERS
                    + " parameters):\n" + String.join("\n", offenders));
        }
    }
}
