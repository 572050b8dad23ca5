import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Writes a NYC-scale facilities.csv (the facilities domain's source, spec 7.8) into OUTDIR, beside the other inputs of
 * bench/GenerateNyc.java, for examples/sample-domains/facilities.sh to publish:
 *
 *   FACILITIES facilities (30,000 by default, Data Engineering's "30,000+"), every subgroup of
 *   data/facility_subgroup.csv used, about 620 types (7-8 per subgroup), about 4,000 operators, 3% without
 *   coordinates, coordinates in NYC's five boroughs in EPSG:2263 feet, capacities on 40% (a handful above 32,767),
 *   mock SGR grades on public facilities with a BIN, one type under two subgroups and one operator under two types.
 *
 * Classification (subgroup -> group -> domain) comes from data/facility_*.csv. DATASOURCE values are the schema names
 * of OUTDIR/source_data_versions.csv and OVERABBREV values mostly the acronyms of OUTDIR/dcp_managing_agencies_lookup.csv
 * when those files are there (so every rule of sql/transform/facilities.sql holds); otherwise fixed lists, and then a
 * source_data_versions.csv is written too. Seeded: the same arguments make the same file.
 * Usage: java bench/GenerateFacilities.java FACILITIES OUTDIR [REPO]
 */
public class GenerateFacilities {
    /** Subgroup ids whose service area is Regional in Data Engineering's classification (spec 7.8). */
    private static final Set<Integer> REGIONAL = Set.of(15, 22, 27, 28, 29, 30, 35, 36, 37, 38, 39, 40, 41, 42, 52,
            53, 54, 55, 56, 58, 59, 60, 61, 62, 63, 64, 65, 66, 67, 69, 71, 72);
    /** Borough name, code, city, extent in EPSG:2263 feet, share of facilities. */
    private static final String[] BORO = {"MANHATTAN", "BRONX", "BROOKLYN", "QUEENS", "STATEN ISLAND"};
    private static final String[] CITY = {"NEW YORK", "BRONX", "BROOKLYN", "JAMAICA", "STATEN ISLAND"};
    private static final double[][] EXTENT = {
            {971000, 188000, 1010000, 259000}, {1002000, 230000, 1067000, 273000}, {970000, 150000, 1035000, 210000},
            {1000000, 140000, 1067000, 230000}, {913000, 120000, 975000, 175000}};
    private static final double[] SHARE = {0.22, 0.17, 0.28, 0.24, 0.09};
    private static final String[] TYPE_WORDS = {"PUBLIC", "PRIVATE", "CITY", "STATE", "COMMUNITY", "SITE", "CENTER",
            "PROGRAM", "ANNEX", "SATELLITE", "MAIN"};
    private static final String[] STREETS = {"BROADWAY", "MAIN STREET", "ATLANTIC AVENUE", "QUEENS BOULEVARD",
            "GRAND CONCOURSE", "FLATBUSH AVENUE", "RICHMOND TERRACE", "JAMAICA AVENUE", "OCEAN PARKWAY",
            "EAST 149 STREET", "WEST 42 STREET", "HYLAN BOULEVARD", "NORTHERN BOULEVARD", "FULTON STREET"};
    private static final String[] DEFAULT_SOURCES = {"dcp_colp", "dpr_parksproperties", "nysed_activeinstitutions",
            "doe_lcgms", "bpl_libraries", "nypl_libraries", "qpl_libraries", "dohmh_daycare", "hhc_hospitals",
            "fdny_firehouses", "nypd_policeprecincts", "dsny_garages", "dcla_culturalinstitutions", "dcp_pops"};
    private static final String[] DEFAULT_AGENCIES = {"NYCDOE", "DPR", "DOT", "FDNY", "HRA", "NYSED", "USNPS", "QPL",
            "NYPL", "SUNY"};
    private static final String[] NOT_IN_LOOKUP = {"NYSOPRHP", "NYSDOH", "NYSOMH", "NYSOASAS", "NYSDEC", "USDOT",
            "PANYNJ", "MTA"};
    private static final String[] CAPTYPES = {"Seats", "Beds", "Children", "Spaces", "Clients"};

    record Subgroup(int id, String name, String group, String domain) {
    }

    private final Random r = new Random(2026);

    public static void main(String[] args) throws IOException {
        int n = Integer.parseInt(args[0]);
        Path out = Path.of(args[1]);
        Path repo = Path.of(args.length > 2 ? args[2] : ".");
        Files.createDirectories(out);
        new GenerateFacilities().write(n, out, repo);
    }

    void write(int n, Path out, Path repo) throws IOException {
        List<Subgroup> subgroups = classification(repo.resolve("data"));
        List<String> sources = column(out.resolve("source_data_versions.csv"), 0);
        if (sources.isEmpty()) {
            sources = List.of(DEFAULT_SOURCES);
            try (BufferedWriter w = Files.newBufferedWriter(out.resolve("source_data_versions.csv"), StandardCharsets.UTF_8)) {
                w.write("schema_name,dataset_name,v,file_type,archive_date,url\n");
                for (String s : sources) {
                    w.write(s + "," + s.toUpperCase(Locale.ROOT).replace('_', ' ') + ",20260401,csv,2026-04-01,\n");
                }
            }
        }
        List<String> agencies = column(out.resolve("dcp_managing_agencies_lookup.csv"), 0);
        if (agencies.isEmpty()) {
            agencies = List.of(DEFAULT_AGENCIES);
        }
        // ~620 types: 7 or 8 per subgroup, named after it; the last subgroup's first type is also under the first
        // subgroup (a type under two subgroups, reported by the transform).
        List<String[]> types = new ArrayList<>();
        for (Subgroup s : subgroups) {
            int k = 7 + (s.id % 2 == 0 ? 1 : 0);
            String stem = s.name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9 ]", "").replaceAll(" +", " ");
            stem = stem.length() > 28 ? stem.substring(0, 28).strip() : stem;
            for (int i = 0; i < k; i++) {
                types.add(new String[]{stem + " - " + TYPE_WORDS[i % TYPE_WORDS.length] + (i >= TYPE_WORDS.length ? " " + i : ""),
                        Integer.toString(s.id)});
            }
        }
        types.add(new String[]{types.get(types.size() - 1)[0], Integer.toString(subgroups.get(0).id)});
        Map<Integer, Subgroup> byId = new LinkedHashMap<>();
        subgroups.forEach(s -> byId.put(s.id, s));

        try (BufferedWriter w = Files.newBufferedWriter(out.resolve("facilities.csv"), StandardCharsets.UTF_8)) {
            w.write("FACNAME,ADDRESSNUM,STREETNAME,ADDRESS,CITY,ZIPCODE,FACTYPE,FACSUBGRP,FACGROUP,FACDOMAIN,SERVAREA,"
                    + "OPNAME,OPABBREV,OPTYPE,OVERAGENCY,OVERABBREV,OVERLEVEL,CAPACITY,CAPTYPE,BORO,BIN,BBL,LATITUDE,"
                    + "LONGITUDE,XCOORD,YCOORD,CD,NTA2010,NTA2020,COUNCIL,CT2010,CT2020,BOROCODE,SCHOOLDIST,POLICEPRCT,"
                    + "DATASOURCE,RECTYPE,ASSET_ID,SGR_SCORE_TOT,SGR_GRADE_TOT,SGR_SCORE_ARCH,SGR_GRADE_ARCH,"
                    + "SGR_SCORE_SYST,SGR_GRADE_SYST,SGR_ASSMNT_YEAR,UID\n");
            for (int i = 0; i < n; i++) {
                // Every type at least once, then at random.
                String[] type = types.get(i < types.size() ? i : r.nextInt(types.size()));
                Subgroup s = byId.get(Integer.parseInt(type[1]));
                int b = borough();
                boolean pub = r.nextInt(100) < 45;
                String opname;
                String opabbrev;
                String optype;
                if (i == 1) {
                    opname = "Queens Public Library";       // the same operator under a second type (see i == 0)
                    opabbrev = "QPL";
                    optype = "Non-public";
                } else if (i == 0) {
                    opname = "Queens Public Library";
                    opabbrev = "QPL";
                    optype = "Public";
                } else if (pub) {
                    String a = agencies.get(r.nextInt(agencies.size()));
                    opname = "NYC Agency " + a;
                    opabbrev = a;
                    optype = "Public";
                } else {
                    opname = "Operator " + r.nextInt(3500);
                    opabbrev = r.nextInt(50) == 0 ? "" : "Non-public";
                    optype = "Non-public";
                }
                // One in ten overseen by a State or Federal body the agency lookup does not list (a counted NULL).
                String over = r.nextInt(10) == 0 ? NOT_IN_LOOKUP[r.nextInt(NOT_IN_LOOKUP.length)]
                        : agencies.get(r.nextInt(agencies.size()));
                boolean located = r.nextInt(100) >= 3;
                double x = EXTENT[b][0] + r.nextDouble() * (EXTENT[b][2] - EXTENT[b][0]);
                double y = EXTENT[b][1] + r.nextDouble() * (EXTENT[b][3] - EXTENT[b][1]);
                int num = 1 + r.nextInt(2500);
                String street = STREETS[r.nextInt(STREETS.length)];
                String capacity = r.nextInt(100) < 40 ? Integer.toString(10 + r.nextInt(1500)) : "";
                if (r.nextInt(10000) == 0) {
                    capacity = "45000";                  // above smallint: a counted NULL
                }
                String bin = r.nextInt(10) < 8 ? Integer.toString((b + 1) * 1000000 + r.nextInt(999999)) : "";
                String bbl = (b + 1) + String.format("%05d%04d", 1 + r.nextInt(16000), 1 + r.nextInt(200));
                String[] sgr = {"", "", "", "", "", "", ""};
                if (pub && !bin.isEmpty() && r.nextBoolean()) {
                    int arch = r.nextInt(101);
                    int syst = r.nextInt(101);
                    int tot = (int) Math.round(0.6 * arch + 0.4 * syst);
                    sgr = new String[]{Integer.toString(tot), grade(tot), Integer.toString(arch), grade(arch),
                            Integer.toString(syst), grade(syst), Integer.toString(2010 + r.nextInt(16))};
                }
                StringBuilder l = new StringBuilder(512);
                field(l, s.name.toUpperCase(Locale.ROOT) + " " + (i + 1));
                field(l, Integer.toString(num));
                field(l, street);
                field(l, num + " " + street);
                field(l, CITY[b]);
                field(l, String.format("1%04d", r.nextInt(1500)));
                field(l, type[0]);
                field(l, s.name.toUpperCase(Locale.ROOT));
                field(l, s.group.toUpperCase(Locale.ROOT));
                field(l, s.domain.toUpperCase(Locale.ROOT));
                field(l, REGIONAL.contains(s.id) ? "Regional" : "Local");
                field(l, opname);
                field(l, opabbrev);
                field(l, optype);
                field(l, "Agency " + over);
                field(l, over);
                field(l, over.startsWith("NYS") ? "State" : over.startsWith("US") ? "Federal" : "City");
                field(l, capacity);
                field(l, capacity.isEmpty() ? "" : CAPTYPES[r.nextInt(CAPTYPES.length)]);
                field(l, BORO[b]);
                field(l, bin);
                field(l, bbl);
                // Latitude and longitude are unused by the flow: a rough linear stand-in.
                field(l, located ? String.format(Locale.ROOT, "%.5f", 40.5 + (y - 120000) / 364000) : "");
                field(l, located ? String.format(Locale.ROOT, "%.5f", -74.25 + (x - 913000) / 276000) : "");
                field(l, located ? String.format(Locale.ROOT, "%.1f", x) : "");
                field(l, located ? String.format(Locale.ROOT, "%.1f", y) : "");
                field(l, (b + 1) + String.format("%02d", 1 + r.nextInt(12)));
                field(l, "XX" + String.format("%02d", r.nextInt(99)));
                field(l, "XX" + String.format("%04d", r.nextInt(9999)));
                field(l, Integer.toString(1 + r.nextInt(51)));
                field(l, Integer.toString(100 + r.nextInt(99000)));
                field(l, Integer.toString(100 + r.nextInt(99000)));
                field(l, Integer.toString(b + 1));
                field(l, String.format("%02d", 1 + r.nextInt(32)));
                field(l, Integer.toString(1 + r.nextInt(123)));
                field(l, sources.get(r.nextInt(sources.size())));
                field(l, r.nextInt(4) == 0 ? "program" : "facility");
                field(l, sgr[0].isEmpty() ? "" : Integer.toString(1000 + i));
                for (String v : sgr) {
                    field(l, v);
                }
                l.append(String.format("%016x%016x", r.nextLong(), r.nextLong())).append('\n');
                w.write(l.toString());
            }
        }
    }

    private int borough() {
        double u = r.nextDouble();
        for (int i = 0; i < SHARE.length; i++) {
            u -= SHARE[i];
            if (u < 0) {
                return i;
            }
        }
        return SHARE.length - 1;
    }

    private static String grade(int score) {
        return score >= 90 ? "A" : score >= 75 ? "B" : score >= 60 ? "C" : score >= 50 ? "D" : "F";
    }

    private static void field(StringBuilder l, String v) {
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0) {
            l.append('"').append(v.replace("\"", "\"\"")).append('"');
        } else {
            l.append(v);
        }
        l.append(',');
    }

    /** Subgroups with their group and domain names, from the three lists of data/. */
    private static List<Subgroup> classification(Path data) throws IOException {
        Map<String, String> domains = new LinkedHashMap<>();
        for (List<String> row : csv(data.resolve("facility_category.csv"))) {
            domains.put(row.get(0), row.get(2));
        }
        Map<String, String[]> groups = new LinkedHashMap<>();
        for (List<String> row : csv(data.resolve("facility_group.csv"))) {
            groups.put(row.get(0), new String[]{row.get(1), domains.get(row.get(3))});
        }
        List<Subgroup> out = new ArrayList<>();
        for (List<String> row : csv(data.resolve("facility_subgroup.csv"))) {
            String[] g = groups.get(row.get(3));
            out.add(new Subgroup(Integer.parseInt(row.get(0)), row.get(1), g[0], g[1]));
        }
        return out;
    }

    /** The values of one column of a CSV with a header, or nothing when the file is not there. */
    private static List<String> column(Path file, int index) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        return csv(file).stream().map(row -> row.get(index)).filter(v -> !v.isEmpty()).distinct().toList();
    }

    /** A small CSV reader for the flow's own lists: quoted fields, no line breaks inside fields; header skipped. */
    private static List<List<String>> csv(Path file) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            List<String> row = new ArrayList<>();
            StringBuilder cur = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = !quoted;
                } else if (c == ',' && !quoted) {
                    row.add(cur.toString());
                    cur.setLength(0);
                } else {
                    cur.append(c);
                }
            }
            row.add(cur.toString());
            rows.add(row);
        }
        return rows;
    }
}
