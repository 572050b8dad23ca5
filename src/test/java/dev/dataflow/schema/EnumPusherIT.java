package dev.dataflow.schema;

import dev.dataflow.DataflowException;
import dev.dataflow.testbed.PostGis;
import dev.dataflow.testbed.PostGisExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(PostGisExtension.class)
class EnumPusherIT {
    private static EnumType stage(String... values) {
        return new EnumType("public", "stage", List.of(values));
    }

    @Test
    void createsMissingTypesAndIsIdempotent(PostGis pg) throws Exception {
        try (Connection flow = pg.connect(pg.createDatabase("push_create"))) {
            List<EnumType> wanted = List.of(stage("adopt", "commit"),
                    new EnumType("public", "odd", List.of("a, b", "say \"hi\"", "it's", "back\\slash")));
            PushResult first = EnumPusher.push(flow, wanted);
            assertEquals(2, first.typesCreated());
            assertEquals(List.of(wanted.get(1), wanted.get(0)), DrizzleEnums.readFromCatalog(flow, "public"));
            PushResult second = EnumPusher.push(flow, wanted);
            assertTrue(second.unchanged(), second.changes().toString());
        }
    }

    @Test
    void addsMissingValuesAtTheirPositionOnATypeInUse(PostGis pg) throws Exception {
        try (Connection flow = pg.connect(pg.createDatabase("push_add"))) {
            Scripts.execute(flow, "CREATE TYPE stage AS ENUM ('commit', 'spent'); CREATE TABLE t (s stage);"
                    + "INSERT INTO t VALUES ('commit')");
            PushResult r = EnumPusher.push(flow, List.of(stage("adopt", "allocate", "commit", "planned", "spent", "x")));
            assertEquals(4, r.valuesAdded());
            assertEquals(List.of("added adopt to enum public.stage before commit",
                    "added allocate to enum public.stage after adopt", "added planned to enum public.stage after commit",
                    "added x to enum public.stage after spent"), r.changes());
            assertEquals(List.of(stage("adopt", "allocate", "commit", "planned", "spent", "x")),
                    DrizzleEnums.readFromCatalog(flow, "public"));
            assertTrue(EnumPusher.push(flow, List.of(stage("adopt", "allocate", "commit", "planned", "spent", "x")))
                    .unchanged());
        }
    }

    @Test
    void refusesRemovalOrReorderingOnATypeInUseAndChangesNothing(PostGis pg) throws Exception {
        try (Connection flow = pg.connect(pg.createDatabase("push_refuse"))) {
            Scripts.execute(flow, "CREATE TYPE stage AS ENUM ('adopt', 'commit'); CREATE TABLE t (s stage[])");
            DataflowException removal = assertThrows(DataflowException.class, () -> EnumPusher.push(flow,
                    List.of(new EnumType("public", "fresh", List.of("x")), stage("adopt"))));
            assertEquals("cannot be changed from [adopt, commit] to [adopt]: value(s) [commit] would have to be "
                            + "removed, and it is used by column s of table t",
                    removal.getMessage().substring(removal.getMessage().indexOf("cannot")));
            DataflowException reorder = assertThrows(DataflowException.class,
                    () -> EnumPusher.push(flow, List.of(stage("commit", "adopt"))));
            assertTrue(reorder.getMessage().contains("reordered to [commit, adopt]"), reorder.getMessage());
            // One transaction: the type listed before the refused one was not created either.
            assertEquals(List.of(stage("adopt", "commit")), DrizzleEnums.readFromCatalog(flow, "public"));
        }
    }

    @Test
    void recreatesAnUnusedTypeAndRefusesANonEnum(PostGis pg) throws Exception {
        try (Connection flow = pg.connect(pg.createDatabase("push_recreate"))) {
            Scripts.execute(flow, "CREATE TYPE stage AS ENUM ('adopt', 'commit', 'old'); CREATE DOMAIN other AS text");
            PushResult r = EnumPusher.push(flow, List.of(stage("commit", "adopt")));
            assertEquals(1, r.typesRecreated());
            assertEquals(List.of(stage("commit", "adopt")), DrizzleEnums.readFromCatalog(flow, "public"));
            DataflowException e = assertThrows(DataflowException.class,
                    () -> EnumPusher.push(flow, List.of(new EnumType("public", "other", List.of("a")))));
            assertEquals("public.other exists but is not an enum type", e.getMessage());
        }
    }
}
