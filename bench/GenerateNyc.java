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
 * Writes NYC-scale inputs of the NYC flow in the layout of examples/sample-src/ (every geometry in EPSG:2263 as WKT,
 * with a .csvt beside each CSV that ogr2ogr turns into a shapefile or reprojects), so that
 * examples/generate-samples.sh can turn them into the published objects exactly as it does for the samples:
 *
 *   pluto.csv (+ pluto.csvt for the tax-lot shapefile)   LOTS tax lots, 5-30 vertices per ring, unique BBLs
 *   zoning_districts.csv                                 ~6,000 districts, labels such as R6A, C4-4A, M1-4/R7A, PARK
 *   dcp_city_council_districts.csv                       51 districts, 600-2,000 vertices
 *   dcp_community_districts.csv                          59 districts + 12 joint interest areas
 *   cpdb_projects.csv, cpdb_planned_commitments.csv      8,000 projects, 30,000 commitments
 *   cpdb_dcpattributes_pts.csv / _poly.csv               project points and polygons
 *   dcp_managing_agencies_lookup.csv                     ~180 agencies (every CPDB code and acronym among them)
 *   dcp_borough_boundary.csv                             5 boroughs, 6,000-10,000 vertices each
 *   dcp_nta_2010.csv, dcp_nta_2020.csv                   195 and 262 tabulation areas, 100-600 vertices
 *   dcp_census_tracts_2010.csv, _2020.csv                2,168 and 2,327 census tracts, 20-200 vertices
 *   source_data_versions.csv                             70 data sources
 *
 * Seeded, so every run with the same LOTS makes the same files. Every value satisfies the source tables' checks and
 * the transforms' rules (sql/), so the whole flow runs on it.
 * Usage: java bench/GenerateNyc.java LOTS OUTDIR
 */
public class GenerateNyc {
    /** Boroughs: abbreviation, share of the city's lots (PLUTO 2023), and a rough extent in EPSG:2263 feet. */
    private static final String[] ABBR = {"MN", "BX", "BK", "QN", "SI"};
    private static final double[] SHARE = {0.0497, 0.1047, 0.3227, 0.3784, 0.1445};
    private static final double[][] EXTENT = {
            {971000, 188000, 1010000, 259000}, {1002000, 230000, 1067000, 273000}, {970000, 150000, 1035000, 210000},
            {1000000, 140000, 1067000, 230000}, {913000, 120000, 975000, 175000}};
    private static final String[] STREETS = {"BROADWAY", "MAIN STREET", "ATLANTIC AVENUE", "QUEENS BOULEVARD",
            "GRAND CONCOURSE", "FLATBUSH AVENUE", "AVENUE OF THE AMERICAS", "RICHMOND TERRACE", "JAMAICA AVENUE",
            "OCEAN PARKWAY", "EAST 149 STREET", "WEST 42 STREET", "HYLAN BOULEVARD", "NORTHERN BOULEVARD",
            "ST. MARK'S PLACE", "BEACH 116 STREET", "FULTON STREET", "MYRTLE AVENUE", "LIBERTY AVENUE", "VICTORY BLVD"};
    /** Land-use codes 01-11 with a city-like frequency (01 one- and two-family homes dominate). */
    private static final int[] LAND_USE_WEIGHT = {40, 18, 5, 9, 4, 2, 2, 3, 2, 2, 8};
    private static final String[] ZONES = {"R1-1", "R1-2", "R2", "R2A", "R3-1", "R3-2", "R3A", "R3X", "R4", "R4-1",
            "R4A", "R5", "R5A", "R5B", "R5D", "R6", "R6A", "R6B", "R7-1", "R7-2", "R7A", "R7B", "R7D", "R8", "R8A",
            "R8B", "R9", "R9A", "R10", "R10A", "R10H", "C1-6", "C1-9", "C2-8", "C3", "C3A", "C4-1", "C4-4A", "C4-5X",
            "C5-2", "C5-3", "C6-2", "C6-4", "C6-6", "C7", "C8-1", "C8-2", "M1-1", "M1-2", "M1-4", "M1-5", "M1-6",
            "M2-1", "M2-4", "M3-1", "M3-2", "M1-4/R7A", "M1-2/R6A", "M1-1/R7-2", "M1-4/R6B", "M1-5/R10", "R6/R6A"};
    private static final String[] NOT_ZONES = {"PARK", "BALL FIELD", "PUBLIC PLACE", "PLAYGROUND", "BPC", ""};
    /** Agencies: code, acronym, name. */
    private static final String[][] AGENCIES = {
            {"846", "DPR", "Department of Parks and Recreation"}, {"841", "DOT", "Department of Transportation"},
            {"826", "DEP", "Department of Environmental Protection"}, {"850", "DDC", "Department of Design and Construction"},
            {"856", "DCAS", "Department of Citywide Administrative Services"}, {"040", "DOE", "Department of Education"},
            {"057", "FDNY", "Fire Department"}, {"056", "NYPD", "Police Department"},
            {"816", "DOHMH", "Department of Health and Mental Hygiene"},
            {"806", "HPD", "Department of Housing Preservation and Development"},
            {"801", "SBS", "Department of Small Business Services"}, {"827", "DSNY", "Department of Sanitation"},
            {"819", "HHC", "Health and Hospitals Corporation"}, {"068", "ACS", "Administration for Children's Services"},
            {"071", "DHS", "Department of Homeless Services"}, {"072", "DOC", "Department of Correction"},
            {"858", "OTI", "Office of Technology and Innovation"}, {"125", "DFTA", "Department for the Aging"},
            {"126", "DCLA", "Department of Cultural Affairs"}, {"039", "SCA", "School Construction Authority"}};
    private static final String[] CATEGORIES = {"Fixed Asset", "Fixed Asset", "Fixed Asset", "Fixed Asset",
            "Fixed Asset", "Fixed Asset", "Fixed Asset", "Lump Sum", "Lump Sum", "ITT, Vehicles, and Equipment", ""};
    private static final String[][] COMMITMENT_TYPES = {{"CONS", "CONSTRUCTION", "C01", "Construction"},
            {"DSGN", "DESIGN", "D01", "Design"}, {"EQUP", "EQUIPMENT", "E01", "Equipment"},
            {"SITE", "SITE ACQUISITION", "S01", "Site acquisition"}, {"SURV", "SURVEYS", "V01", "Surveys"},
            {"CNTG", "CONTINGENCY", "G01", "Contingency"}, {"INSP", "INSPECTION", "I01", "Inspection"}};
    private static final String[] PROJECT_WORDS = {"Reconstruction of", "Rehabilitation of", "Upgrade of",
            "Renovation of", "Replacement of", "Construction of", "Improvements to", "Resiliency at"};
    private static final String[] PROJECT_PLACES = {"Comfort Station", "Playground", "Bridge", "Water Main",
            "Sewer", "Library", "Firehouse", "Precinct House", "School", "Health Center", "Shelter", "Garage",
            "Pier", "Ballfield", "Greenway", "Plaza", "Retaining Wall", "Pump Station", "Boiler", "Roof"};

