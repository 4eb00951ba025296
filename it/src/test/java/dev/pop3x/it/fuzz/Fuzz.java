package dev.pop3x.it.fuzz;

import java.io.ByteArrayOutputStream;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;

/**
 * Fuzzed text that stays on one line: CR and LF are left out, so that one fuzzed value is one command line.
 * Line ends inside a line are a framing question, which the pipelined steps ask on purpose.
 */
final class Fuzz {
    private Fuzz() {
    }

    /** Any Unicode text (sent as UTF-8), at most max characters. */
    static String text(FuzzedDataProvider data, int max) {
        return data.consumeString(max).replace("\r", "").replace("\n", "");
    }

    /** Any bytes but CR and LF, valid UTF-8 or not, at most max. */
    static byte[] bytes(FuzzedDataProvider data, int max) {
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        for (byte b : data.consumeBytes(max)) {
            if (b != '\r' && b != '\n') {
                kept.write(b);
            }
        }
        return kept.toByteArray();
    }
}
