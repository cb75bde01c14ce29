package io.tapbridge.model;

/**
 * A value of the ERP's as it is echoed in a message: quoted, with control characters made visible and long values
 * cut, so that a 5,000-character value or a 10 MB header never buries the reason that follows it, nor floods a log.
 */
public final class Shown {

    /** Characters of a value shown before it is cut. */
    public static final int LENGTH = 60;

    private Shown() {
    }

    /** {@code 'value'}, or {@code 'first 60 characters…' (5000 characters)}. */
    public static String quoted(String value) {
        if (value == null) {
            return "''";
        }
        String visible = value.codePoints().limit(LENGTH + 1L)
                .collect(StringBuilder::new, (b, c) -> {
                    if (Character.isISOControl(c)) {
                        b.append(String.format("\\u%04X", c));
                    } else {
                        b.appendCodePoint(c);
                    }
                }, StringBuilder::append).toString();
        int length = value.codePointCount(0, value.length());
        if (length <= LENGTH) {
            return "'" + visible + "'";
        }
        return "'" + visible.substring(0, visible.offsetByCodePoints(0, LENGTH)) + "…' (" + length + " characters)";
    }

    /** A library's or a remote's message that may echo input: at most 300 characters. */
    public static String clipped(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= 300 ? text : text.substring(0, 300) + "… (" + text.length() + " characters)";
    }
}
