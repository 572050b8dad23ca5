package dev.dataflow.shapefile;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PrjSridTest {
    private static final String WGS84_GEOGCS = "GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\",SPHEROID[\"WGS_1984\",6378137.0,"
            + "298.257223563]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]]";
    private static final String NAD83_GEOGCS = "GEOGCS[\"GCS_North_American_1983\",DATUM[\"D_North_American_1983\","
            + "SPHEROID[\"GRS_1980\",6378137.0,298.257222101]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]]";
    private static final String LONG_ISLAND_PARAMETERS = "PROJECTION[\"Lambert_Conformal_Conic\"],"
            + "PARAMETER[\"False_Easting\",984250.0],PARAMETER[\"False_Northing\",0.0],PARAMETER[\"Central_Meridian\",-74.0],"
            + "PARAMETER[\"Standard_Parallel_1\",41.0333333333333],PARAMETER[\"Standard_Parallel_2\",40.6666666666667],"
            + "PARAMETER[\"Latitude_Of_Origin\",40.1666666666667],";

    /** The .prj GDAL 3.6 writes for EPSG:2263. */
    static final String NY_LONG_ISLAND_GDAL = "PROJCS[\"NAD_1983_StatePlane_New_York_Long_Island_FIPS_3104_Feet\","
            + NAD83_GEOGCS + "," + LONG_ISLAND_PARAMETERS + "UNIT[\"US survey foot\",0.304800609601219]]";

    @Test
    void newYorkLongIslandFeetByItsEsriName() {
        assertEquals(2263, PrjSrid.recognise(NY_LONG_ISLAND_GDAL));
        // ArcGIS writes the unit as Foot_US.
        assertEquals(2263, PrjSrid.recognise(NY_LONG_ISLAND_GDAL.replace("US survey foot", "Foot_US")
                .replace("0.304800609601219", "0.3048006096012192")));
    }

    @Test
    void newYorkLongIslandFeetByItsParametersUnderAnotherName() {
        assertEquals(2263, PrjSrid.recognise(NY_LONG_ISLAND_GDAL.replace("NAD_1983_StatePlane_New_York_Long_Island_FIPS_3104_Feet",
                "Custom_Lambert")));
        // Same parameters in metres are a different system.
        assertEquals(0, PrjSrid.recognise(NY_LONG_ISLAND_GDAL.replace("NAD_1983_StatePlane_New_York_Long_Island_FIPS_3104_Feet",
                "Custom_Lambert").replace("UNIT[\"US survey foot\",0.304800609601219]", "UNIT[\"Meter\",1.0]")));
        // A shifted false easting is a different system too.
        assertEquals(0, PrjSrid.recognise(NY_LONG_ISLAND_GDAL.replace("NAD_1983_StatePlane_New_York_Long_Island_FIPS_3104_Feet",
                "Custom_Lambert").replace("984250.0", "984000.0")));
    }

    @Test
    void harnVariantOfLongIslandIsNot2263ButItsOwnCode() {
        String harn = NY_LONG_ISLAND_GDAL.replace("NAD_1983_StatePlane", "NAD_1983_HARN_StatePlane")
                .replace("D_North_American_1983", "D_North_American_1983_HARN");
        // NAD83(HARN) / New York Long Island (ftUS), as gdalsrsinfo -e says.
        assertEquals(2908, PrjSrid.recognise(harn));
    }

    /** The .prj files GDAL 3.6 writes (ESRI flavour) for the systems a new user met first. */
    @Test
    void commonSystemsOutsideTheFastPathsComeFromTheEpsgDataset() {
        assertEquals(4267, PrjSrid.recognise("GEOGCS[\"GCS_North_American_1927\",DATUM[\"D_North_American_1927\","
                + "SPHEROID[\"Clarke_1866\",6378206.4,294.978698213898]],PRIMEM[\"Greenwich\",0.0],"
                + "UNIT[\"Degree\",0.0174532925199433]]"));
        assertEquals(2260, PrjSrid.recognise("PROJCS[\"NAD_1983_StatePlane_New_York_East_FIPS_3101_Feet\","
                + NAD83_GEOGCS + ",PROJECTION[\"Transverse_Mercator\"],PARAMETER[\"False_Easting\",492125.0],"
                + "PARAMETER[\"False_Northing\",0.0],PARAMETER[\"Central_Meridian\",-74.5],"
                + "PARAMETER[\"Scale_Factor\",0.9999],PARAMETER[\"Latitude_Of_Origin\",38.8333333333333],"
                + "UNIT[\"US survey foot\",0.304800609601219]]"));
        assertEquals(6539, PrjSrid.recognise("PROJCS[\"NAD_1983_2011_StatePlane_New_York_Long_Isl_FIPS_3104_Ft_US\","
                + "GEOGCS[\"GCS_NAD_1983_2011\",DATUM[\"D_NAD_1983_2011\",SPHEROID[\"GRS_1980\",6378137.0,298.257222101]],"
                + "PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]]," + LONG_ISLAND_PARAMETERS
                + "UNIT[\"US survey foot\",0.304800609601219]]"));
        assertEquals(4230, PrjSrid.recognise("GEOGCS[\"GCS_ED_1950\",DATUM[\"D_European_1950\",SPHEROID[\"International_1924\","
                + "6378388.0,297.0]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]]"));
    }

    @Test
    void aDatumNoNameMatchesIsUnknownEvenOnAKnownEllipsoid() {
        // GRS 1980 fits NAD83, its realisations and ETRS89 alike; GDAL finds no EPSG code for it either.
        assertEquals(0, PrjSrid.recognise("GEOGCS[\"GCS_unknown\",DATUM[\"D_unknown\",SPHEROID[\"GRS_1980\",6378137.0,"
                + "298.257222101]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]]"));
        assertEquals(0, PrjSrid.recognise(NY_LONG_ISLAND_GDAL.replace("D_North_American_1983", "D_unknown")
                .replace("GCS_North_American_1983", "GCS_unknown").replace("NAD_1983_StatePlane", "Custom")));
    }

    @Test
    void datumKeysSpellYearsInFull() {
        assertEquals(CrsNames.datumKey("D_NAD_1983_2011"), CrsNames.datumKey("NAD83(2011)"));
        assertEquals(CrsNames.datumKey("GCS_ETRS_1989"), CrsNames.datumKey("ETRS89"));
        assertEquals(CrsNames.datumKey("D_North_American_1983"), CrsNames.datumKey("North_American_Datum_1983"));
    }

    @Test
    void newYorkLongIslandInWkt2() {
        String wkt2 = "PROJCRS[\"NAD83 / New York Long Island (ftUS)\",BASEGEOGCRS[\"NAD83\",DATUM[\"North American Datum 1983\","
                + "ELLIPSOID[\"GRS 1980\",6378137,298.257222101,LENGTHUNIT[\"metre\",1]]],PRIMEM[\"Greenwich\",0,"
                + "ANGLEUNIT[\"degree\",0.0174532925199433]],ID[\"EPSG\",4269]],CONVERSION[\"SPCS83 New York Long Island zone\","
                + "METHOD[\"Lambert Conic Conformal (2SP)\",ID[\"EPSG\",9802]],"
                + "PARAMETER[\"Latitude of false origin\",40.1666666666667,ANGLEUNIT[\"degree\",0.0174532925199433]],"
                + "PARAMETER[\"Longitude of false origin\",-74,ANGLEUNIT[\"degree\",0.0174532925199433]],"
                + "PARAMETER[\"Latitude of 1st standard parallel\",41.0333333333333,ANGLEUNIT[\"degree\",0.0174532925199433]],"
                + "PARAMETER[\"Latitude of 2nd standard parallel\",40.6666666666667,ANGLEUNIT[\"degree\",0.0174532925199433]],"
                + "PARAMETER[\"Easting at false origin\",984250,LENGTHUNIT[\"US survey foot\",0.304800609601219]],"
                + "PARAMETER[\"Northing at false origin\",0,LENGTHUNIT[\"US survey foot\",0.304800609601219]]],"
                + "CS[Cartesian,2],AXIS[\"easting (X)\",east,ORDER[1],LENGTHUNIT[\"US survey foot\",0.304800609601219]],"
                + "AXIS[\"northing (Y)\",north,ORDER[2],LENGTHUNIT[\"US survey foot\",0.304800609601219]]";
        assertEquals(2263, PrjSrid.recognise(wkt2 + ",ID[\"EPSG\",2263]]"));
        // Without its ID it is still recognised, by name.
        assertEquals(2263, PrjSrid.recognise(wkt2 + "]"));
    }

    @Test
    void wgs84Geographic() {
        assertEquals(4326, PrjSrid.recognise(WGS84_GEOGCS));
        assertEquals(4326, PrjSrid.recognise("GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563]],"
                + "PRIMEM[\"Greenwich\",0],UNIT[\"degree\",0.0174532925199433]]"));
        assertEquals(4269, PrjSrid.recognise(NAD83_GEOGCS));
    }

    @Test
    void webMercatorUnderItsSeveralNames() {
        assertEquals(3857, PrjSrid.recognise("PROJCS[\"WGS_1984_Web_Mercator_Auxiliary_Sphere\"," + WGS84_GEOGCS
                + ",PROJECTION[\"Mercator_Auxiliary_Sphere\"],PARAMETER[\"False_Easting\",0.0],PARAMETER[\"False_Northing\",0.0],"
                + "PARAMETER[\"Central_Meridian\",0.0],PARAMETER[\"Standard_Parallel_1\",0.0],"
                + "PARAMETER[\"Auxiliary_Sphere_Type\",0.0],UNIT[\"Meter\",1.0]]"));
        String body = "," + WGS84_GEOGCS + ",PROJECTION[\"Mercator_1SP\"],PARAMETER[\"central_meridian\",0],UNIT[\"metre\",1]]";
        assertEquals(3857, PrjSrid.recognise("PROJCS[\"WGS_84_Pseudo_Mercator\"" + body));
        assertEquals(3857, PrjSrid.recognise("PROJCS[\"WGS 84 / Pseudo-Mercator\"" + body));
        assertEquals(3857, PrjSrid.recognise("PROJCS[\"Popular Visualisation CRS / Mercator\"" + body));
        // A plain Mercator is not Web Mercator but WGS 84 / World Mercator (GDAL names ESRI's copy of it, 54004).
        assertEquals(3395, PrjSrid.recognise("PROJCS[\"World_Mercator\"" + body));
    }

    @Test
    void rootAuthorityWinsButNestedOnesDoNot() {
        String ogc = "PROJCS[\"Anything\",GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563,"
                + "AUTHORITY[\"EPSG\",\"7030\"]],AUTHORITY[\"EPSG\",\"6326\"]],PRIMEM[\"Greenwich\",0],"
                + "UNIT[\"degree\",0.0174532925199433],AUTHORITY[\"EPSG\",\"4326\"]],PROJECTION[\"Mercator_1SP\"],"
                + "UNIT[\"metre\",1,AUTHORITY[\"EPSG\",\"9001\"]]";
        assertEquals(3395, PrjSrid.recognise(ogc + ",AUTHORITY[\"EPSG\",\"3395\"]]"));
        assertEquals(0, PrjSrid.recognise(ogc + "]"));
    }

    @Test
    void utmZones() {
        String tm = ",PROJECTION[\"Transverse_Mercator\"],PARAMETER[\"Central_Meridian\",-75.0],UNIT[\"Meter\",1.0]]";
        assertEquals(32618, PrjSrid.recognise("PROJCS[\"WGS_1984_UTM_Zone_18N\"," + WGS84_GEOGCS + tm));
        assertEquals(32718, PrjSrid.recognise("PROJCS[\"WGS_1984_UTM_Zone_18S\"," + WGS84_GEOGCS + tm));
        assertEquals(26918, PrjSrid.recognise("PROJCS[\"NAD_1983_UTM_Zone_18N\"," + NAD83_GEOGCS + tm));
        // Name and datum disagree: not guessed.
        assertEquals(0, PrjSrid.recognise("PROJCS[\"NAD_1983_UTM_Zone_18N\"," + WGS84_GEOGCS + tm));
    }

    @Test
    void unknownOrBrokenTextIsZero() {
        assertEquals(0, PrjSrid.recognise(""));
        assertEquals(0, PrjSrid.recognise("not wkt at all"));
        assertEquals(0, PrjSrid.recognise("PROJCS[\"NAD_1983_StatePlane_New_York_Long_Island_FIPS_3104_Feet\""));
    }
}
