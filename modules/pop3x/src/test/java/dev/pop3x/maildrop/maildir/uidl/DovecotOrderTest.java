package dev.pop3x.maildrop.maildir.uidl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class DovecotOrderTest {
    private static List<String> sorted(String... names) {
        List<String> list = new ArrayList<>(List.of(names));
        list.sort(DovecotOrder.INSTANCE);
        return list;
    }

    @Test
    void secondsFirstThenMicrosecondsThenTheRestOfTheName() {
        assertThat(sorted("1700000002.M1P1.h", "1700000001.M900P1.h", "1700000001.M20P9.h", "999999999.x.h"))
            .containsExactly("999999999.x.h", "1700000001.M20P9.h", "1700000001.M900P1.h", "1700000002.M1P1.h");
    }

    @Test
    void microsecondsCountOnlyWhenBothNamesHaveThem() {
        // one side has no microseconds: Dovecot compares the rest of the names (".M900..." before ".P5..."), where
        // taking the missing microseconds as 0 would put the other name first
        assertThat(sorted("1700000001.P5.h", "1700000001.M900P1.h")).containsExactly("1700000001.M900P1.h", "1700000001.P5.h");
        assertThat(sorted("1700000001.Q1.h", "1700000001.A1M999.h")).containsExactly("1700000001.A1M999.h", "1700000001.Q1.h");
    }
}
