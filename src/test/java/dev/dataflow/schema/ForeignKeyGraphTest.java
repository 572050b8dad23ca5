package dev.dataflow.schema;

import dev.dataflow.DataflowException;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ForeignKeyGraphTest {
    private static TableName t(String name) {
        return new TableName("public", name);
    }

    private static CatalogReader.ForeignKey fk(String child, String parent) {
        return new CatalogReader.ForeignKey(t(child), t(parent), child + "_" + parent + "_fk");
    }

    private static List<TableName> tables(String... names) {
        return Stream.of(names).map(ForeignKeyGraphTest::t).toList();
    }

    @Test
    void parentsComeFirstAndTheGivenOrderIsKeptOtherwise() {
        ForeignKeyGraph g = new ForeignKeyGraph(List.of(fk("tax_lot", "borough"), fk("tax_lot", "land_use"),
                fk("community_district", "borough"), fk("node", "node")));
        assertEquals(tables("borough", "community_district", "node", "land_use", "tax_lot"),
                g.order(tables("tax_lot", "community_district", "borough", "node", "land_use")));
        assertEquals(tables("borough", "land_use", "tax_lot", "community_district", "node"),
                g.order(tables("tax_lot", "borough", "land_use", "community_district", "node")));
        assertEquals(tables("land_use", "borough", "community_district", "tax_lot"),
                g.order(tables("land_use", "community_district", "tax_lot", "borough")));
    }

    @Test
    void aCycleIsReportedWithItsPath() {
        ForeignKeyGraph g = new ForeignKeyGraph(List.of(fk("a", "b"), fk("b", "c"), fk("c", "a"), fk("d", "a")));
        DataflowException e = assertThrows(DataflowException.class, () -> g.order(tables("d", "a", "b", "c")));
        assertEquals("the foreign keys between these tables form a cycle: public.a -> public.b -> public.c -> public.a",
                e.getMessage());
    }

    @Test
    void reportsParentsAndChildrenOutsideTheSet() {
        ForeignKeyGraph g = new ForeignKeyGraph(List.of(fk("tax_lot", "borough"), fk("community_district", "borough"),
                fk("tax_lot", "land_use")));
        LinkedHashSet<TableName> pluto = new LinkedHashSet<>(tables("tax_lot", "land_use"));
        assertEquals(List.of("public.tax_lot -> public.borough (tax_lot_borough_fk)"), g.parentsOutside(pluto));
        assertEquals(tables("community_district", "tax_lot"), g.childrenOutside(new LinkedHashSet<>(tables("borough"))));
        assertEquals(List.of(), g.childrenOutside(pluto));
    }
}
