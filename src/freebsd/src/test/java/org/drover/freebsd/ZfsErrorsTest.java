package org.drover.freebsd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ZfsErrorsTest {

    @Test
    void recognisesDoesNotExist() {
        String err = ZfsPfSamples.load("zfs-list-H-not-exist-error-captured.txt");
        assertThat(ZfsErrors.doesNotExist(err, "tank/imp")).isTrue();
        assertThat(ZfsErrors.doesNotExist(err, "tank/im")).isFalse();
        assertThat(ZfsErrors.unexpected(err, List.of("tank/imp"))).isEmpty();
        assertThat(ZfsErrors.unexpected(err, List.of("tank/other"))).containsExactly(err.strip());
    }

    @Test
    void cloneErrorsOtherThanMissingAreUnexpected() {
        String err = ZfsPfSamples.load("zfs-clone-errors-reconstructed.txt");
        assertThat(ZfsErrors.doesNotExist(err, "zroot/t/base@nosnap")).isTrue();
        assertThat(ZfsErrors.unexpected(err, List.of("zroot/t/base@nosnap"))).containsExactly(
                "cannot create 'zroot/j/x/y': parent does not exist",
                "cannot create 'zroot/j/a': dataset already exists",
                "cannot create 'nopool/a': no such pool 'nopool'");
    }

    @Test
    void snapshotErrorsAreNotOpenErrors() {
        String err = ZfsPfSamples.load("zfs-snapshot-exists-error-reconstructed.txt");
        assertThat(ZfsErrors.doesNotExist(err, "zroot/nope")).isFalse();
        assertThat(ZfsErrors.unexpected(err, List.of("zroot/nope"))).hasSize(2);
    }

    @Test
    void listsWhatZfsDestroyWouldTakeWithIt() {
        String err = ZfsPfSamples.load("zfs-destroy-has-children-error-reconstructed.txt");
        assertThat(ZfsErrors.destroyDependents(err)).containsExactly("zroot/jails/templates/base@15.0-RELEASE");
    }
}
