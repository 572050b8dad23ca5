package dev.dataflow.shapefile;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PrjSrid against GDAL on about a thousand EPSG systems (geographic, State Plane in feet and metres on NAD27, NAD83,
 * NAD83(HARN) and NAD83(2011), UTM, national grids, Web Mercator), each written by {@code gdalsrsinfo} as ESRI WKT1,
 * OGC WKT1 and OGC WKT1 without AUTHORITY nodes: for each flavour at least 99% must get the same EPSG code as
 * {@code gdalsrsinfo -e} gives, including "none". The corpus is committed (srs-corpus/make.sh regenerates it in about
 * three minutes); {@code PrjSridGdalIT} checks a sample of it against the GDAL installed here.
 */
class PrjSridCorpusTest {
    static final String CORPUS = "srs-corpus/corpus.tsv.gz";

    /** One system in one flavour, with the code GDAL identifies (0 for none). */
    record Case(int code, String group, String flavour, int gdal, String wkt) {
    }

    static List<Case> corpus() throws IOException {
        List<Case> cases = new ArrayList<>();
        try (InputStream in = PrjSridCorpusTest.class.getResourceAsStream(CORPUS)) {
            assertNotNull(in, CORPUS + " is missing");
            BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t", 5);
                cases.add(new Case(Integer.parseInt(f[0]), f[1], f[2], Integer.parseInt(f[3]), f[4]));
            }
        }
        return cases;
    }

    @Test
    void sameCodeAsGdalForAtLeast99PercentOfEachFlavour() throws IOException {
        List<Case> cases = corpus();
        Map<String, int[]> byFlavour = new LinkedHashMap<>();
        Map<String, int[]> byGroup = new TreeMap<>();
        List<String> misses = new ArrayList<>();
        long start = System.nanoTime();
        for (Case c : cases) {
            int ours = PrjSrid.recognise(c.wkt());
            boolean same = ours == c.gdal();
            int[] f = byFlavour.computeIfAbsent(c.flavour(), k -> new int[2]);
            int[] g = byGroup.computeIfAbsent(c.group() + " " + c.flavour(), k -> new int[2]);
            f[0] += same ? 1 : 0;
            f[1]++;
            g[0] += same ? 1 : 0;
            g[1]++;
            if (!same) {
                misses.add("EPSG:" + c.code() + " " + c.flavour() + ": GDAL " + c.gdal() + ", ours " + ours + "  " + c.wkt());
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        StringBuilder report = new StringBuilder("PrjSrid vs gdalsrsinfo -e, " + cases.size() + " texts in " + millis
                + " ms (catalog load included)\n");
        byFlavour.forEach((k, v) -> report.append(String.format("  %-12s %4d/%4d  %.2f%%%n", k, v[0], v[1], 100.0 * v[0] / v[1])));
        report.append("by group:\n");
        byGroup.forEach((k, v) -> report.append(String.format("  %-40s %4d/%4d%n", k, v[0], v[1])));
        report.append("misses (").append(misses.size()).append("):\n");
        misses.forEach(m -> report.append("  ").append(m).append('\n'));
        System.out.print(report);
        assertTrue(byFlavour.size() == 3 && cases.size() >= 3 * 500, "the corpus should hold 500+ systems in 3 flavours");
        byFlavour.forEach((flavour, v) -> assertTrue(v[0] >= 0.99 * v[1],
                flavour + ": only " + v[0] + " of " + v[1] + " agree with GDAL\n" + report));
    }
}
