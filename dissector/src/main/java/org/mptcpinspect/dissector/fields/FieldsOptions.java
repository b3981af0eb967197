package org.mptcpinspect.dissector.fields;

/**
 * tshark's -E options for -T fields.
 *
 * @param header     print the field names first (-E header=y)
 * @param separator  between fields (-E separator=, default tab)
 * @param occurrence which occurrences of a field to print (-E occurrence=)
 * @param aggregator between occurrences (-E aggregator=, default ',')
 * @param quote      around each non-empty field (-E quote=; 0 for none)
 */
public record FieldsOptions(boolean header, char separator, Occurrence occurrence, char aggregator, char quote) {

    public enum Occurrence { FIRST, LAST, ALL }

    public static final FieldsOptions DEFAULT = new FieldsOptions(false, '\t', Occurrence.ALL, ',', (char) 0);

    /**
     * Applies one "-E name=value" option as tshark does ("/t" tab, "/s" space, otherwise the
     * first character).
     *
     * @throws IllegalArgumentException with a one-line message for an unknown option or value
     */
    public FieldsOptions with(String option) {
        int eq = option.indexOf('=');
        if (eq <= 0 || eq == option.length() - 1) {
            throw new IllegalArgumentException("invalid -E option \"" + option + "\" (expected name=value)");
        }
        String name = option.substring(0, eq);
        String value = option.substring(eq + 1);
        char c = value.charAt(0);
        return switch (name) {
            case "header" -> switch (c) {
                case 'y' -> new FieldsOptions(true, separator, occurrence, aggregator, quote);
                case 'n' -> new FieldsOptions(false, separator, occurrence, aggregator, quote);
                default -> throw bad(option);
            };
            case "separator" -> new FieldsOptions(header, escaped(value, true), occurrence, aggregator, quote);
            case "aggregator" -> new FieldsOptions(header, separator, occurrence, escaped(value, false), quote);
            case "occurrence" -> switch (c) {
                case 'f' -> new FieldsOptions(header, separator, Occurrence.FIRST, aggregator, quote);
                case 'l' -> new FieldsOptions(header, separator, Occurrence.LAST, aggregator, quote);
                case 'a' -> new FieldsOptions(header, separator, Occurrence.ALL, aggregator, quote);
                default -> throw bad(option);
            };
            case "quote" -> switch (c) {
                case 'd' -> new FieldsOptions(header, separator, occurrence, aggregator, '"');
                case 's' -> new FieldsOptions(header, separator, occurrence, aggregator, '\'');
                case 'n' -> new FieldsOptions(header, separator, occurrence, aggregator, (char) 0);
                default -> throw bad(option);
            };
            default -> throw bad(option);
        };
    }

    private static char escaped(String value, boolean tabAllowed) {
        if (value.charAt(0) == '/' && value.length() > 1) {
            return switch (value.charAt(1)) {
                case 't' -> tabAllowed ? '\t' : '\\';
                case 's' -> ' ';
                default -> '\\';
            };
        }
        return value.charAt(0);
    }

    private static IllegalArgumentException bad(String option) {
        return new IllegalArgumentException("invalid -E option \"" + option
                + "\" (header=y|n, separator=/t|/s|<char>, occurrence=f|l|a, aggregator=,|/s|<char>, quote=d|s|n)");
    }
}
