package io.tapbridge.intake;

import java.io.InputStream;
import java.util.function.Consumer;

import io.tapbridge.model.SourceRow;

/**
 * One file format's reader (CSV today, EDI next): reads a file once, as a stream, and hands every row of a flow's
 * columns to {@code sink} in file order, with its position in the source. It never closes {@code in}: staging
 * owns the stream, hashes all of it, and may have got it from any transport.
 */
@FunctionalInterface
public interface RowParser<C extends Enum<C>> {

    /**
     * @return the number of rows read
     * @throws ErpFileRejected when the stream cannot be read in this format at all (nothing is staged then)
     */
    int parse(InputStream in, Consumer<SourceRow<C>> sink);
}
