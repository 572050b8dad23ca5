package dev.dataflow.shapefile;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Chooses the charset of a DBF's text: the caller's explicit choice, else the .cpg file, else the language driver
 * byte of the DBF header, else UTF-8. The last step deliberately differs from dBASE's Latin-1 default: most files
 * without either marker come from tools that write UTF-8, and a wrong UTF-8 guess fails loudly where Latin-1 would
 * silently garble text.
 *
 * @param source how the charset was chosen, for error messages
 */
record DbfEncoding(Charset charset, String source) {
    private static final Pattern ISO_8859 = Pattern.compile("(?:ISO)?[-_ ]?8859[-_ ]?(\\d{1,2})");
    private static final Pattern CODE_PAGE = Pattern.compile("(?:CP|ANSI[-_ ]?|WINDOWS[-_ ]?|MS|IBM|OEM[-_ ]?)?(\\d{3,5})");

    /** dBASE / ArcGIS language driver ids and the code page each one stands for. */
    private static final Map<Integer, String> LANGUAGE_DRIVERS = Map.ofEntries(
            Map.entry(0x01, "IBM437"), Map.entry(0x02, "IBM850"), Map.entry(0x03, "windows-1252"),
            Map.entry(0x04, "x-MacRoman"), Map.entry(0x13, "windows-31j"), Map.entry(0x26, "IBM866"),
            Map.entry(0x4d, "GBK"), Map.entry(0x4e, "x-windows-949"), Map.entry(0x4f, "x-windows-950"),
            Map.entry(0x50, "x-windows-874"), Map.entry(0x57, "windows-1252"), Map.entry(0x58, "windows-1252"),
            Map.entry(0x59, "windows-1252"), Map.entry(0x64, "IBM852"), Map.entry(0x65, "IBM866"),
            Map.entry(0x66, "IBM865"), Map.entry(0x67, "IBM861"), Map.entry(0x6a, "x-IBM737"),
            Map.entry(0x6b, "IBM857"), Map.entry(0x78, "x-windows-950"), Map.entry(0x79, "x-windows-949"),
            Map.entry(0x7a, "GBK"), Map.entry(0x7b, "windows-31j"), Map.entry(0x7c, "x-windows-874"),
            Map.entry(0x7d, "windows-1255"), Map.entry(0x7e, "windows-1256"), Map.entry(0x96, "x-MacCyrillic"),
            Map.entry(0x97, "x-MacCentralEurope"), Map.entry(0x98, "x-MacGreek"), Map.entry(0xc8, "windows-1250"),
            Map.entry(0xc9, "windows-1251"), Map.entry(0xca, "windows-1254"), Map.entry(0xcb, "windows-1253"),
            Map.entry(0xcc, "windows-1257"));

    /**
     * @param cpgName file name of the .cpg for messages
     * @param cpg     the .cpg content, or null when there is none
     * @return the choice, or null when the .cpg names a charset this JVM does not know
     */
    static DbfEncoding choose(Charset explicit, String cpgName, String cpg, int languageDriver) {
        if (explicit != null) {
            return new DbfEncoding(explicit, "from the charset option");
        }
        if (cpg != null && !cpg.isBlank()) {
            Charset c = fromCpg(cpg);
            return c == null ? null : new DbfEncoding(c, "from " + cpgName + " \"" + cpg.strip() + "\"");
        }
        Charset c = fromLanguageDriver(languageDriver);
        if (c != null) {
            return new DbfEncoding(c, String.format("from the DBF language driver 0x%02X", languageDriver));
        }
        return new DbfEncoding(StandardCharsets.UTF_8, "UTF-8 by default: no .cpg and no language driver");
    }

    /** The charset a .cpg names (e.g. {@code UTF-8}, {@code 1252}, {@code 8859_1}, {@code CP1252}), or null. */
    static Charset fromCpg(String text) {
        String name = text.strip().replace("\"", "").toUpperCase(Locale.ROOT);
        if (name.equals("UTF8") || name.equals("UTF-8")) {
            return StandardCharsets.UTF_8;
        }
        if (name.equals("LATIN1") || name.equals("LATIN-1")) {
            return StandardCharsets.ISO_8859_1;
        }
        Matcher iso = ISO_8859.matcher(name);
        if (iso.matches()) {
            return supported("ISO-8859-" + iso.group(1));
        }
        Matcher cp = CODE_PAGE.matcher(name);
        if (cp.matches()) {
            String n = cp.group(1);
            // Windows code page numbers for charsets Java knows by their standard names.
            if (n.equals("65001")) {
                return StandardCharsets.UTF_8;
            }
            if (n.equals("20127")) {
                return StandardCharsets.US_ASCII;
            }
            if (n.length() == 5 && n.startsWith("2859")) {
                return supported("ISO-8859-" + n.charAt(4));
            }
            for (String candidate : new String[] {"windows-" + n, "IBM" + n, "x-IBM" + n, "x-windows-" + n, "cp" + n}) {
                Charset c = supported(candidate);
                if (c != null) {
                    return c;
                }
            }
            return null;
        }
        return supported(text.strip());
    }

    /** The charset a DBF language driver id stands for, or null for 0 and ids not in the table. */
    static Charset fromLanguageDriver(int id) {
        String name = LANGUAGE_DRIVERS.get(id);
        return name == null ? null : supported(name);
    }

    private static Charset supported(String name) {
        try {
            return Charset.isSupported(name) ? Charset.forName(name) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
