package org.mptcpinspect.endpoint;

/**
 * The progress lines an endpoint prints on stderr. They are for people, and stable enough for
 * the lab to wait on: a server is ready once it printed {@link #LISTENING}, a connection is up
 * once {@link #ESTABLISHED} was printed for it.
 */
public final class StatusLine {
    public static final String LISTENING = "endpoint: listening on ";
    public static final String ESTABLISHED = "endpoint: established ";

    private StatusLine() {
    }

    static String listening(SockAddr address, Protocol protocol) {
        return LISTENING + address + " (" + protocol + ")";
    }

    static String established(int index, SockAddr local, SockAddr remote) {
        return ESTABLISHED + "#" + index + " " + local + " -> " + remote;
    }
}
