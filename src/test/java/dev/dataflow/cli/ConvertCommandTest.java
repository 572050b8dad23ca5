package dev.dataflow.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code convert} as a user runs it, on the sample CPDB points (a zipped shapefile with a WGS 84 .prj). */
class ConvertCommandTest {
    private static final Path SAMPLE = Path.of("examples/sample/edm-publishing/db-cpdb/publish/latest/cpdb_dcpattributes_pts.shp.zip");

    @TempDir
    Path dir;

    @Test
    void refusesToReplaceAnOutputUnlessOverwriteIsGiven() throws IOException {
        Path out = dir.resolve("points.csv");
        Files.writeString(out, "keep me");
        CliTest.Out o = CliTest.run(Map.of(), "convert", SAMPLE.toString(), "-o", out.toString());
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().contains(out + " already exists (add --overwrite to replace it)"), o.err());
        assertEquals("keep me", Files.readString(out));

        o = CliTest.run(Map.of(), "convert", SAMPLE.toString(), "-o", out.toString(), "--overwrite");
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains(", SRID 4326, "), o.out());
        assertTrue(Files.readString(out).startsWith("ccpversion,maprojid,"), Files.readString(out));
    }

    @Test
    void unknownCoordinateSystemIsSridZeroWithAWarningAndSridOverridesIt() throws IOException {
        Path zip = withPrj(dir.resolve("local.zip"), "PROJCS[\"Local_Grid\",GEOGCS[\"GCS_unknown\",DATUM[\"D_unknown\","
                + "SPHEROID[\"GRS_1980\",6378137.0,298.257222101]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]],"
                + "PROJECTION[\"Transverse_Mercator\"],PARAMETER[\"Central_Meridian\",-74.0],UNIT[\"Meter\",1.0]]");
        CliTest.Out o = CliTest.run(Map.of(), "convert", zip.toString(), "-o", dir.resolve("a.csv").toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.err().contains("warning: local.zip:cpdb_dcpattributes_pts.prj: coordinate system \"Local_Grid\" matches no EPSG "
                + "system: SRID 0 written (set --srid to the EPSG code of the data)"), o.err());
        assertTrue(o.out().contains(", SRID 0, "), o.out());

        o = CliTest.run(Map.of(), "convert", zip.toString(), "-o", dir.resolve("b.csv").toString(), "--srid", "2263");
        assertEquals(0, o.code(), o.err());
        assertEquals("", o.err());
        assertTrue(o.out().contains(", SRID 2263, "), o.out());
    }

    /** A copy of the sample zip with its .prj replaced. */
    private static Path withPrj(Path target, String prj) throws IOException {
        try (InputStream in = Files.newInputStream(SAMPLE); ZipInputStream zin = new ZipInputStream(in);
             OutputStream os = Files.newOutputStream(target); ZipOutputStream zout = new ZipOutputStream(os)) {
            for (ZipEntry e; (e = zin.getNextEntry()) != null; ) {
                zout.putNextEntry(new ZipEntry(e.getName()));
                zout.write(e.getName().endsWith(".prj") ? prj.getBytes(StandardCharsets.UTF_8) : zin.readAllBytes());
                zout.closeEntry();
            }
        }
        return target;
    }
}
