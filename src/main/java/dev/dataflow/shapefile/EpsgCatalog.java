package dev.dataflow.shapefile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The lookup of a .prj among the EPSG geographic and projected 2D systems ({@link EpsgDefinitions}), with GDAL's
 * tables ({@link GdalTables}: datums with their ESRI names, and which systems are deprecated) where EPSG's names alone
 * do not decide.
 *
 * <p>A .prj matches a system when its geometry is the same ({@link CrsShape}) and its datum is the same by name: the
 * EPSG name, the ESRI {@code D_} name, or the name of its geographic system, each compared after
 * {@link CrsNames#datumKey normalising}. A datum no name matches is unknown, as it is to GDAL: a GRS 1980 ellipsoid
 * alone fits NAD83, its realisations and ETRS89, so guessing would misplace the data. When several systems match (the
 * same zone defined twice, a deprecated copy), names decide: see {@link #best}.
 *
 * <p>Loaded once, on first use, which only a .prj the fast paths in {@link PrjSrid} do not recognise pays for: the
 * definitions are scanned for their datum, and those of a datum are parsed when a .prj first names it.
 */
final class EpsgCatalog {
    private static volatile EpsgCatalog instance;

    /** A parsed system. */
    private record Entry(int code, String name, int datumCode, CrsShape shape) {
    }

    /** The WKT of every kept system, parsed only when a .prj names its datum. */
    private final EpsgDefinitions definitions;
    /** Definitions parsed so far, by code; empty for one this parser cannot read. */
    private final Map<Integer, Optional<Entry>> parsed = new ConcurrentHashMap<>();
    /** Datum codes by the names in GDAL's datum table, ESRI's among them; read when the EPSG names match nothing. */
    private Map<String, Set<Integer>> datumsByTableName;
    /** Deprecated codes; read when a tie needs breaking. */
    private Set<Integer> deprecated;

    private EpsgCatalog(EpsgDefinitions definitions) {
        this.definitions = definitions;
    }

    static EpsgCatalog get() {
        EpsgCatalog c = instance;
        if (c == null) {
            synchronized (EpsgCatalog.class) {
                c = instance;
                if (c == null) {
                    c = new EpsgCatalog(EpsgDefinitions.read());
                    instance = c;
                }
            }
        }
        return c;
    }

    /** The EPSG code of a WKT1 system, or 0 when none matches. */
    int identify(Wkt root) {
        CrsShape shape = CrsShape.of(root);
        if (shape == null) {
            return 0;
        }
        String datumKey = CrsNames.datumKey(shape.datumName());
        String geographicKey = CrsNames.datumKey(shape.geographicName());
        Set<Integer> datums = new HashSet<>();
        datums.addAll(definitions.datumsNamed(datumKey));
        datums.addAll(definitions.datumsNamed(geographicKey));
        if (datums.isEmpty()) {
            Map<String, Set<Integer>> table = datumsByTableName();
            datums.addAll(table.getOrDefault(datumKey, Set.of()));
            datums.addAll(table.getOrDefault(geographicKey, Set.of()));
        }
        if (datums.isEmpty()) {
            return 0;
        }
        double falseEasting = shape instanceof CrsShape.Projected p
                ? p.parameters().get("false_easting") * p.linearUnit() : Double.NaN;
        List<Entry> candidates = new ArrayList<>();
        for (int datum : datums) {
            for (EpsgDefinitions.Definition d : definitions.onDatum(datum)) {
                boolean projected = !Double.isNaN(d.falseEastingMetres());
                if (projected != shape instanceof CrsShape.Projected
                        || (projected && Math.abs(d.falseEastingMetres() - falseEasting) > 0.01)) {
                    continue;
                }
                Entry e = parsed.computeIfAbsent(d.code(), code -> parse(d, datum)).orElse(null);
                boolean same = e != null && (shape instanceof CrsShape.Geographic g
                        ? e.shape instanceof CrsShape.Geographic eg && g.sameAs(eg)
                        : shape instanceof CrsShape.Projected p && e.shape instanceof CrsShape.Projected ep && p.sameAs(ep));
                if (same) {
                    candidates.add(e);
                }
            }
        }
        return best(candidates, root.name());
    }

    private static Optional<Entry> parse(EpsgDefinitions.Definition d, int datum) {
        try {
            Wkt root = Wkt.parse(d.wkt());
            CrsShape shape = CrsShape.of(root);
            return shape == null ? Optional.empty() : Optional.of(new Entry(d.code(), root.name(), datum, shape));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Among systems of the same geometry and datum (New Jersey and New York East share every parameter; ETRS89 / UTM
     * zone 32N has an "(N-E)" twin differing in axis order only), the one not deprecated, then the one named as the
     * .prj is, then the one whose name shares most words with the .prj's name, then most word pairs in the same order,
     * then fewest other words, then the lowest code.
     */
    private int best(List<Entry> candidates, String name) {
        if (candidates.isEmpty()) {
            return 0;
        }
        if (candidates.size() == 1) {
            return candidates.get(0).code;
        }
        Set<Integer> deprecated = deprecated();
        String key = CrsNames.nameKey(name);
        List<String> words = CrsNames.words(name);
        Set<String> pairs = CrsNames.pairs(words);
        Entry best = null;
        long[] bestRank = null;
        for (Entry e : candidates) {
            List<String> theirs = CrsNames.words(e.name);
            long shared = theirs.stream().filter(words::contains).count();
            Set<String> sharedPairs = CrsNames.pairs(theirs);
            sharedPairs.retainAll(pairs);
            long[] rank = {deprecated.contains(e.code) ? 0 : 1, CrsNames.nameKey(e.name).equals(key) ? 1 : 0, shared,
                    sharedPairs.size(), shared - theirs.size(), -e.code};
            if (bestRank == null || Arrays.compare(rank, bestRank) > 0) {
                best = e;
                bestRank = rank;
            }
        }
        return best.code;
    }

    private synchronized Map<String, Set<Integer>> datumsByTableName() {
        if (datumsByTableName == null) {
            datumsByTableName = GdalTables.datumsByName();
        }
        return datumsByTableName;
    }

    private synchronized Set<Integer> deprecated() {
        if (deprecated == null) {
            deprecated = GdalTables.deprecated();
        }
        return deprecated;
    }
}
