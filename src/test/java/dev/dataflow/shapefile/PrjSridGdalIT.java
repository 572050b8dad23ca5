package dev.dataflow.shapefile;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Keeps the committed corpus honest: for a sample of its systems (one or more of each group, the ones a new user met
 * first among them), the GDAL installed here must still write the same texts and identify the same codes, and we
 * must agree with it. If GDAL changed, regenerate the corpus with srs-corpus/make.sh.
 */
class PrjSridGdalIT {
    private static final List<Integer> SAMPLE = List.of(4267, 4326, 2260, 2263, 6539, 32618, 2828, 26753, 27700, 3857);
    private static final Path WORK = Path.of("target", "prj-srid-gdal-it").toAbsolutePath();

    @Test
    void corpusMatchesTheInstalledGdalOnASample() throws Exception {
        Map<Integer, List<PrjSridCorpusTest.Case>> corpus = PrjSridCorpusTest.corpus().stream()
                .collect(Collectors.groupingBy(PrjSridCorpusTest.Case::code));
        Files.createDirectories(WORK);
        List<String> problems = new ArrayList<>();
        for (int code : SAMPLE) {
            List<PrjSridCorpusTest.Case> cases = corpus.get(code);
            assertTrue(cases != null && cases.size() == 3, "EPSG:" + code + " should be in the corpus in 3 flavours");
            List<String> all = gdalsrsinfo("-o", "all", "--single-line", "EPSG:" + code);
            for (PrjSridCorpusTest.Case c : cases) {
                String heading = switch (c.flavour()) {
                    case "esri" -> "ESRI WKT :";
                    case "ogc" -> "OGC WKT1 :";
                    default -> "OGC WKT1 (simple) :";
                };
                String wkt = all.get(all.indexOf(heading) + 1);
                if (!wkt.equals(c.wkt())) {
                    problems.add("EPSG:" + code + " " + c.flavour() + ": GDAL now writes " + wkt);
                    continue;
                }
                Path prj = WORK.resolve(code + "-" + c.flavour() + ".prj");
                Files.writeString(prj, wkt);
                int identified = gdalsrsinfo("-e", prj.toString()).stream().filter(l -> l.matches("EPSG:-?\\d+"))
                        .map(l -> Integer.parseInt(l.substring(5))).findFirst().orElse(0);
                if (identified != c.gdal()) {
                    problems.add("EPSG:" + code + " " + c.flavour() + ": GDAL now identifies " + identified
                            + ", the corpus says " + c.gdal());
                }
                int ours = PrjSrid.recognise(wkt);
                if (ours != identified) {
                    problems.add("EPSG:" + code + " " + c.flavour() + ": GDAL " + identified + ", ours " + ours);
                }
            }
        }
        assertEquals(List.of(), problems, "regenerate src/test/resources/dev/dataflow/shapefile/srs-corpus/corpus.tsv.gz"
                + " with make.sh if GDAL changed");
    }

    private static List<String> gdalsrsinfo(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("gdalsrsinfo"));
        command.addAll(List.of(args));
        Process p;
        try {
            // Its warnings (about output formats it cannot write for some methods) go to stderr, which is not read.
            p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            return fail("gdalsrsinfo is not installed; this test compares against GDAL: apt-get install gdal-bin", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("gdalsrsinfo timed out: " + command);
        }
        assertEquals(0, p.exitValue(), () -> String.join(" ", command) + "\n" + out);
        return out.lines().map(String::strip).toList();
    }
}
