package org.drover.engine;

/**
 * {@code any_errors_fatal} and {@code max_fail_percentage}: when a batch's failures stop the play for every
 * host. Only failures outside a rescue, and unreachable hosts, count.
 */
final class FailurePolicy {
    private FailurePolicy() {}

    /** Called after each task; aborts the batch (warning once) when the play's policy says so. */
    static void check(Batch b, RunListener listener) {
        long bad = b.hosts.stream().filter(ph -> ph.hardFailed || ph.hs.unreachable).count();
        if (bad == 0 || b.aborted()) {
            return;
        }
        String why = null;
        if (b.play.anyErrorsFatal()) {
            why = "any_errors_fatal: a host failed, the play stops for every host";
        } else if (b.play.maxFailPercentage() != null && bad * 100.0 / b.hosts.size() > b.play.maxFailPercentage()) {
            why = String.format("max_fail_percentage %d%% exceeded (%d of %d %s failed): the play stops",
                    b.play.maxFailPercentage(), bad, b.hosts.size(), b.hosts.size() == 1 ? "host" : "hosts");
        }
        if (why != null && b.abort()) {
            listener.warning(why);
        }
    }
}
