package io.couriermq.bench.store;

import java.util.ArrayList;
import java.util.List;

/**
 * A table of strings rendered as aligned plain text or as Markdown. The first {@code leftAligned} columns are
 * labels and align left; the rest are figures and align right.
 */
final class TextTable {

    private final List<String> headers;
    private final int leftAligned;
    private final List<List<String>> rows = new ArrayList<>();

    TextTable(List<String> headers, int leftAligned) {
        this.headers = List.copyOf(headers);
        this.leftAligned = leftAligned;
    }

    void addRow(List<String> cells) {
        if (cells.size() != headers.size()) {
            throw new IllegalArgumentException("row has " + cells.size() + " cells, table has " + headers.size()
                    + " columns");
        }
        rows.add(List.copyOf(cells));
    }

    String plain() {
        int[] widths = new int[headers.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = headers.get(c).length();
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        StringBuilder out = new StringBuilder();
        appendPlainLine(out, headers, widths);
        for (List<String> row : rows) {
            appendPlainLine(out, row, widths);
        }
        return out.toString();
    }

    private void appendPlainLine(StringBuilder out, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            if (c > 0) {
                line.append("  ");
            }
            String cell = cells.get(c);
            String padding = " ".repeat(widths[c] - cell.length());
            line.append(c < leftAligned ? cell + padding : padding + cell);
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    String markdown() {
        StringBuilder out = new StringBuilder();
        appendMarkdownLine(out, headers);
        out.append('|');
        for (int c = 0; c < headers.size(); c++) {
            out.append(c < leftAligned ? "---|" : "---:|");
        }
        out.append('\n');
        for (List<String> row : rows) {
            appendMarkdownLine(out, row);
        }
        return out.toString();
    }

    private static void appendMarkdownLine(StringBuilder out, List<String> cells) {
        out.append('|');
        for (String cell : cells) {
            out.append(' ').append(escapeMarkdown(cell)).append(" |");
        }
        out.append('\n');
    }

    /** Keeps cell text literal: a "*" would start emphasis and a "|" a new cell. */
    static String escapeMarkdown(String text) {
        return text.replace("|", "\\|").replace("*", "\\*");
    }
}
