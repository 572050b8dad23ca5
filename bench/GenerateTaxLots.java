import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * Writes a tax-lot-like CSV (WKT polygons in EPSG:2263 feet plus typical attributes) and its .csvt type file, for
 * ogr2ogr to turn into a shapefile. Seeded, so every run makes the same file.
 * Usage: java bench/GenerateTaxLots.java COUNT OUT.csv
 */
public class GenerateTaxLots {
    private static final String[] STREETS = {"BROADWAY", "MAIN ST", "ATLANTIC AVE", "QUEENS BLVD", "GRAND CONCOURSE",
            "FLATBUSH AVE", "AVENUE OF THE AMERICAS", "CAFÉ PL", "RICHMOND TER", "JAMAICA AVE"};
    private static final String[] OWNERS = {"NYC HOUSING AUTHORITY", "SMITH, JOHN", "O'BRIEN FAMILY TRUST",
            "ACME \"REALTY\" LLC", "", "DEPT OF PARKS", "GARCÍA, MARÍA", "UNAVAILABLE OWNER"};

    public static void main(String[] args) throws IOException {
        int count = Integer.parseInt(args[0]);
        Path out = Path.of(args[1]);
        Files.writeString(Path.of(args[1] + "t"), "\"Integer64\",\"String(1)\",\"Integer\",\"Integer\",\"String(40)\","
                + "\"Integer\",\"String(2)\",\"Integer64\",\"Real(12.2)\",\"Real(6.1)\",\"String(60)\",\"Date\",\"String\"\n");
        Random r = new Random(42);
        StringBuilder wkt = new StringBuilder(4096);
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            w.write("bbl,borough,block,lot,address,zipcode,landuse,lotarea,assesstot,numfloors,ownername,lastupdate,wkt\n");
            for (int i = 0; i < count; i++) {
                int borough = 1 + r.nextInt(5);
                int block = 1 + r.nextInt(16000);
                int lot = 1 + r.nextInt(9000);
                double cx = 913000 + r.nextDouble() * 154000;
                double cy = 120000 + r.nextDouble() * 153000;
                double size = 20 + r.nextDouble() * 200;
                wkt.setLength(0);
                int kind = r.nextInt(100);
                if (kind < 3) {
                    wkt.append("MULTIPOLYGON(((");
                    ring(wkt, r, cx, cy, size, false);
                    wkt.append(")),((");
                    ring(wkt, r, cx + 3 * size, cy, size / 2, false);
                    wkt.append(")))");
                } else if (kind < 8) {
                    wkt.append("POLYGON((");
                    ring(wkt, r, cx, cy, size, false);
                    wkt.append("),(");
                    ring(wkt, r, cx, cy, size / 4, true);
                    wkt.append("))");
                } else {
                    wkt.append("POLYGON((");
                    ring(wkt, r, cx, cy, size, false);
                    wkt.append("))");
                }
                String owner = OWNERS[r.nextInt(OWNERS.length)];
                w.write(String.format(Locale.ROOT, "%d%05d%04d,%d,%d,%d,\"%d %s\",%d,%s,%d,%.2f,%.1f,\"%s\",%04d-%02d-%02d,\"%s\"\n",
                        borough, block, lot, borough, block, lot, 1 + r.nextInt(999), STREETS[r.nextInt(STREETS.length)],
                        10001 + r.nextInt(1000), r.nextInt(12) == 0 ? "" : String.format("%02d", 1 + r.nextInt(11)),
                        (long) (size * size * 3), r.nextDouble() * 5_000_000, 1 + r.nextInt(60) / 2.0,
                        owner.replace("\"", "\"\""), 2000 + r.nextInt(25), 1 + r.nextInt(12), 1 + r.nextInt(28), wkt));
            }
        }
    }

    /** A star-shaped ring of 5 to 30 vertices around (cx, cy), closed; counter-clockwise when asked. */
    private static void ring(StringBuilder b, Random r, double cx, double cy, double size, boolean ccw) {
        int n = 4 + r.nextInt(26);
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            double a = 2 * Math.PI * i / n;
            double d = size * (0.6 + 0.4 * r.nextDouble());
            xs[i] = Math.round((cx + d * Math.cos(a)) * 100) / 100.0;
            ys[i] = Math.round((cy + d * Math.sin(a)) * 100) / 100.0;
        }
        for (int k = 0; k <= n; k++) {
            int i = ccw ? k % n : (n - k) % n;
            if (k > 0) {
                b.append(',');
            }
            b.append(xs[i]).append(' ').append(ys[i]);
        }
    }
}
