package dev.dataflow.shapefile;

/**
 * One DBF column: its name as stored, its type letter (C, N, F, L or D), and where its bytes sit in a record.
 */
record DbfField(String name, char type, int offset, int length, int decimals) {
}
