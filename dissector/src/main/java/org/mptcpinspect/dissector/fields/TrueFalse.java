package org.mptcpinspect.dissector.fields;

/** Wireshark's true_false_string: how -V names the two values of a boolean field. */
public record TrueFalse(String trueName, String falseName) {
    /** Wireshark's default for booleans without their own strings. */
    public static final TrueFalse TRUE_FALSE = new TrueFalse("True", "False");
    public static final TrueFalse SET_NOT_SET = new TrueFalse("Set", "Not set");
    public static final TrueFalse YES_NO = new TrueFalse("Yes", "No");

    public String name(boolean value) {
        return value ? trueName : falseName;
    }
}
