package org.mptcpinspect.lab.verify;

/**
 * One comparison of the analysis with the kernel's or the endpoints' truth.
 *
 * @param scenario   scenario name
 * @param connection the connection's client address, "client"/"server" for a host, "-" for the run
 * @param check      what is compared
 * @param expected   the truth (kernel, endpoint)
 * @param observed   what the analysis found
 * @param result     OK, FAIL, or SKIP when the truth has nothing to compare with (the reason in expected)
 */
public record Check(String scenario, String connection, String check, String expected, String observed,
                    Result result) {

    /** The outcome of a comparison. */
    public enum Result { OK, FAIL, SKIP }

    public Check(String scenario, String connection, String check, String expected, String observed, boolean ok) {
        this(scenario, connection, check, expected, observed, ok ? Result.OK : Result.FAIL);
    }

    /** False only for a failed comparison. */
    public boolean ok() {
        return result != Result.FAIL;
    }
}
