package org.mptcpinspect.dissector.fields;

/** XML text as tshark's -T pdml and -T psml write it. */
public final class Xml {
    private Xml() {
    }

    /** {@code s} with &amp;, &lt;, &gt;, &quot; and &#x27; escaped (tshark's print_escaped_xml). */
    public static String escaped(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            String entity = switch (s.charAt(i)) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#x27;";
                default -> null;
            };
            if (entity != null && sb == null) {
                sb = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (sb != null) {
                if (entity != null) {
                    sb.append(entity);
                } else {
                    sb.append(s.charAt(i));
                }
            }
        }
        return sb == null ? s : sb.toString();
    }
}
