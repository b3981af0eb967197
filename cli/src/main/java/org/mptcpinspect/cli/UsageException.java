package org.mptcpinspect.cli;

/** A command line whose options cannot work together; the message is one line for the user (exit 2). */
final class UsageException extends Exception {
    UsageException(String message) {
        super(message);
    }

    /**
     * The value given either as the positional parameter or as its tshark option (read's FILE
     * or -r, live's IFACE or -i): the same value twice is fine, two different ones are not.
     *
     * @param what e.g. "capture file"
     * @param hint how to give one, for the message when neither was given
     */
    static String eitherSpelling(String positional, String option, String what, String hint) throws UsageException {
        if (positional != null && option != null && !positional.equals(option)) {
            throw new UsageException("two " + what + "s given (" + option + " and " + positional + "); use one at a time");
        }
        if (positional == null && option == null) {
            throw new UsageException("no " + what + " given: " + hint);
        }
        return positional != null ? positional : option;
    }
}
