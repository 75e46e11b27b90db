package io.couriermq.tools;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * mqadmin's tabular output: a header row of {@code #Name} columns and rows below it, each column as wide as its
 * widest cell, columns two spaces apart. Scripts split these lines on whitespace, so an empty or null cell shows as
 * {@code -} except in the last column, and callers put text with spaces only in the last column.
 */
final class TextTable {

    private static final String GAP = "  ";
    private static final String MISSING = "-";

    private final List<String[]> lines = new ArrayList<>();
    private final int columns;

    TextTable(String... headers) {
        this.columns = headers.length;
        lines.add(headers.clone());
    }

    TextTable addRow(Object... cells) {
        if (cells.length != columns) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, table has " + columns
                    + " columns: " + Arrays.toString(cells));
        }
        String[] row = new String[columns];
        for (int i = 0; i < columns; i++) {
            String text = cells[i] == null ? "" : cells[i].toString();
            row[i] = text.isEmpty() && i < columns - 1 ? MISSING : text;
        }
        lines.add(row);
        return this;
    }

    void print(PrintWriter out) {
        int[] widths = new int[columns];
        for (String[] line : lines) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        for (String[] line : lines) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                text.append(line[i]);
                if (i < columns - 1) {
                    text.append(" ".repeat(widths[i] - line[i].length())).append(GAP);
                }
            }
            out.println(text.toString().stripTrailing());
        }
    }
}
