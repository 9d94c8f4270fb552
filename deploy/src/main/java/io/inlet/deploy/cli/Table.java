package io.inlet.deploy.cli;

import java.io.PrintWriter;
import java.util.List;

/** Plain left-aligned columns, two spaces apart; the last column is not padded. */
final class Table {
    private Table() {
    }

    static void print(PrintWriter out, List<String[]> rows) {
        int columns = rows.get(0).length;
        int[] width = new int[columns];
        for (String[] row : rows) {
            for (int c = 0; c < columns; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder sb = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                if (c == columns - 1) {
                    sb.append(row[c]);
                } else {
                    sb.append(row[c]).append(" ".repeat(width[c] - row[c].length() + 2));
                }
            }
            out.println(sb.toString().stripTrailing());
        }
    }
}