    private static final int PROJECTS = 8000;
    private static final int COMMITMENTS = 30000;
    private static final int ZONING_DISTRICTS = 6000;

    private final Random r = new Random(2024);
    private final StringBuilder b = new StringBuilder(1 << 16);

    public static void main(String[] args) throws IOException {
        long lots = Long.parseLong(args[0]);
        Path dir = Path.of(args[1]);
        Files.createDirectories(dir);
        GenerateNyc g = new GenerateNyc();
        g.pluto(lots, dir);
        g.zoningDistricts(dir);
        g.districts(dir);
        g.cpdb(dir);
        g.agencies(dir);
        g.boroughs(dir);
        g.tabulationAreas(dir);
        g.censusTracts(dir);
        g.dataSources(dir);
    }

    // Tax lots ------------------------------------------------------------------------------------------------------

    /**
     * Each borough's extent is cut into a grid of blocks numbered from 1; each block into lots numbered from 1 in two
     * rows. Every lot is a star-shaped ring (always simple) inside its cell; 5% have a hole, 3% a second part.
     */
    private void pluto(long lots, Path dir) throws IOException {
        Files.writeString(dir.resolve("pluto.csvt"),
                "\"WKT\",\"String(2)\",\"Integer(5)\",\"Integer(4)\",\"String(40)\",\"String(2)\",\"Real(19.8)\"\n");
        try (BufferedWriter w = writer(dir.resolve("pluto.csv"))) {
            w.write("wkt,borough,block,lot,address,land_use,bbl\n");
            long written = 0;
            for (int boro = 0; boro < 5; boro++) {
                long n = boro == 4 ? lots - written : Math.round(lots * SHARE[boro]);
                written += n;
                int perBlock = boro == 0 ? 14 : 40;
                long blocks = (n + perBlock - 1) / perBlock;
                if (blocks > 99999) {
                    perBlock = (int) ((n + 99998) / 99999);
                    blocks = (n + perBlock - 1) / perBlock;
                }
                if (perBlock > 9999) {
                    throw new IllegalArgumentException("too many lots for 5-digit blocks and 4-digit lots");
                }
                double[] e = EXTENT[boro];
                double width = e[2] - e[0];
                double height = e[3] - e[1];
                long cols = Math.max(1, Math.round(Math.sqrt(blocks * width / height)));
                long rows = (blocks + cols - 1) / cols;
                double bw = width / cols;
                double bh = height / rows;
                for (long i = 0; i < n; i++) {
                    long block = i / perBlock;
                    int lotNo = (int) (i % perBlock);
                    double cellW = bw / ((perBlock + 1) / 2);
                    double cellH = bh / 2;
                    double cx = e[0] + (block % cols) * bw + (lotNo / 2 + 0.5) * cellW;
                    double cy = e[1] + (block / cols) * bh + (lotNo % 2 + 0.5) * cellH;
                    double size = 0.45 * Math.min(cellW, cellH);
                    b.setLength(0);
                    b.append("\"MULTIPOLYGON (((");
                    int kind = r.nextInt(100);
                    if (kind < 3) {
                        ring(cx - size / 2, cy, size / 2, false, 4, 26);
                        b.append(")),((");
                        ring(cx + size / 2, cy, size / 3, false, 4, 26);
                    } else if (kind < 8) {
                        ring(cx, cy, size, false, 4, 26);
                        b.append("),(");
                        ring(cx, cy, size / 5, true, 4, 8);
                    } else {
                        ring(cx, cy, size, false, 4, 26);
                    }
                    b.append(")))\",").append(ABBR[boro]).append(',').append(block + 1).append(',').append(lotNo + 1)
                            .append(',');
                    if (r.nextInt(50) != 0) {
                        b.append(1 + r.nextInt(2500)).append(' ').append(STREETS[r.nextInt(STREETS.length)]);
                    }
                    b.append(',');
                    if (r.nextInt(200) != 0) {
                        int lu = weighted(LAND_USE_WEIGHT) + 1;
                        b.append(lu < 10 ? "0" : "").append(lu);
                    }
                    b.append(',').append(boro + 1).append(String.format(Locale.ROOT, "%05d%04d", block + 1, lotNo + 1))
                            .append(".00000000\n");
                    w.append(b);
                }
            }
        }
    }

