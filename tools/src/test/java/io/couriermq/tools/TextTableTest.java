package io.couriermq.tools;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TextTableTest {

    @Test
    void alignsColumnsToTheWidestCellAndMarksEmptyCells() {
        TextTable table = new TextTable("#Broker Name", "#QID", "#Last Updated")
                .addRow("broker-a", 0, "")
                .addRow("b", "", "2024-05-01 13:30:00,250");

        assertThat(render(table)).isEqualTo("""
                #Broker Name  #QID  #Last Updated
                broker-a      0
                b             -     2024-05-01 13:30:00,250
                """);
    }

    @Test
    void refusesRowOfWrongWidth() {
        assertThatThrownBy(() -> new TextTable("#A", "#B").addRow("x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String render(TextTable table) {
        StringWriter text = new StringWriter();
        try (PrintWriter out = new PrintWriter(text)) {
            table.print(out);
        }
        return text.toString().replace(System.lineSeparator(), "\n");
    }
}
