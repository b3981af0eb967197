package org.mptcpinspect.dissector.decode;

/**
 * One problem found while decoding a packet.
 *
 * @param problem what went wrong (its {@link Problem#severity() severity} comes with it)
 * @param offset  first frame byte the problem concerns
 * @param length  how many frame bytes it concerns (0 when it is about missing bytes)
 * @param message one line for the user, e.g. "TCP option kind 2 (MSS): length 3, should be 4"
 */
public record DecodeFlag(Problem problem, int offset, int length, String message) {

    public Severity severity() {
        return problem.severity();
    }

    @Override
    public String toString() {
        return severity() + " " + message;
    }
}
