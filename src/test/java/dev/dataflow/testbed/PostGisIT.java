package dev.dataflow.testbed;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(PostGisExtension.class)
class PostGisIT {
    @Test
    void postgisWorksInAFreshDatabase(PostGis pg) throws Exception {
        String db = pg.createPlainDatabase("plain");
        try (Connection c = pg.connect(db); Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION postgis");
            try (ResultSet rs = s.executeQuery("SELECT ST_AsText(ST_Transform(ST_SetSRID(ST_MakePoint(-73.98, 40.75), 4326), 2263)), "
                    + "current_setting('server_version_num')::int")) {
                rs.next();
                assertTrue(rs.getString(1).startsWith("POINT("), rs.getString(1));
                assertEquals(15, rs.getInt(2) / 10000);
            }
        }
    }
}
