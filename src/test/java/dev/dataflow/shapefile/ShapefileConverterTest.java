package dev.dataflow.shapefile;

import dev.dataflow.DataflowException;
import dev.dataflow.config.ConvertOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static dev.dataflow.shapefile.ShpFixture.multiPoint;
import static dev.dataflow.shapefile.ShpFixture.nullShape;
import static dev.dataflow.shapefile.ShpFixture.parts;
import static dev.dataflow.shapefile.ShpFixture.partsZM;
import static dev.dataflow.shapefile.ShpFixture.point;
import static dev.dataflow.shapefile.ShpFixture.pointZ;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShapefileConverterTest {
    @TempDir
    Path dir;

    private static ShpFixture points() {
        return new ShpFixture(1).field("NAME", 'C', 10, 0).field("Pop", 'N', 8, 0)
                .add(point(1, 2), "Alpha", "100")
                .add(point(3, 4), "", "")
                .add(point(5, 6), "Gamma", "300");
    }

    private String csv(Path shp, ConvertOptions options) throws IOException {
        Path out = dir.resolve("out").resolve("result.csv");
        ConvertResult r = ShapefileConverter.convert(shp, out, options);
        assertEquals(out.toAbsolutePath(), r.output());
        return Files.readString(out);
    }

    private List<String> leftovers() throws IOException {
        Path out = dir.resolve("out");
        if (!Files.isDirectory(out)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(out)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writesHeaderAttributesAndEwkb() throws IOException {
        Path shp = points().write(dir.resolve("in"), "towns");
        Path out = dir.resolve("out").resolve("towns.csv");
        ConvertResult r = ShapefileConverter.convert(shp, out, ConvertOptions.defaults());
        assertEquals(3, r.features());
        assertEquals(4326, r.srid());
        assertEquals(List.of("name", "pop", "wkt"), r.columns());
        assertEquals("name,pop,wkt\n"
                + "Alpha,100,0101000020E6100000000000000000F03F0000000000000040\n"
                + ",,0101000020E610000000000000000008400000000000001040\n"
                + "Gamma,300,0101000020E610000000000000000014400000000000001840\n", Files.readString(out));
        // The output is readable like any other file, not private like a temp file.
        assertTrue(Files.isReadable(out));
        assertEquals(List.of("towns.csv"), leftovers());
    }

    @Test
    void wktPromotionAndGeometryColumnOptions() throws IOException {
        Path shp = new ShpFixture(5).field("id", 'N', 4, 0)
                .add(parts(5, new double[] {0, 0, 0, 1, 1, 1, 0, 0}), "1")
                .add(nullShape(), "2")
                .write(dir, "p");
        assertEquals("id,geom\n1,\"MULTIPOLYGON (((0 0,0 1,1 1,0 0)))\"\n2,\n",
                csv(shp, ConvertOptions.defaults().withWkt(true).withPromoteToMulti(true).withGeometryColumn("geom")));
    }

    @Test
    void truncatedShpIsAnErrorNamingFileAndRecordAndWritesNothing() throws IOException {
        Path shp = points().write(dir.resolve("in"), "towns");
        byte[] full = Files.readAllBytes(shp);
        Files.write(shp, java.util.Arrays.copyOf(full, full.length - 5));
        DataflowException e = assertThrows(DataflowException.class,
                () -> ShapefileConverter.convert(shp, dir.resolve("out").resolve("towns.csv"), ConvertOptions.defaults()));
        assertEquals("towns.shp: record 3: content length 20 runs past end of file", e.getMessage());
        assertEquals(DataflowException.STEP_FAILED, e.exitCode());
        assertEquals(List.of(), leftovers());
    }

    @Test
    void truncatedShpWithoutIndexIsAlsoCaught() throws IOException {
        Path shp = points().write(dir.resolve("in"), "towns");
        Files.delete(dir.resolve("in").resolve("towns.shx"));
        byte[] full = Files.readAllBytes(shp);
        Files.write(shp, java.util.Arrays.copyOf(full, full.length - 5));
        DataflowException e = assertThrows(DataflowException.class,
                () -> csv(shp, ConvertOptions.defaults()));
        assertEquals("towns.shp: record 3: content length 20 runs past end of file", e.getMessage());
        // Cut exactly between records: the header's length gives it away.
        Files.write(shp, java.util.Arrays.copyOf(full, full.length - 28));
        e = assertThrows(DataflowException.class, () -> csv(shp, ConvertOptions.defaults()));
        assertEquals("towns.shp: the file ends at byte 156 but its header says 184 bytes", e.getMessage());
    }

    @Test
    void failedConversionLeavesAnExistingOutputAlone() throws IOException {
        Path shp = points().write(dir.resolve("in"), "towns");
        Path out = dir.resolve("out").resolve("result.csv");
        Files.createDirectories(out.getParent());
        Files.writeString(out, "previous run");
        byte[] full = Files.readAllBytes(shp);
        Files.write(shp, java.util.Arrays.copyOf(full, full.length - 5));
        assertThrows(DataflowException.class, () -> ShapefileConverter.convert(shp, out, ConvertOptions.defaults()));
        assertEquals("previous run", Files.readString(out));
        assertEquals(List.of("result.csv"), leftovers());
    }

    @Test
    void partCountBeyondTheRecordIsCorrupt() throws IOException {
        ShpFixture.Shape good = parts(3, new double[] {0, 0, 1, 1});
        byte[] body = good.body().clone();
        body[32] = 50; // numParts = 50 in a record that has room for one
        Path shp = new ShpFixture(3).field("id", 'N', 2, 0)
                .add(good, "1").add(new ShpFixture.Shape(3, body), "2").write(dir, "lines");
        DataflowException e = assertThrows(DataflowException.class, () -> csv(shp, ConvertOptions.defaults()));
        assertEquals("lines.shp: record 2: 50 parts and 2 points need 276 bytes but content length is 80", e.getMessage());
    }

    @Test
    void zipWithTheLayerInsideAFolder() throws IOException {
        Path loose = points().write(dir.resolve("in"), "towns");
        Path zip = dir.resolve("towns.zip");
        zip(zip, "export/2024/", loose.getParent(), "towns", true);
        assertEquals(csv(loose, ConvertOptions.defaults()), csv(zip, ConvertOptions.defaults()));
    }

    @Test
    void zipWithSeveralLayersNeedsALayerName() throws IOException {
        Path a = points().write(dir.resolve("a"), "towns");
        Path b = new ShpFixture(1).field("id", 'N', 2, 0).add(point(9, 9), "1").write(dir.resolve("b"), "wells");
        Path zip = dir.resolve("both.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            addAll(z, "x/", a.getParent(), "towns");
            addAll(z, "y/", b.getParent(), "wells");
        }
        DataflowException e = assertThrows(DataflowException.class, () -> csv(zip, ConvertOptions.defaults()));
        assertEquals("both.zip: the zip holds 2 layers: x/towns, y/wells", e.getMessage());
        assertEquals("set layer to one of them", e.hint());
        assertEquals("id,wkt\n1,0101000020E610000000000000000022400000000000002240\n",
                csv(zip, ConvertOptions.defaults().withLayer("WELLS")));
        assertTrue(csv(zip, ConvertOptions.defaults().withLayer("x/towns")).startsWith("name,pop,wkt\nAlpha"));
        e = assertThrows(DataflowException.class, () -> csv(zip, ConvertOptions.defaults().withLayer("roads")));
        assertEquals("both.zip: no layer named roads; the zip holds: x/towns, y/wells", e.getMessage());
    }

    @Test
    void extensionsMatchInAnyCase() throws IOException {
        Path shp = points().write(dir.resolve("in"), "towns");
        Files.move(dir.resolve("in/towns.dbf"), dir.resolve("in/towns.DBF"));
        Files.move(dir.resolve("in/towns.prj"), dir.resolve("in/towns.PRJ"));
        assertTrue(csv(shp, ConvertOptions.defaults()).startsWith("name,pop,wkt\nAlpha,100,"));
    }

    @Test
    void missingOrUnknownPrjAsksForSrid() throws IOException {
        Path shp = points().prj(null).write(dir, "towns");
        DataflowException e = assertThrows(DataflowException.class, () -> csv(shp, ConvertOptions.defaults()));
        assertEquals("towns.shp has no .prj, so its coordinate system is unknown", e.getMessage());
        assertEquals("set srid to the EPSG code of the data", e.hint());
        assertTrue(csv(shp, ConvertOptions.defaults().withSrid(2263)).contains(",0101000020D7080000"));

        Path odd = points().prj("PROJCS[\"My_Local_Grid\",GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\","
                + "SPHEROID[\"WGS_1984\",6378137.0,298.257223563]]],PROJECTION[\"Transverse_Mercator\"]]").write(dir, "odd");
        e = assertThrows(DataflowException.class, () -> csv(odd, ConvertOptions.defaults()));
        assertEquals("odd.prj: coordinate system \"My_Local_Grid\" matches no EPSG system", e.getMessage());
        assertEquals("set srid to the EPSG code of the data", e.hint());
        // An explicit SRID wins over the .prj.
        assertTrue(csv(odd, ConvertOptions.defaults().withSrid(3857)).contains(",0101000020110F0000"));
    }

    @Test
    void unknownCrsAsZeroWritesSridZeroWithAWarningNamingTheSystem() throws IOException {
        Path odd = points().prj("PROJCS[\"My_Local_Grid\",GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\","
                + "SPHEROID[\"WGS_1984\",6378137.0,298.257223563]]],PROJECTION[\"Transverse_Mercator\"]]").write(dir, "odd");
        Path out = dir.resolve("odd.csv");
        ConvertResult r = ShapefileConverter.convert(odd, out, ConvertOptions.defaults().withUnknownCrsAsZero(true));
        assertEquals(0, r.srid());
        assertEquals(List.of("odd.prj: coordinate system \"My_Local_Grid\" matches no EPSG system: SRID 0 written "
                + "(set --srid to the EPSG code of the data)"), r.warnings());
        // EWKB point with the SRID flag and SRID 0, as PostGIS reads it: unknown.
        assertTrue(Files.readString(out).contains(",010100002000000000"), Files.readString(out));

        Path none = points().prj(null).write(dir.resolve("none"), "towns");
        r = ShapefileConverter.convert(none, dir.resolve("none.csv"), ConvertOptions.defaults().withUnknownCrsAsZero(true));
        assertEquals(0, r.srid());
        assertEquals(List.of("towns.shp has no .prj: SRID 0 written (set --srid to the EPSG code of the data)"),
                r.warnings());
        // --srid still wins, with nothing to warn about.
        r = ShapefileConverter.convert(odd, out, ConvertOptions.defaults().withUnknownCrsAsZero(true).withSrid(2263));
        assertEquals(2263, r.srid());
        assertEquals(List.of(), r.warnings());
    }

    @Test
    void aFailedWriteIsNotCalledAFailedRead() throws IOException {
        Path shp = points().write(dir.resolve("in"), "towns");
        java.io.OutputStream closedPipe = new java.io.OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        };
        DataflowException e = assertThrows(DataflowException.class,
                () -> ShapefileConverter.convert(shp, closedPipe, ConvertOptions.defaults()));
        assertEquals("towns.shp: cannot write the CSV: Broken pipe", e.getMessage());
        Files.writeString(dir.resolve("file"), "");
        e = assertThrows(DataflowException.class,
                () -> ShapefileConverter.convert(shp, dir.resolve("file").resolve("out.csv"), ConvertOptions.defaults()));
        assertTrue(e.getMessage().startsWith("towns.shp: cannot write the CSV: "), e.getMessage());
    }

    @Test
    void toAStreamTheSameBytesAsToAFileAndTheStreamStaysOpen() throws IOException {
        Path shp = points().write(dir.resolve("in"), "towns");
        Path file = dir.resolve("towns.csv");
        ConvertResult toFile = ShapefileConverter.convert(shp, file, ConvertOptions.defaults());
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        boolean[] closed = {false};
        java.io.OutputStream stream = new java.io.FilterOutputStream(bytes) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        ConvertResult toStream = ShapefileConverter.convert(shp, stream, ConvertOptions.defaults());
        assertEquals(Files.readString(file), bytes.toString(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(toFile.features(), toStream.features());
        assertEquals(null, toStream.output());
        assertFalse(closed[0], "the caller's stream must stay open");
    }

    @Test
    void deletedRecordsAreSkippedWithTheirShapes() throws IOException {
        Path shp = new ShpFixture(1).field("id", 'N', 2, 0)
                .add(point(1, 1), "1").addDeleted(point(2, 2), "2").add(point(3, 3), "3").write(dir, "d");
        Path out = dir.resolve("out").resolve("d.csv");
        ConvertResult r = ShapefileConverter.convert(shp, out, ConvertOptions.defaults().withWkt(true));
        assertEquals(2, r.features());
        assertEquals("id,wkt\n1,POINT (1 1)\n3,POINT (3 3)\n", Files.readString(out));
    }

    @Test
    void multiPatchIsRejected() throws IOException {
        Path shp = new ShpFixture(31).field("id", 'N', 2, 0).write(dir, "patch");
        DataflowException e = assertThrows(DataflowException.class, () -> csv(shp, ConvertOptions.defaults()));
        assertEquals("patch.shp: MultiPatch shapes (type 31) are not supported", e.getMessage());
    }

    @Test
    void noDataMeasureBecomesNaNAndZTypesMayLackM() throws IOException {
        Path shp = new ShpFixture(11).field("id", 'N', 2, 0)
                .add(pointZ(1, 2, 3, -1e39), "1")
                .add(pointZ(1, 2, 3, 4.0), "2")
                .add(pointZ(1, 2, 3, null), "3")
                .write(dir, "pz");
        String[] lines = csv(shp, ConvertOptions.defaults()).split("\n");
        // A record whose only measure is "no data" has no M.
        assertEquals("1,01010000A0E6100000000000000000F03F00000000000000400000000000000840", lines[1]);
        assertEquals("2,01010000E0E6100000000000000000F03F000000000000004000000000000008400000000000001040", lines[2]);
        assertEquals("3,01010000A0E6100000000000000000F03F00000000000000400000000000000840", lines[3]);
        assertEquals("3,POINT Z (1 2 3)", csv(shp, ConvertOptions.defaults().withWkt(true)).split("\n")[3]);
        assertEquals("1,POINT (1 2)", csv(shp, ConvertOptions.defaults().withWkt(true).withDimensions(2)).split("\n")[1]);

        // Among real measures, a no-data one is NaN (0x7FF8000000000000, little endian).
        Path line = new ShpFixture(23).field("id", 'N', 2, 0)
                .add(partsZM(23, new double[][] {{0, 0, 1, 1}}, null, new double[][] {{-1e39, 2}}), "1")
                .add(partsZM(23, new double[][] {{0, 0, 1, 1}}, null, new double[][] {{-1e39, -2e38}}), "2")
                .write(dir, "lm");
        assertEquals("id,wkt\n"
                + "1,0102000060E61000000200000000000000000000000000000000000000000000000000F87F000000000000F03F000000000000F03F0000000000000040\n"
                + "2,0102000020E61000000200000000000000000000000000000000000000000000000000F03F000000000000F03F\n",
                csv(line, ConvertOptions.defaults()));
    }

    @Test
    void polyLineZWithoutMBlockIsXyz() throws IOException {
        double[][] xy = {{0, 0, 1, 1, 2, 0}};
        Path shp = new ShpFixture(13).field("id", 'N', 2, 0)
                .add(partsZM(13, xy, new double[][] {{5, 6, 7}}, null), "1")
                .add(partsZM(13, xy, new double[][] {{5, 6, 7}}, new double[][] {{8, 9, 10}}), "2")
                .write(dir, "lz");
        assertEquals("id,wkt\n1,\"LINESTRING Z (0 0 5,1 1 6,2 0 7)\"\n2,\"LINESTRING ZM (0 0 5 8,1 1 6 9,2 0 7 10)\"\n",
                csv(shp, ConvertOptions.defaults().withWkt(true)));
    }

    @Test
    void multiPointsStayMultiAndPolygonRingsGetClosed() throws IOException {
        Path shp = new ShpFixture(8).field("id", 'N', 2, 0).add(multiPoint(1, 2), "1").add(multiPoint(1, 2, 3, 4), "2")
                .write(dir, "mp");
        assertEquals("id,wkt\n1,MULTIPOINT ((1 2))\n2,\"MULTIPOINT ((1 2),(3 4))\"\n",
                csv(shp, ConvertOptions.defaults().withWkt(true)));
        Path open = new ShpFixture(5).field("id", 'N', 2, 0).add(parts(5, new double[] {0, 0, 0, 1, 1, 1}), "1")
                .write(dir, "open");
        assertEquals("id,wkt\n1,\"POLYGON ((0 0,0 1,1 1,0 0))\"\n", csv(open, ConvertOptions.defaults().withWkt(true)));
        Path tiny = new ShpFixture(5).field("id", 'N', 2, 0).add(parts(5, new double[] {0, 0, 0, 1, 0, 0}), "1")
                .write(dir, "tiny");
        DataflowException e = assertThrows(DataflowException.class, () -> csv(tiny, ConvertOptions.defaults()));
        assertEquals("tiny.shp: record 1: ring 1 has 3 points; a polygon ring needs at least 4", e.getMessage());
    }

    @Test
    void dbfAndShpMustHaveTheSameRecordCount() throws IOException {
        ShpFixture two = new ShpFixture(1).field("id", 'N', 2, 0).add(point(1, 1), "1").add(point(2, 2), "2");
        Path shp = two.write(dir, "a");
        Files.write(dir.resolve("a.dbf"), new ShpFixture(1).field("id", 'N', 2, 0).add(point(1, 1), "1").dbf());
        DataflowException e = assertThrows(DataflowException.class, () -> csv(shp, ConvertOptions.defaults()));
        assertEquals("a.dbf has 1 records but a.shp has more", e.getMessage());
        Files.write(dir.resolve("a.shp"), new ShpFixture(1).add(point(1, 1)).shp());
        Files.write(dir.resolve("a.shx"), new ShpFixture(1).add(point(1, 1)).shx());
        Files.write(dir.resolve("a.dbf"), two.dbf());
        e = assertThrows(DataflowException.class, () -> csv(shp, ConvertOptions.defaults()));
        assertEquals("a.dbf has 2 records but a.shp has only 1", e.getMessage());
    }

    @Test
    void cpgDecidesTheCharsetAndTheOptionOverridesIt() throws IOException {
        Charset cp1252 = Charset.forName("windows-1252");
        Path shp = new ShpFixture(1).field("NAME", 'C', 12, 0).charset(cp1252, 0).cpg("1252")
                .add(point(1, 1), "Crème brûlée").write(dir, "c");
        assertTrue(csv(shp, ConvertOptions.defaults()).contains("\nCrème brûlée,"));
        // Read as Latin-2 the same bytes are other letters: proof the option is used.
        assertTrue(csv(shp, ConvertOptions.defaults().withCharset(Charset.forName("ISO-8859-2"))).contains("\nCrčme brűlée,"));
        Files.writeString(dir.resolve("c.cpg"), "UTF-8");
        DataflowException e = assertThrows(DataflowException.class, () -> csv(shp, ConvertOptions.defaults()));
        assertEquals("c.dbf: record 1, field NAME: the text is not valid UTF-8 (charset from c.cpg \"UTF-8\")", e.getMessage());
    }

    @Test
    void languageDriverIsUsedWithoutCpg() throws IOException {
        Path shp = new ShpFixture(1).field("NAME", 'C', 8, 0).charset(Charset.forName("windows-1252"), 0x57)
                .add(point(1, 1), "Señor").write(dir, "l");
        assertTrue(csv(shp, ConvertOptions.defaults()).contains("\nSeñor,"));
    }

    @Test
    void columnNamesAreLowerCasedUniqueAndMustNotClashWithTheGeometryColumn() throws IOException {
        Path shp = new ShpFixture(1).field("Name", 'C', 4, 0).field("NAME", 'C', 4, 0).field("WKT", 'C', 4, 0)
                .add(point(1, 1), "a", "b", "c").write(dir, "n");
        DataflowException e = assertThrows(DataflowException.class, () -> csv(shp, ConvertOptions.defaults()));
        assertEquals("n.dbf has a field named wkt, the same as the geometry column", e.getMessage());
        assertTrue(csv(shp, ConvertOptions.defaults().withGeometryColumn("geom")).startsWith("name,name_2,wkt,geom\na,b,c,"));
    }

    @Test
    void emptyLayerGivesAHeaderOnly() throws IOException {
        Path shp = new ShpFixture(5).field("id", 'N', 4, 0).write(dir, "empty");
        assertEquals("id,wkt\n", csv(shp, ConvertOptions.defaults()));
    }

    @Test
    void missingDbfAndNonShapefileInputsAreClearErrors() throws IOException {
        Path shp = points().write(dir, "towns");
        Files.delete(dir.resolve("towns.dbf"));
        DataflowException e = assertThrows(DataflowException.class, () -> csv(shp, ConvertOptions.defaults()));
        assertEquals("towns.dbf is missing; a shapefile needs its .dbf next to towns.shp", e.getMessage());
        Path text = Files.writeString(dir.resolve("notes.txt"), "hello");
        e = assertThrows(DataflowException.class, () -> csv(text, ConvertOptions.defaults()));
        assertEquals("notes.txt: not a .shp or .zip file", e.getMessage());
        Path zip = dir.resolve("empty.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            z.putNextEntry(new ZipEntry("readme.txt"));
            z.closeEntry();
        }
        e = assertThrows(DataflowException.class, () -> csv(zip, ConvertOptions.defaults()));
        assertEquals("empty.zip: the zip holds no .shp file", e.getMessage());
    }

    @Test
    void badOptionsAreConfigErrors() {
        DataflowException e = assertThrows(DataflowException.class, () -> ConvertOptions.defaults().withDimensions(3));
        assertEquals(DataflowException.BAD_CONFIG, e.exitCode());
        assertFalse(ConvertOptions.defaults().promoteToMulti());
        assertEquals("wkt", ConvertOptions.defaults().geometryColumn());
    }

    private static void zip(Path zip, String folder, Path from, String base, boolean macJunk) throws IOException {
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            z.putNextEntry(new ZipEntry(folder));
            z.closeEntry();
            addAll(z, folder, from, base);
            if (macJunk) {
                // Finder-made archives hold resource forks that look like shapefiles by name.
                z.putNextEntry(new ZipEntry("__MACOSX/" + folder + "._" + base + ".shp"));
                z.write(new byte[] {0, 5, 22, 7});
                z.closeEntry();
            }
        }
    }

    private static void addAll(ZipOutputStream z, String folder, Path from, String base) throws IOException {
        for (String ext : new String[] {"shp", "shx", "dbf", "prj"}) {
            z.putNextEntry(new ZipEntry(folder + base + "." + ext));
            z.write(Files.readAllBytes(from.resolve(base + "." + ext)));
            z.closeEntry();
        }
    }
}
