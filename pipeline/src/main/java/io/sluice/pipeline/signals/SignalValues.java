package io.sluice.pipeline.signals;

import java.io.IOException;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.apache.avro.io.Encoder;
import org.apache.avro.util.Utf8;

/**
 * The signals of one record as an unmodifiable map, stored as one {@code double} per name of a
 * {@link Layout} that every record of a registry shares.
 *
 * <p>Why not a {@code LinkedHashMap}: a record carries about a hundred signals, and filling a linked
 * hash map with them (an entry and a boxed {@code Double} each) took about a tenth of the scoring
 * time in profiles. Families emit their names in registry order (the {@link SignalFamily} contract),
 * so the {@link Builder} writes each value to the next slot after one identity comparison; names
 * are only hashed when a value arrives out of order, and values are boxed only when read as a map.
 */
public final class SignalValues extends AbstractMap<String, Double> {

    /** The signal names of a registry in emission order, and their positions. Immutable and shareable. */
    public static final class Layout {
        private final String[] names;
        private final Map<String, Integer> positions;

        public Layout(Collection<String> names) {
            this.names = names.toArray(String[]::new);
            this.positions = new HashMap<>(this.names.length * 2);
            for (int i = 0; i < this.names.length; i++) {
                if (positions.put(this.names[i], i) != null) {
                    throw new IllegalArgumentException("signal '" + this.names[i] + "' appears twice in the layout");
                }
            }
        }

        /** The names as Avro strings, UTF-8 encoded once for every record written ({@link #writeAvroMap}). */
        private volatile Utf8[] avroNames;

        Utf8[] avroNames() {
            Utf8[] names = avroNames;
            if (names == null) {
                names = new Utf8[this.names.length];
                for (int i = 0; i < names.length; i++) {
                    names[i] = new Utf8(this.names[i]);
                }
                avroNames = names;
            }
            return names;
        }

        /** A builder for the signals of one record. */
        public Builder builder() {
            return new Builder(this);
        }

        /** The number of names. */
        public int size() {
            return names.length;
        }

        /** The name at {@code position}, in emission order. */
        public String nameAt(int position) {
            return names[position];
        }

        /** The position of {@code name}, or -1 when it is not in the layout. */
        public int positionOf(String name) {
            Integer position = positions.get(name);
            return position == null ? -1 : position;
        }
    }

    /**
     * Collects one record's values. Names outside the layout are rejected; a name emitted twice keeps
     * its last value, and one never emitted is absent from the built map, as in a map filled by hand.
     */
    public static final class Builder implements SignalCollector {
        private final Layout layout;
        private final double[] values;
        /** The next position, while every value has arrived in layout order; -1 after one did not. */
        private int cursor;
        /** Which positions hold a value, once a value arrived out of order. */
        private boolean[] present;

        private Builder(Layout layout) {
            this.layout = layout;
            this.values = new double[layout.names.length];
        }

        @Override
        public void put(String name, double value) {
            final int c = cursor;
            // Identity first: families emit the very constants the layout was built from.
            if (c >= 0 && c < values.length && layout.names[c] == name) {
                values[c] = value;
                cursor = c + 1;
                return;
            }
            Integer position = layout.positions.get(name);
            if (position == null) {
                throw new IllegalArgumentException("signal '" + name + "' is not in the registry's layout");
            }
            if (c == position) {
                // An equal but not identical name in order (built at run time): still in order.
                values[c] = value;
                cursor = c + 1;
                return;
            }
            if (present == null) {
                present = new boolean[values.length];
                Arrays.fill(present, 0, Math.max(c, 0), true);
                cursor = -1;
            }
            values[position] = value;
            present[position] = true;
        }

        /** The map of the values put so far; the builder must not be used afterwards. */
        public Map<String, Double> build() {
            if (present == null && cursor == values.length) {
                return new SignalValues(layout, values);
            }
            // A family broke the emission contract (a value missing or out of order): keep what came.
            Map<String, Double> partial = new LinkedHashMap<>();
            for (int i = 0; i < values.length; i++) {
                if (present == null ? i < cursor : present[i]) {
                    partial.put(layout.names[i], values[i]);
                }
            }
            return Collections.unmodifiableMap(partial);
        }
    }

    private final Layout layout;
    private final double[] values;

    private SignalValues(Layout layout, double[] values) {
        this.layout = layout;
        this.values = values;
    }

    /**
     * The layout this record's values follow: writers that emit every record of a registry (the
     * {@code score} command) encode its names once and then read {@link #valueAt} by position.
     */
    public Layout layout() {
        return layout;
    }

    /** The value at {@code position} of the {@link #layout()}; no boxing. */
    public double valueAt(int position) {
        return values[position];
    }

    /**
     * Writes this map as Avro's {@code map<double>}, the bytes {@code GenericDatumWriter.writeMap}
     * writes for it (the same encoder calls, in the same order), without encoding each name to UTF-8
     * again and boxing each value: about half of a curated record's encoding time went there.
     */
    public void writeAvroMap(Encoder out) throws IOException {
        final Utf8[] names = layout.avroNames();
        out.writeMapStart();
        out.setItemCount(values.length);
        for (int i = 0; i < values.length; i++) {
            out.startItem();
            out.writeString(names[i]);
            out.writeDouble(values[i]);
        }
        out.writeMapEnd();
    }

    /** The value of {@code name}, or NaN when it is not a signal of this record; no boxing. */
    public double value(String name) {
        Integer position = layout.positions.get(name);
        return position == null ? Double.NaN : values[position];
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public boolean containsKey(Object key) {
        return layout.positions.containsKey(key);
    }

    @Override
    public Double get(Object key) {
        Integer position = layout.positions.get(key);
        return position == null ? null : values[position];
    }

    @Override
    public Set<Entry<String, Double>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return values.length;
            }

            @Override
            public Iterator<Entry<String, Double>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < values.length;
                    }

                    @Override
                    public Entry<String, Double> next() {
                        if (next >= values.length) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new SimpleImmutableEntry<>(layout.names[i], values[i]);
                    }
                };
            }
        };
    }
}
