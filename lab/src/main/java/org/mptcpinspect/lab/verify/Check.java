package org.mptcpinspect.lab.verify;

/**
 * One comparison of the analysis with the kernel's or the endpoints' truth.
 *
 * @param scenario   scenario name
 * @param connection the connection's client address, "client"/"server" for a host, "-" for the run
 * @param check      what is compared
 * @param expected   the truth (kernel, endpoint)
 * @param observed   what the analysis found
 * @param ok         whether they agree
 */
public record Check(String scenario, String connection, String check, String expected, String observed, boolean ok) {
}
