package io.tapbridge.intake;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 decoding that knows where it stopped: a byte sequence that is not UTF-8 fails with
 * {@link NotUtf8} naming its line and byte. {@code InputStreamReader} decodes far ahead of its reader and cannot
 * say where; a stream cannot be read a second time to find out.
 */
final class Utf8Reader extends Reader {

    /** Where the first byte that is not UTF-8 is: "line 7 (byte 1234)". */
    static final class NotUtf8 extends CharacterCodingException {
        private final String where;

        NotUtf8(String where) {
            this.where = where;
        }

        String where() {
            return where;
        }

        @Override
        public String getMessage() {
            return where + ": not UTF-8";
        }
    }

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16);
    private final CharBuffer chars = CharBuffer.allocate(1 << 16);
    private final long firstByte;
    private long consumed;
    private long line = 1;
    private boolean eof;
    private boolean flushed;

    /** @param firstByte the 1-based file offset of {@code in}'s first byte (4 after a UTF-8 BOM) */
    Utf8Reader(InputStream in, long firstByte) {
        this.in = in;
        this.firstByte = firstByte;
        chars.flip();
    }

    @Override
    public int read(char[] target, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (!chars.hasRemaining()) {
            if (flushed) {
                return -1;
            }
            fill();
        }
        int n = Math.min(len, chars.remaining());
        chars.get(target, off, n);
        return n;
    }

    private void fill() throws IOException {
        chars.clear();
        if (!eof) {
            int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
            if (n < 0) {
                eof = true;
            } else {
                bytes.position(bytes.position() + n);
            }
        }
        bytes.flip();
        int before = bytes.position();
        CoderResult result = decoder.decode(bytes, chars, eof);
        if (eof && !result.isError() && !bytes.hasRemaining()) {
            result = decoder.flush(chars);
            flushed = !result.isOverflow();
        }
        chars.flip();
        for (int i = chars.position(); i < chars.limit(); i++) {
            if (chars.get(i) == '\n') {
                line++;
            }
        }
        if (result.isError()) {
            throw new NotUtf8("line " + line + " (byte " + (firstByte + consumed + bytes.position()) + ")");
        }
        consumed += bytes.position() - before;
        bytes.compact();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
