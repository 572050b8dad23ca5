import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Writes NYC-scale community board budget request inputs in the layout of examples/sample-src/, which
 * examples/sample-domains/community-board-budget-requests.sh turns into the published objects:
 *
 *   cbbr_options_no_duplicates_surrogate_ids_v2.csv  8 policy areas, 40 need groups, 160 needs, 480 requests
 *   cbbr_options_cascade_v2.csv                      one or two agencies and a type per request: ~640 rows
 *   cbbr_export.csv (+ .csvt)                        every community board (not the joint interest areas) of
 *                                                    OUTDIR/dcp_community_districts.csv with 40 capital and 25
 *                                                    expense requests (the City Charter's limits) and 6 continued
 *                                                    support requests: 4,189 rows for the 59 boards
 *
 * Volumes follow spec domains-2026.md section 6. The mix covers every branch of the transform: MultiPoints,
 * MultiPolygons, GeometryCollections, requests without geometry, needs in another case, request texts that are not in
 * the option list (1%), recoded acronyms (DoiTT, DOITT), unpadded budget codes, literal \n in responses, and a
 * mixed-case acronym and trailing spaces in the option lists. Seeded: the same districts give the same files.
 * Agencies are ones the agency lookup has in the samples and the NYC bench alike (DPR, DOT, FDNY, OTI, SBS, DOE).
 * Usage: java bench/GenerateCbbr.java OUTDIR   (after dcp_community_districts.csv is in OUTDIR)
 */
public class GenerateCbbr {
    private static final String[] POLICY_AREAS = {"Health Care and Human Services", "Youth, Education, and Child Welfare",
            "Public Safety and Emergency Services", "Core Infrastructure, City Services, and Resiliency",
            "Housing, Economic Development, and Land Use", "Transportation and Mobility",
            "Parks, Cultural, and Other Community Facilities", "Other Needs"};
    private static final String[] GROUP_WORDS = {"Facilities", "Programs", "Services", "Safety", "Access"};
    /** Agency as the cascade names it, the acronym OMB writes in the export, and the budget code. */
    private static final String[][] AGENCIES = {
            {"Department of Parks and Recreation (DPR)", "DPR", "846"},
            {"Department of Transportation (DOT)", "DOT", "841"},
            {"Fire Department (FDNY)", "FDNY", "57"},
            {"Department of Information Technology and Telecommunications (DOITT)", "DoiTT", "858"},
            {"Office of Technology and Innovation (DoITT)", "DOITT", "858"},
            {"Department of Small Business Services (SBS)", "SBS", "801"},
            {"Department of Education (DOE)", "DOE", "40"}};
    private static final String[] RESPONSES = {"Agency supports but cannot accommodate",
            "This request has already been completed.", "Request funded", "Further study by the agency",
            "Request partially funded", "Agency does not support"};
    private static final int NEED_GROUPS_PER_AREA = 5;
    private static final int NEEDS_PER_GROUP = 4;
    private static final int REQUESTS_PER_NEED = 3;

    private final Random r = new Random(2027);

    /** One valid filter combination: policy area, need group, agency row, type, need, request. */
    private record Option(int area, String group, String[] agency, String type, String need, String request) {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        new GenerateCbbr().write(dir);
    }

    private void write(Path dir) throws IOException {
        List<String> groups = new ArrayList<>();
        List<Integer> groupArea = new ArrayList<>();
        List<String> needs = new ArrayList<>();
        List<String> requests = new ArrayList<>();
        List<Option> options = new ArrayList<>();
        for (int a = 0; a < POLICY_AREAS.length; a++) {
            String short_ = POLICY_AREAS[a].split("[ ,]")[0];
            for (int g = 0; g < NEED_GROUPS_PER_AREA; g++) {
                String group = short_ + " " + GROUP_WORDS[g];
                groups.add(group);
                groupArea.add(a);
                for (int n = 1; n <= NEEDS_PER_GROUP; n++) {
                    String need = group + " need " + n;
                    needs.add(need);
                    for (int q = 1; q <= REQUESTS_PER_NEED; q++) {
                        String request = "Request " + q + " for " + need.toLowerCase(Locale.ROOT);
                        requests.add(request);
                        int agencies = 1 + (r.nextInt(3) == 0 ? 1 : 0);
                        int first = r.nextInt(AGENCIES.length);
                        for (int k = 0; k < agencies; k++) {
                            String[] agency = AGENCIES[(first + k) % AGENCIES.length];
                            options.add(new Option(a, group, agency, r.nextInt(3) == 0 ? "Expense" : "Capital", need, request));
                        }
                    }
                }
            }
        }

        // The no-duplicates file: parallel lists padded with empty fields; every 25th need with a trailing space.
        try (BufferedWriter w = writer(dir.resolve("cbbr_options_no_duplicates_surrogate_ids_v2.csv"))) {
            w.write("policy_area_id,Policy Area,need_group_id,Need Group,Agency,Type,Need,Request\n");
            int rows = Math.max(Math.max(groups.size(), needs.size()), requests.size());
            for (int i = 0; i < rows; i++) {
                w.write(i < POLICY_AREAS.length ? (i + 1) + "," + csv(POLICY_AREAS[i]) : ",");
                w.write(',');
                w.write(i < groups.size() ? (i + 1) + "," + csv(groups.get(i)) : ",");
                w.write(',');
                w.write(i < AGENCIES.length ? csv(AGENCIES[i][0]) : "");
                w.write(',');
                w.write(i < 2 ? (i == 0 ? "Capital" : "Expense") : "");
                w.write(',');
                w.write(i < needs.size() ? csv(needs.get(i) + (i % 25 == 0 ? " " : "")) : "");
                w.write(',');
                w.write(i < requests.size() ? csv(requests.get(i)) : "");
                w.write('\n');
            }
        }
        try (BufferedWriter w = writer(dir.resolve("cbbr_options_cascade_v2.csv"))) {
            w.write("Policy Area,Need Group,Agency,Type,Need,Request\n");
            for (Option o : options) {
                w.write(String.join(",", csv(POLICY_AREAS[o.area]), csv(o.group), csv(o.agency[0]), o.type,
                        csv(o.need), csv(o.request)));
                w.write('\n');
            }
        }

        List<Option> capital = options.stream().filter(o -> o.type.equals("Capital")).toList();
        List<Option> expense = options.stream().filter(o -> o.type.equals("Expense")).toList();
        StringBuilder csvt = new StringBuilder();
        for (int i = 0; i < 32; i++) {
            csvt.append("\"String\",");
        }
        Files.writeString(dir.resolve("cbbr_export.csvt"), csvt.append("\"WKT\"\n").toString());
        String[] boroughs = {"Manhattan", "Bronx", "Brooklyn", "Queens", "Staten Island"};
        long rows = 0;
        try (BufferedWriter w = writer(dir.resolve("cbbr_export.csv"))) {
            w.write("unique_id,tracking_code,borough,borough_code,cd,commdist,cb_label,type_br,type,priority,policy_area,"
                    + "need_group,need,title,request,explanation,location_specific,site_name,address,street_name,on_street,"
                    + "cross_street_1,cross_street_2,intersection_street_1,intersection_street_2,supporters_1,supporters_2,"
                    + "agency_acronym,agency,agency_category_response,agency_response,geo_function,WKT\n");
            for (String[] district : districts(dir)) {
                String borocd = district[0];
                int boro = borocd.charAt(0) - '0';
                String cd = borocd.substring(1);
                double[] box = bbox(district[1]);
                for (int i = 1; i <= 71; i++) {
                    String kind = i <= 40 ? "C" : i <= 65 ? "E" : "S";
                    int number = kind.equals("C") ? i : kind.equals("E") ? i - 40 : i - 65;
                    Option o = (kind.equals("E") ? expense : capital).get(r.nextInt((kind.equals("E") ? expense : capital).size()));
                    String typeBr = kind.equals("E") ? "E" : "C";
                    String tracking = borocd + "2027" + String.format("%02d", number) + kind;
                    boolean located = r.nextInt(100) < (typeBr.equals("C") ? 80 : 20);
                    String wkt = located ? geometry(box) : "";
                    String geoFunction = !located ? "NOT LOCATION DATA" : wkt.isEmpty() ? "GEOCODING FAILED"
                            : wkt.startsWith("GEOMETRYCOLLECTION") ? "Manual_Research" : wkt.startsWith("MULTIPOLYGON")
                            ? "_dpr_parksproperties" : "geosupport_1B_address";
                    String street = STREETS[r.nextInt(STREETS.length)];
                    String need = r.nextInt(10) == 0 ? o.need.toUpperCase(Locale.ROOT) : o.need;
                    String request = r.nextInt(100) == 0 ? "Other request not in the list " + r.nextInt(5) : o.request;
                    String response = RESPONSES[r.nextInt(RESPONSES.length)];
                    String answer = r.nextInt(3) == 0 ? "The agency will review this request.\\n\\nFunding is not yet in place."
                            : "Subject to funding.";
                    String[] v = {"FY2027_" + borocd + "_" + kind + "_" + String.format("%03d", number), tracking,
                            boroughs[boro - 1], String.valueOf(boro), cd, borocd, boroughs[boro - 1] + " CB " + cd, typeBr,
                            typeBr.equals("C") ? "Capital" : "Expense", String.valueOf(number), POLICY_AREAS[o.area], o.group,
                            need, "Title of request " + tracking, request,
                            "The board asks for this because of conditions reported by residents.",
                            located ? "Yes" : "No", located && r.nextBoolean() ? "Site " + number : "",
                            located ? (100 + number) + " " + street : "", located ? street : "",
                            located && r.nextInt(4) == 0 ? STREETS[r.nextInt(STREETS.length)] : "",
                            "", "", "", "", r.nextInt(5) == 0 ? "Friends of the district" : "", "",
                            o.agency[1], o.agency[2], response, answer, geoFunction};
                    StringBuilder line = new StringBuilder();
                    for (String x : v) {
                        line.append(csv(x)).append(',');
                    }
                    line.append(wkt.isEmpty() ? "" : "\"" + wkt + "\"").append('\n');
                    w.write(line.toString());
                    rows++;
                }
            }
        }
        System.out.println("cbbr: " + rows + " requests, " + options.size() + " cascade rows, " + needs.size()
                + " needs, " + requests.size() + " requests in the option list");
    }

    private static final String[] STREETS = {"BROADWAY", "MAIN STREET", "ATLANTIC AVENUE", "QUEENS BOULEVARD",
            "GRAND CONCOURSE", "FLATBUSH AVENUE", "RICHMOND TERRACE", "JAMAICA AVENUE", "FULTON STREET"};

    /** Community boards (BoroCD, WKT) of the district file, without the joint interest areas (numbers above 18). */
    private static List<String[]> districts(Path dir) throws IOException {
        List<String[]> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(dir.resolve("dcp_community_districts.csv"), StandardCharsets.UTF_8);
        List<String> header = List.of(lines.get(0).split(","));
        int code = header.indexOf("BoroCD");
        for (String line : lines.subList(1, lines.size())) {
            // WKT first and quoted, then plain numeric fields
            int end = line.indexOf('"', 1);
            String wkt = line.substring(1, end);
            String[] rest = line.substring(end + 2).split(",");
            String borocd = rest[code - 1];
            if (Integer.parseInt(borocd.substring(1)) <= 18) {
                out.add(new String[]{borocd, wkt});
            }
        }
        return out;
    }

    private static double[] bbox(String wkt) {
        double[] b = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        String[] numbers = wkt.replaceAll("[^0-9. -]", " ").trim().split("\\s+");
        for (int i = 0; i + 1 < numbers.length; i += 2) {
            double x = Double.parseDouble(numbers[i]);
            double y = Double.parseDouble(numbers[i + 1]);
            b[0] = Math.min(b[0], x);
            b[1] = Math.min(b[1], y);
            b[2] = Math.max(b[2], x);
            b[3] = Math.max(b[3], y);
        }
        return b;
    }

    /** A located request's geometry near the middle of its district: 60% points, 35% polygons, 3% collections, 2% none. */
    private String geometry(double[] box) {
        int p = r.nextInt(100);
        if (p < 2) {
            return "";
        }
        if (p < 62) {
            int n = 1 + r.nextInt(3);
            StringBuilder s = new StringBuilder("MULTIPOINT (");
            for (int i = 0; i < n; i++) {
                double[] c = near(box);
                s.append(i > 0 ? "," : "").append('(').append(coord(c[0])).append(' ').append(coord(c[1])).append(')');
            }
            return s.append(')').toString();
        }
        if (p < 97) {
            int n = 1 + (r.nextInt(4) == 0 ? 1 : 0);
            StringBuilder s = new StringBuilder("MULTIPOLYGON (");
            double[] first = null;
            for (int i = 0; i < n; i++) {
                // parts side by side, never overlapping (sizes up to 1,000 ft, 1,200 ft apart)
                double[] c = i == 0 ? near(box) : new double[]{first[0] + 1200, first[1]};
                first = c;
                s.append(i > 0 ? "," : "").append('(').append(rectangle(c, 200 + r.nextInt(800))).append(')');
            }
            return s.append(')').toString();
        }
        double[] c = near(box);
        return "GEOMETRYCOLLECTION (POINT (" + coord(c[0]) + " " + coord(c[1]) + "),POLYGON ("
                + rectangle(new double[]{c[0] + 1500, c[1]}, 400) + "))";
    }

    private double[] near(double[] box) {
        double w = box[2] - box[0];
        double h = box[3] - box[1];
        return new double[]{box[0] + w * (0.35 + 0.3 * r.nextDouble()), box[1] + h * (0.35 + 0.3 * r.nextDouble())};
    }

    private static String rectangle(double[] c, double size) {
        double x0 = c[0], y0 = c[1], x1 = c[0] + size, y1 = c[1] + size;
        return "(" + coord(x0) + " " + coord(y0) + "," + coord(x0) + " " + coord(y1) + "," + coord(x1) + " " + coord(y1)
                + "," + coord(x1) + " " + coord(y0) + "," + coord(x0) + " " + coord(y0) + ")";
    }

    private static BufferedWriter writer(Path file) throws IOException {
        return new BufferedWriter(new java.io.OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 20);
    }

    private static String csv(String s) {
        return s.indexOf(',') >= 0 || s.indexOf('"') >= 0 ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private static String coord(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
