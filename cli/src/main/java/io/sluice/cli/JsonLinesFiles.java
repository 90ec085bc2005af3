package io.sluice.cli;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** Opens JSON Lines files for the offline commands: '-' is stdin/stdout, gzip by magic bytes or .gz. */
final class JsonLinesFiles {
    private static final int BUFFER = 1 << 16;

    private JsonLinesFiles() {}

    static InputStream open(Path path) throws IOException {
        InputStream raw = path.toString().equals("-") ? System.in : Files.newInputStream(path);
        BufferedInputStream buffered = new BufferedInputStream(raw, BUFFER);
        // Sniff the gzip magic too: compressed dumps are not always named .gz.
        buffered.mark(2);
        int b0 = buffered.read();
        int b1 = buffered.read();
        buffered.reset();
        boolean gzip = (b0 == 0x1f && b1 == 0x8b) || path.toString().endsWith(".gz");
        return gzip ? new GZIPInputStream(buffered, BUFFER) : buffered;
    }

    static OutputStream create(Path path) throws IOException {
        OutputStream raw = path.toString().equals("-") ? new FilterOutputStream(System.out) {
            @Override
            public void close() throws IOException {
                flush(); // leave stdout open for whoever else writes to it
            }
        } : Files.newOutputStream(path);
        OutputStream buffered = new BufferedOutputStream(raw, BUFFER);
        return path.toString().endsWith(".gz") ? new GZIPOutputStream(buffered, BUFFER) : buffered;
    }
}