    // Zoning districts -----------------------------------------------------------------------------------------------

    private void zoningDistricts(Path dir) throws IOException {
        Files.writeString(dir.resolve("zoning_districts.csvt"), "\"WKT\",\"String\",\"Real\",\"Real\"\n");
        try (BufferedWriter w = writer(dir.resolve("zoning_districts.csv"))) {
            w.write("WKT,zonedist,shape_leng,shape_area\n");
            for (int i = 0; i < ZONING_DISTRICTS; i++) {
                double[] e = EXTENT[weighted(new int[] {5, 10, 32, 38, 15})];
                double cx = e[0] + r.nextDouble() * (e[2] - e[0]);
                double cy = e[1] + r.nextDouble() * (e[3] - e[1]);
                double size = 300 + r.nextDouble() * 2500;
                String label = r.nextInt(25) == 0 ? NOT_ZONES[r.nextInt(NOT_ZONES.length)] : ZONES[r.nextInt(ZONES.length)];
                b.setLength(0);
                b.append("\"MULTIPOLYGON (((");
                ring(cx, cy, size, false, 20, 300);
                if (r.nextInt(10) == 0) {
                    b.append(")),((");
                    ring(cx + 2.5 * size, cy, size / 2, false, 10, 60);
                }
                b.append(")))\",").append(label).append(',')
                        .append(num(2 * Math.PI * size * 0.8)).append(',').append(num(Math.PI * size * size * 0.64)).append('\n');
                w.append(b);
            }
        }
    }

    // Council and community districts --------------------------------------------------------------------------------

