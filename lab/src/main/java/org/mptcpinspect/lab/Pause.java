package org.mptcpinspect.lab;

/** Sleeping for the lab's timed steps, where an interrupt just ends the wait early. */
final class Pause {
    private Pause() {
    }

    static void millis(long ms) {
        if (ms <= 0) {
            return;
        }
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
