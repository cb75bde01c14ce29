package io.tapbridge.intake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The names tap-bridge gives files after an ERP file's name (in archive/, outbox/ and error/), kept within what file
 * systems take: 255 bytes a name. A name that leaves no room for what tap-bridge adds, or that holds a control
 * character or a backslash (which tap-bridge could not carry into the names it writes), is refused at intake.
 */
public final class ErpFileNames {

    /** Bytes a file name may have on the usual file systems. */
    static final int NAME_BYTES = 255;
    /** The most tap-bridge adds to a name: ".<fileId>.status.csv" in outbox/, ".yyyyMMdd-HHmmssSSS" in archive/. */
    static final int LONGEST_SUFFIX = 40;

    /** Why tap-bridge cannot take a file of this name, or null when it can. */
    public static String problem(String name) {
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > NAME_BYTES - LONGEST_SUFFIX) {
            return "the file name has " + bytes + " bytes; tap-bridge adds up to " + LONGEST_SUFFIX + " to it in archive/ and"
                    + " outbox/, and a name may have " + NAME_BYTES + ": rename it to at most " + (NAME_BYTES - LONGEST_SUFFIX) + " bytes";
        }
        if (name.codePoints().anyMatch(Character::isISOControl)) {
            return "the file name contains a control character (a line break, a tab, ...): rename it";
        }
        if (name.indexOf('\\') >= 0) {
            return "the file name contains a backslash, which tap-bridge cannot use in the names of its result files: rename it";
        }
        return null;
    }

    /** The name of {@code <name>.error.txt} in error/, shortened and cleaned where the file system would refuse it. */
    public String errorName(String name) {
        String wanted = name + ".error.txt";
        return wanted.getBytes(StandardCharsets.UTF_8).length <= NAME_BYTES && !unreadable(name) ? wanted : clean(name) + ".error.txt";
    }

    /** A name the file system and tap-bridge both take, for a file whose own name they cannot: cleaned, cut, made unique. */
    public static String clean(String name) {
        StringBuilder clean = new StringBuilder();
        name.codePoints().map(c -> Character.isISOControl(c) || c == '\\' ? '_' : c).forEachOrdered(c -> {
            if (clean.toString().getBytes(StandardCharsets.UTF_8).length < 150) {
                clean.appendCodePoint(c);
            }
        });
        return clean + "~" + digest(name);
    }

    /** True for a name the file consumer cannot even open: it reads a backslash as a folder, and control characters break logs. */
    public static boolean unreadable(String name) {
        return name.indexOf('\\') >= 0 || name.codePoints().anyMatch(Character::isISOControl);
    }

    private static String digest(String name) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8)), 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
