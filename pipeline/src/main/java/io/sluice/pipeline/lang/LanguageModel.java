package io.sluice.pipeline.lang;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A hashed character n-gram naive Bayes model: for each bucket of {@link NgramHasher} and each
 * language, {@code -ln P(bucket | language)} quantized to one unsigned byte ({@link #scale} steps per
 * nat). Bucket-major layout, so the costs of one n-gram for all languages are one contiguous row and
 * scoring a text reads one cache line per n-gram.
 *
 * <p>File format (gzip): magic {@code "SLID"}, format version, bucket bits, scale, language count,
 * then per language its code and script ({@code Latn} or {@code Cyrl}), then the table.
 */
final class LanguageModel {

    static final int MAGIC = 0x534C4944; // "SLID"
    static final int FORMAT_VERSION = 1;

    final int bits;
    final float scale;
    final String[] codes;
    final String[] scripts;
    final byte[] table;

    LanguageModel(int bits, float scale, String[] codes, String[] scripts, byte[] table) {
        if (table.length != (1 << bits) * codes.length) {
            throw new IllegalArgumentException("table has " + table.length + " bytes, expected "
                    + ((1 << bits) * codes.length));
        }
        this.bits = bits;
        this.scale = scale;
        this.codes = codes;
        this.scripts = scripts;
        this.table = table;
    }

    int languages() {
        return codes.length;
    }

    /** Reads a model written by {@link #write}. */
    static LanguageModel read(InputStream raw) throws IOException {
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(raw, 1 << 16))) {
            if (in.readInt() != MAGIC) {
                throw new IOException("not a Sluice language model (bad magic)");
            }
            int version = in.readInt();
            if (version != FORMAT_VERSION) {
                throw new IOException("language model format " + version + ", this build reads " + FORMAT_VERSION);
            }
            int bits = in.readInt();
            float scale = in.readFloat();
            int n = in.readInt();
            String[] codes = new String[n];
            String[] scripts = new String[n];
            for (int i = 0; i < n; i++) {
                codes[i] = in.readUTF();
                scripts[i] = in.readUTF();
            }
            byte[] table = new byte[(1 << bits) * n];
            in.readFully(table);
            return new LanguageModel(bits, scale, codes, scripts, table);
        }
    }

    /** Loads a model from the class path. */
    static LanguageModel load(String resource) {
        try (InputStream in = LanguageModel.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("language model " + resource + " is not on the class path");
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read language model " + resource, e);
        }
    }

    void write(OutputStream raw) throws IOException {
        GZIPOutputStream gz = new GZIPOutputStream(raw, 1 << 16);
        DataOutputStream out = new DataOutputStream(gz);
        out.writeInt(MAGIC);
        out.writeInt(FORMAT_VERSION);
        out.writeInt(bits);
        out.writeFloat(scale);
        out.writeInt(codes.length);
        for (int i = 0; i < codes.length; i++) {
            out.writeUTF(codes[i]);
            out.writeUTF(scripts[i]);
        }
        out.write(table);
        out.flush();
        gz.finish();
    }

    List<String> codeList() {
        return List.of(codes);
    }
}