    private void districts(Path dir) throws IOException {
        String csvt = "\"WKT\",\"Integer(9)\",\"Real(24.11)\",\"Real(24.11)\"\n";
        Files.writeString(dir.resolve("dcp_city_council_districts.csvt"), csvt);
        Files.writeString(dir.resolve("dcp_community_districts.csvt"), csvt);
        int[] council = {10, 8, 16, 14, 3};
        try (BufferedWriter w = writer(dir.resolve("dcp_city_council_districts.csv"))) {
            w.write("WKT,CounDist,Shape_Leng,Shape_Area\n");
            int id = 1;
            for (int boro = 0; boro < 5; boro++) {
                for (int k = 0; k < council[boro]; k++) {
                    w.append(bigDistrict(boro, k, council[boro])).append(',').append(String.valueOf(id++)).append(',')
                            .append(num(40000 + r.nextDouble() * 60000)).append(',')
                            .append(num(5e7 + r.nextDouble() * 3e8)).append('\n');
                }
            }
        }
        int[] community = {12, 12, 18, 14, 3};
        int[][] joint = {{64}, {26, 27, 28}, {55, 56}, {80, 81, 82, 83, 84}, {95}};
        try (BufferedWriter w = writer(dir.resolve("dcp_community_districts.csv"))) {
            w.write("WKT,BoroCD,Shape_Leng,Shape_Area\n");
            for (int boro = 0; boro < 5; boro++) {
                int total = community[boro] + joint[boro].length;
                for (int k = 0; k < total; k++) {
                    int number = k < community[boro] ? k + 1 : joint[boro][k - community[boro]];
                    w.append(bigDistrict(boro, k, total)).append(',').append(String.valueOf((boro + 1) * 100 + number))
                            .append(',').append(num(30000 + r.nextDouble() * 50000)).append(',')
                            .append(num(3e7 + r.nextDouble() * 2e8)).append('\n');
                }
            }
        }
    }

    /** A district: a slice of its borough's extent drawn as a detailed star ring; every fourth has an island. */
    private String bigDistrict(int boro, int k, int of) {
        double[] e = EXTENT[boro];
        double sliceW = (e[2] - e[0]) / of;
        double cx = e[0] + (k + 0.5) * sliceW;
        double cy = (e[1] + e[3]) / 2;
        double size = Math.min(sliceW, e[3] - e[1]) * 0.45;
        b.setLength(0);
        b.append("\"MULTIPOLYGON (((");
        ring(cx, cy, size, false, 600, 2000);
        if (k % 4 == 0) {
            b.append(")),((");
            ring(cx, e[1] + 0.1 * (e[3] - e[1]), size / 6, false, 50, 200);
        }
        b.append(")))\"");
        return b.toString();
    }

    // Capital Projects Database --------------------------------------------------------------------------------------

    private void cpdb(Path dir) throws IOException {
        String[] fundParts = {"ccnonexempt", "ccexempt", "citycost", "nccstate", "nccfederal", "nccother", "noncitycost", "total"};
        List<String[]> projects = new ArrayList<>();   // code, acronym, name, proj_id, description, category
        try (BufferedWriter w = writer(dir.resolve("cpdb_projects.csv"))) {
            StringBuilder h = new StringBuilder("ccp_version,m_a_proj_id,m_agency_acro,m_agency,m_agency_name,description,"
                    + "proj_id,min_date,max_date,type_category");
            for (String stage : new String[] {"plannedcommit", "adopt", "allocate", "commit", "spent"}) {
                for (String p : fundParts) {
                    h.append(',').append(stage).append('_').append(p);
                }
            }
            w.write(h + ",spent_total_checkbooknyc\n");
            for (int i = 0; i < PROJECTS; i++) {
                String[] a = AGENCIES[r.nextInt(AGENCIES.length)];
                String projId = a[1].charAt(0) + String.format(Locale.ROOT, "%c%c-%05d", 'A' + r.nextInt(26), 'A' + r.nextInt(26), i);
                String description = PROJECT_WORDS[r.nextInt(PROJECT_WORDS.length)] + " "
                        + PROJECT_PLACES[r.nextInt(PROJECT_PLACES.length)]
                        + (r.nextInt(4) == 0 ? ", " + STREETS[r.nextInt(STREETS.length)] : "");
                String category = CATEGORIES[r.nextInt(CATEGORIES.length)];
                projects.add(new String[] {a[0], a[1], a[2], projId, description, category});
                b.setLength(0);
                int start = 2010 + r.nextInt(16);
                b.append("24prelim,").append(a[0]).append(projId).append(',').append(a[1]).append(',').append(a[0])
                        .append(',').append(csv(a[2])).append(',').append(csv(description)).append(',').append(projId)
                        .append(',').append(String.format(Locale.ROOT, "%d-%02d-%02d,%d-06-30", start, 1 + r.nextInt(12),
                                1 + r.nextInt(28), start + 1 + r.nextInt(10)))
                        .append(',').append(csv(category));
                for (int stage = 0; stage < 5; stage++) {
                    amounts(stage > 0 && r.nextInt(10) == 0);
                }
                b.append(',');
                if (r.nextInt(3) != 0) {
                    b.append(r.nextInt(50_000_000)).append(".0");
                }
                w.append(b).append('\n');
            }
        }
        // Budget codes: each with one type (the code itself) and one sponsoring agency, as the transform expects.
        String[] codes = new String[40];
        String[][] sponsors = new String[codes.length][];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = String.valueOf((char) ('A' + i % 26)) + (char) ('E' + i / 26);
            sponsors[i] = AGENCIES[r.nextInt(AGENCIES.length)];
        }
        try (BufferedWriter w = writer(dir.resolve("cpdb_planned_commitments.csv"))) {
            StringBuilder h = new StringBuilder("ccp_version,m_agency,project_id,m_a_proj_id,budget_line,project_type,"
                    + "s_agency_acro,s_agency_name,plan_comm_date,project_description,commitment_description,"
                    + "commitment_code,typ_c,typ_c_name");
            for (String p : fundParts) {
                h.append(",plannedcommit_").append(p);
            }
            w.write(h + "\n");
            for (int i = 0; i < COMMITMENTS; i++) {
                String[] p = projects.get(r.nextInt(projects.size()));
                int code = r.nextInt(codes.length);
                String[] t = COMMITMENT_TYPES[r.nextInt(COMMITMENT_TYPES.length)];
                b.setLength(0);
                b.append("24prelim,").append(p[0]).append(',').append(p[3]).append(',').append(p[0]).append(p[3])
                        .append(',').append(codes[code]).append('-').append(String.format(Locale.ROOT, "%04d", r.nextInt(300)))
                        .append(r.nextInt(20) == 0 ? "-A" : "").append(',').append(codes[code]).append(',')
                        .append(sponsors[code][1]).append(',').append(csv(sponsors[code][2])).append(',')
                        .append(String.format(Locale.ROOT, "%02d/%02d", 1 + r.nextInt(12), 24 + r.nextInt(8))).append(',')
                        .append(csv(p[4])).append(',').append(t[1]).append(',').append(t[0]).append(',').append(t[2])
                        .append(',').append(t[3]);
                amounts(false);
                w.append(b).append('\n');
            }
        }
        String csvt = "\"WKT\",\"String(20)\",\"String(20)\",\"String(3)\",\"String(10)\",\"String(20)\",\"String(254)\","
                + "\"String(50)\",\"String(50)\",\"String(50)\",\"String(50)\",\"String(8)\"\n";
        String header = "WKT,ccpversion,maprojid,magency,magencyacr,projectid,descriptio,typecatego,geomsource,"
                + "dataname,datasource,datadate\n";
        for (boolean points : new boolean[] {true, false}) {
            String name = points ? "cpdb_dcpattributes_pts" : "cpdb_dcpattributes_poly";
            Files.writeString(dir.resolve(name + ".csvt"), csvt);
            try (BufferedWriter w = writer(dir.resolve(name + ".csv"))) {
                w.write(header);
                int count = points ? 4000 : 2500;
                for (int i = 0; i < count; i++) {
                    // Mostly distinct projects; a few drawn twice (the transform merges them); 2% unknown projects.
                    int pick = i < count - 20 ? (int) ((long) i * projects.size() / count) + (points ? 0 : 1)
                            : r.nextInt(projects.size());
                    String[] p = projects.get(pick % projects.size());
                    double[] e = EXTENT[r.nextInt(5)];
                    double cx = e[0] + r.nextDouble() * (e[2] - e[0]);
                    double cy = e[1] + r.nextDouble() * (e[3] - e[1]);
                    b.setLength(0);
                    b.append('"');
                    if (points) {
                        b.append("MULTIPOINT (");
                        int n = 1 + (r.nextInt(5) == 0 ? r.nextInt(5) : 0);
                        for (int k = 0; k < n; k++) {
                            b.append(k > 0 ? "," : "").append('(').append(coord(cx + r.nextDouble() * 500)).append(' ')
                                    .append(coord(cy + r.nextDouble() * 500)).append(')');
                        }
                        b.append(')');
                    } else {
                        b.append("MULTIPOLYGON (((");
                        ring(cx, cy, 100 + r.nextDouble() * 800, false, 5, 60);
                        b.append(")))");
                    }
                    String projectId = r.nextInt(50) == 0 ? p[3] + "X" : p[3];
                    String source = p[1].toLowerCase(Locale.ROOT);
                    b.append("\",24prelim,").append(p[0]).append(projectId).append(',').append(p[0]).append(',')
                            .append(p[1]).append(',').append(projectId).append(',').append(csv(p[4])).append(',')
                            .append(csv(p[5])).append(",Agency,").append(source).append("_capitalprojects,").append(p[1])
                            .append(",20240315\n");
                    w.append(b);
                }
            }
        }
    }

    // Agencies, boroughs, tabulation areas, census tracts, data sources (spec domains-2026.md 6 and 7) ---------------

    private static final String[] BORO_NAME = {"Manhattan", "Bronx", "Brooklyn", "Queens", "Staten Island"};
    private static final String[] COUNTY = {"061", "005", "047", "081", "085"};
    /** Share of tabulation areas and tracts per borough, roughly as in the city. */
    private static final int[] AREA_WEIGHT = {14, 17, 30, 30, 9};
    private static final String[] LEVELS = {"City", "City", "City", "City", "County", "State", "Federal", ""};

    /** Every agency of the CPDB rows, ~160 more, the 04A code the flow leaves out, two blank names filled by data/. */
    private void agencies(Path dir) throws IOException {
        try (BufferedWriter w = writer(dir.resolve("dcp_managing_agencies_lookup.csv"))) {
            w.write("managing_agency_acronym,managing_agency,source,manages_capital_projects,operates_facilities,"
                    + "agency_code,overlevel,optype\n");
            for (String[] a : AGENCIES) {
                w.write(a[1] + "," + csv(a[2]) + ",Checkbook NYC,true,true," + a[0] + ",City,Public\n");
            }
            for (int i = 0; i < 160; i++) {
                String acronym = "A" + (char) ('A' + i / 26 % 26) + (char) ('A' + i % 26) + "X";
                String code = i % 3 == 0 ? "" : String.format(Locale.ROOT, "%03d", 300 + i);
                w.write(acronym + ",Office number " + (i + 1) + ",DCP,false," + (i % 2 == 0) + "," + code + ","
                        + LEVELS[r.nextInt(LEVELS.length)] + "," + (i % 5 == 0 ? "Non-public" : "Public") + "\n");
            }
            w.write("TGI,Trust for Governors Island,OMB,true,false,04A,City,Public\n");
            w.write("NYCRGB,\"\",DCP,false,false,,City,\n");
            w.write("SUNY,\"\",DCP,false,true,,State,Public\n");
        }
    }

    /** Each borough a detailed star ring inside its extent. */
    private void boroughs(Path dir) throws IOException {
        Files.writeString(dir.resolve("dcp_borough_boundary.csvt"),
                "\"WKT\",\"Integer(1)\",\"String(32)\",\"Real(24.11)\",\"Real(24.11)\"\n");
        try (BufferedWriter w = writer(dir.resolve("dcp_borough_boundary.csv"))) {
            w.write("WKT,BoroCode,BoroName,Shape_Leng,Shape_Area\n");
            for (int boro = 0; boro < 5; boro++) {
                double[] e = EXTENT[boro];
                b.setLength(0);
                b.append("\"MULTIPOLYGON (((");
                ring((e[0] + e[2]) / 2, (e[1] + e[3]) / 2, 0.5 * Math.min(e[2] - e[0], e[3] - e[1]), false, 6000, 10000);
                b.append(")))\",").append(boro + 1).append(',').append(BORO_NAME[boro]).append(',')
                        .append(num(200000 + r.nextDouble() * 200000)).append(',').append(num(1e9 + r.nextDouble() * 2e9))
                        .append('\n');
                w.append(b);
            }
        }
    }

    /** A small star ring somewhere in a borough's extent, as a quoted WKT field, in b. */
    private void area(int boro, double minSize, double maxSize, int minVertices, int maxVertices) {
        double[] e = EXTENT[boro];
        double size = minSize + r.nextDouble() * (maxSize - minSize);
        double cx = e[0] + size + r.nextDouble() * (e[2] - e[0] - 2 * size);
        double cy = e[1] + size + r.nextDouble() * (e[3] - e[1] - 2 * size);
        b.append("\"MULTIPOLYGON (((");
        ring(cx, cy, size, false, minVertices, maxVertices);
        b.append(")))\"");
    }

    private void tabulationAreas(Path dir) throws IOException {
        Files.writeString(dir.resolve("dcp_nta_2010.csvt"), "\"WKT\",\"String(1)\",\"String(32)\",\"String(3)\","
                + "\"String(4)\",\"String(80)\",\"Real(24.11)\",\"Real(24.11)\"\n");
        Files.writeString(dir.resolve("dcp_nta_2020.csvt"), "\"WKT\",\"String(1)\",\"String(32)\",\"String(3)\","
                + "\"String(6)\",\"String(80)\",\"String(16)\",\"String(1)\",\"String(4)\",\"String(80)\","
                + "\"Real(24.11)\",\"Real(24.11)\"\n");
        for (int year : new int[] {2010, 2020}) {
            int total = year == 2010 ? 195 : 262;
            int[] perBoro = new int[5];
            try (BufferedWriter w = writer(dir.resolve("dcp_nta_" + year + ".csv"))) {
                w.write(year == 2010 ? "WKT,BoroCode,BoroName,CountyFIPS,NTACode,NTAName,Shape_Leng,Shape_Area\n"
                        : "WKT,BoroCode,BoroName,CountyFIPS,NTA2020,NTAName,NTAAbbrev,NTAType,CDTA2020,CDTAName,"
                        + "Shape_Leng,Shape_Area\n");
                for (int i = 0; i < total; i++) {
                    int boro = weighted(AREA_WEIGHT);
                    int n = ++perBoro[boro];
                    String name = BORO_NAME[boro] + " " + STREETS[n % STREETS.length].toLowerCase(Locale.ROOT) + " area " + n;
                    b.setLength(0);
                    area(boro, 2000, 5000, 100, 600);
                    b.append(',').append(boro + 1).append(',').append(BORO_NAME[boro]).append(',').append(COUNTY[boro])
                            .append(',');
                    if (year == 2010) {
                        b.append(ABBR[boro]).append(String.format(Locale.ROOT, "%02d", n)).append(',').append(csv(name));
                    } else {
                        int district = 1 + n / 10;
                        b.append(ABBR[boro]).append(String.format(Locale.ROOT, "%02d%02d", district, n % 100)).append(',')
                                .append(csv(name)).append(',').append(ABBR[boro]).append(n).append(',')
                                .append(r.nextInt(8) == 0 ? "9" : "0").append(',').append(ABBR[boro])
                                .append(String.format(Locale.ROOT, "%02d", district)).append(',')
                                .append(ABBR[boro]).append(String.format(Locale.ROOT, "%02d", district))
                                .append(" District ").append(district);
                    }
                    b.append(',').append(num(10000 + r.nextDouble() * 30000)).append(',')
                            .append(num(5e6 + r.nextDouble() * 5e7)).append('\n');
                    w.append(b);
                }
            }
        }
    }

    private void censusTracts(Path dir) throws IOException {
        Files.writeString(dir.resolve("dcp_census_tracts_2010.csvt"), "\"WKT\",\"String(7)\",\"String(1)\","
                + "\"String(32)\",\"String(6)\",\"String(7)\",\"String(1)\",\"String(4)\",\"String(80)\",\"String(4)\","
                + "\"Real(24.11)\",\"Real(24.11)\"\n");
        Files.writeString(dir.resolve("dcp_census_tracts_2020.csvt"), "\"WKT\",\"String(7)\",\"String(1)\","
                + "\"String(32)\",\"String(6)\",\"String(7)\",\"String(1)\",\"String(80)\",\"String(6)\",\"String(4)\","
                + "\"String(80)\",\"String(11)\",\"String(4)\",\"Real(24.11)\",\"Real(24.11)\"\n");
        String[] eligible = {"I", "E", ""};
        for (int year : new int[] {2010, 2020}) {
            int total = year == 2010 ? 2168 : 2327;
            int[] perBoro = new int[5];
            try (BufferedWriter w = writer(dir.resolve("dcp_census_tracts_" + year + ".csv"))) {
                w.write(year == 2010 ? "WKT,CTLabel,BoroCode,BoroName,CT2010,BoroCT2010,CDEligibil,NTACode,NTAName,PUMA,"
                        + "Shape_Leng,Shape_Area\n"
                        : "WKT,CTLabel,BoroCode,BoroName,CT2020,BoroCT2020,CDEligibil,NTAName,NTA2020,CDTA2020,CDTAName,"
                        + "GEOID,PUMA,Shape_Leng,Shape_Area\n");
                for (int i = 0; i < total; i++) {
                    int boro = weighted(AREA_WEIGHT);
                    int n = ++perBoro[boro];
                    // Every seventh tract was split: 12.01, 12.02 style labels, unique within the borough.
                    int whole = n % 7 == 0 ? n - 1 : n;
                    String label = n % 7 == 0 ? whole + ".02" : (n % 7 == 6 ? whole + ".01" : String.valueOf(whole));
                    String ct = String.format(Locale.ROOT, "%04d%s", whole, n % 7 == 0 ? "02" : n % 7 == 6 ? "01" : "00");
                    b.setLength(0);
                    area(boro, 400, 1500, 20, 200);
                    b.append(',').append(label).append(',').append(boro + 1).append(',').append(BORO_NAME[boro]).append(',')
                            .append(ct).append(',').append(boro + 1).append(ct).append(',')
                            .append(eligible[r.nextInt(eligible.length)]).append(',');
                    String nta = ABBR[boro] + String.format(Locale.ROOT, "%02d", 1 + n % 40);
                    if (year == 2010) {
                        b.append(nta).append(',').append(BORO_NAME[boro]).append(" area ").append(1 + n % 40).append(',')
                                .append(3700 + boro * 100 + n % 10);
                    } else {
                        b.append(BORO_NAME[boro]).append(" area ").append(1 + n % 40).append(',').append(nta).append("01,")
                                .append(ABBR[boro]).append("01,").append(ABBR[boro]).append("01 District 1,36")
                                .append(COUNTY[boro]).append(ct).append(',').append(4100 + boro * 100 + n % 10);
                    }
                    b.append(',').append(num(3000 + r.nextDouble() * 8000)).append(',')
                            .append(num(4e5 + r.nextDouble() * 4e6)).append('\n');
                    w.append(b);
                }
            }
        }
    }

    private void dataSources(Path dir) throws IOException {
        String[] types = {"parquet", "pg_dump", "csv"};
        try (BufferedWriter w = writer(dir.resolve("source_data_versions.csv"))) {
            w.write("schema_name,dataset_name,v,file_type,archive_date,url\n");
            for (int i = 0; i < 70; i++) {
                int month = 1 + r.nextInt(6);
                int day = 1 + r.nextInt(28);
                w.write(String.format(Locale.ROOT, "dcp_input_%02d,Facilities input %d,2026%02d%02d,%s,2026-%02d-%02d,%s%n",
                        i, i + 1, month, day, types[i % 3], month, day,
                        i % 4 == 0 ? "" : "https://data.cityofnewyork.us/d/input-" + i));
            }
        }
    }

    /** Eight amounts (the last the total) appended to b; empty when asked. */
    private void amounts(boolean empty) {
        long total = 0;
        long[] v = new long[7];
        for (int k = 0; k < 7; k++) {
            v[k] = r.nextInt(2_000_000);
        }
        v[2] = v[0] + v[1];
        v[6] = v[3] + v[4] + v[5];
        total = v[2] + v[6];
        for (long x : v) {
            b.append(',');
            if (!empty) {
                b.append(x);
            }
        }
        b.append(',');
        if (!empty) {
            b.append(total);
        }
    }

    // Helpers ---------------------------------------------------------------------------------------------------------

    private static BufferedWriter writer(Path file) throws IOException {
        return new BufferedWriter(new java.io.OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 20);
    }

    private static String csv(String s) {
        return s.indexOf(',') >= 0 || s.indexOf('"') >= 0 ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.6f", v);
    }

    /** A coordinate as PostGIS's ST_AsText prints EPSG:2263 feet: at most 15 significant digits. */
    private static String coord(double v) {
        return Double.toString(Math.round(v * 1e8) / 1e8);
    }

    private int weighted(int[] weights) {
        int sum = 0;
        for (int w : weights) {
            sum += w;
        }
        int x = r.nextInt(sum);
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    /**
     * A star-shaped ring of min..max distinct vertices around (cx, cy), closed, appended to b: clockwise (a shell in
     * shapefile terms) or counter-clockwise (a hole). Angles increase strictly, so the ring never crosses itself.
     */
    private void ring(double cx, double cy, double size, boolean ccw, int min, int max) {
        int n = min + r.nextInt(max - min + 1);
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            double a = 2 * Math.PI * i / n;
            double d = size * (0.6 + 0.4 * r.nextDouble());
            xs[i] = cx + d * Math.cos(a);
            ys[i] = cy + d * Math.sin(a);
        }
        for (int k = 0; k <= n; k++) {
            int i = ccw ? k % n : (n - k) % n;
            if (k > 0) {
                b.append(',');
            }
            b.append(coord(xs[i])).append(' ').append(coord(ys[i]));
        }
    }
}
