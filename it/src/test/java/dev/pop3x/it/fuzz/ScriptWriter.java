package dev.pop3x.it.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;

/**
 * Turns fuzz data into a {@link Script}: a sequence of real POP3 commands (RFC 1939, 2449, 2595, 5034, 6856) with
 * fuzzed arguments, well-formed logins by every mechanism so that the TRANSACTION state is reached, AUTH exchanges
 * with fuzzed responses, raw fuzzed lines, and pipelined batches. The fuzzer mutates the choices as well as the
 * arguments, so coverage guides it towards sequences, not only towards strings.
 */
final class ScriptWriter {
    static final int MAX_STEPS = 24;
    private static final int MAX_ARGUMENT = 40;
    private static final int MAX_RAW_LINE = 300;
    private static final int MAX_PIPELINED = 5;

    private static final String[] MECHANISMS = {"PLAIN", "LOGIN", "OAUTHBEARER", "XOAUTH2", "plain", "CRAM-MD5", "GSSAPI", "EXTERNAL"};
    private static final String[] LANGUAGES = {"en", "fr", "*", "EN", "fr-CA", "i-default", "de"};

    /** What a step does; the fuzzer picks them, so their order is part of the input format (append, do not reorder). */
    private enum Move {
        LOGIN, AUTH_PLAIN_LOGIN, AUTH_PLAIN_CONTINUED, AUTH_LOGIN_LOGIN, AUTH_TOKEN_LOGIN,
        USER, PASS, APOP, AUTH, SASL_RESPONSE,
        CAPA, STAT, NOOP, RSET, UTF8, STLS, LANG,
        LIST, UIDL, RETR, TOP, DELE,
        RAW, PIPELINE
    }

    /** The commands a pipelined batch is made of: no STLS (TLS cannot start in the middle of a batch), no raw line. */
    private static final Move[] PIPELINABLE = {
        Move.USER, Move.PASS, Move.AUTH, Move.SASL_RESPONSE, Move.CAPA, Move.STAT, Move.NOOP, Move.RSET, Move.LANG,
        Move.LIST, Move.UIDL, Move.RETR, Move.TOP, Move.DELE};

    private final FuzzedDataProvider data;
    private final Account account;
    private final SaslPayloads sasl;

    private ScriptWriter(FuzzedDataProvider data, Credentials credentials, Account account) {
        this.data = data;
        this.account = account;
        this.sasl = new SaslPayloads(data, credentials, account);
    }

    static Script write(FuzzedDataProvider data, Credentials credentials) {
        Account account = data.pickValue(credentials.accounts());
        ScriptWriter writer = new ScriptWriter(data, credentials, account);
        int count = data.consumeInt(1, MAX_STEPS);
        List<Script.Step> steps = new ArrayList<>();
        for (int i = 0; i < count && data.remainingBytes() > 0; i++) {
            steps.add(writer.step());
        }
        return new Script(account, steps, data.pickValue(Ending.values()));
    }

    private Script.Step step() {
        Move move = data.pickValue(Move.values());
        switch (move) {
            case LOGIN:
                return Script.Step.of(line("USER " + account.address()), line("PASS " + account.password()));
            case AUTH_PLAIN_LOGIN:
                return Script.Step.of(line("AUTH PLAIN " + SaslPayloads.base64(plain())));
            case AUTH_PLAIN_CONTINUED:
                return Script.Step.of(line("AUTH PLAIN"), line(SaslPayloads.base64(plain())));
            case AUTH_LOGIN_LOGIN:
                return Script.Step.of(line("AUTH LOGIN"), line(SaslPayloads.base64(utf8(account.address()))),
                    line(SaslPayloads.base64(utf8(account.password()))));
            case AUTH_TOKEN_LOGIN:
                return Script.Step.of(line((data.consumeBoolean() ? "AUTH OAUTHBEARER " : "AUTH XOAUTH2 ")
                    + SaslPayloads.base64(sasl.message())));
            case RAW:
                return Script.Step.of(Fuzz.bytes(data, MAX_RAW_LINE));
            case PIPELINE:
                return pipeline();
            default:
                return new Script.Step(command(move), false);
        }
    }

    private byte[] plain() {
        return utf8("\0" + account.address() + "\0" + account.password());
    }

    private Script.Step pipeline() {
        int count = data.consumeInt(2, MAX_PIPELINED);
        List<byte[]> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            lines.addAll(command(data.pickValue(PIPELINABLE)));
        }
        return new Script.Step(lines, true);
    }

    /**
     * One command line with fuzzed arguments (the keyword sometimes lower case: keywords are case-insensitive), or,
     * for AUTH, the command and the responses a client sends after it.
     */
    private List<byte[]> command(Move move) {
        return move == Move.AUTH ? auth() : List.of(commandLine(move));
    }

    private byte[] commandLine(Move move) {
        switch (move) {
            case USER:
                return keyword("USER", sasl.user());
            case PASS:
                return keyword("PASS", sasl.password());
            case APOP:
                return keyword("APOP", sasl.user() + " " + Fuzz.text(data, 32));
            case SASL_RESPONSE:
                return line(sasl.response());
            case LANG:
                return data.consumeBoolean() ? keyword("LANG", null) : keyword("LANG", language());
            case LIST:
            case UIDL:
                return data.consumeBoolean() ? keyword(move.name(), null) : keyword(move.name(), messageNumber());
            case RETR:
            case DELE:
                return keyword(move.name(), messageNumber());
            case TOP:
                return keyword("TOP", messageNumber() + " " + lineCount());
            default:
                return data.consumeInt(0, 7) == 0 ? keyword(move.name(), Fuzz.text(data, MAX_ARGUMENT)) : keyword(move.name(), null);
        }
    }

    /**
     * AUTH alone, with a mechanism, or with a mechanism and an initial response (or {@code =}, an empty one), then up
     * to two responses, as a client answers the server's challenges: exchanges are reached without the fuzzer having
     * to put a response step right after.
     */
    private List<byte[]> auth() {
        List<byte[]> lines = new ArrayList<>();
        switch (data.consumeInt(0, 5)) {
            case 0:
                return List.of(keyword("AUTH", null));
            case 1:
                return List.of(keyword("AUTH", Fuzz.text(data, MAX_ARGUMENT)));
            case 2:
                lines.add(keyword("AUTH", mechanism()));
                break;
            case 3:
                lines.add(keyword("AUTH", mechanism() + " ="));
                break;
            default:
                lines.add(keyword("AUTH", mechanism() + " " + sasl.response()));
                break;
        }
        int responses = data.consumeInt(0, 2);
        for (int i = 0; i < responses; i++) {
            lines.add(line(sasl.response()));
        }
        return lines;
    }

    private String mechanism() {
        return data.consumeInt(0, 15) == 0 ? Fuzz.text(data, 20) : data.pickValue(MECHANISMS);
    }

    private String language() {
        return data.consumeInt(0, 7) == 0 ? Fuzz.text(data, 20) : data.pickValue(LANGUAGES);
    }

    /** A message number of the maildrop (two messages), one past it, zero, padded, huge, negative, or fuzz. */
    private String messageNumber() {
        switch (data.consumeInt(0, 7)) {
            case 0:
                return Fuzz.text(data, 12);
            case 1:
                return "0" + data.consumeInt(0, 3);
            case 2:
                return String.valueOf(data.consumeLong());
            case 3:
                return data.consumeInt(1, 2) + " " + Fuzz.text(data, 8);
            default:
                return String.valueOf(data.consumeInt(0, 3));
        }
    }

    private String lineCount() {
        switch (data.consumeInt(0, 3)) {
            case 0:
                return Fuzz.text(data, 12);
            case 1:
                return String.valueOf(data.consumeLong());
            default:
                return String.valueOf(data.consumeInt(0, 12));
        }
    }

    private byte[] keyword(String keyword, String argument) {
        String word = data.consumeInt(0, 7) == 0 ? keyword.toLowerCase(Locale.ROOT) : keyword;
        return line(argument == null ? word : word + " " + argument);
    }

    private static byte[] line(String text) {
        return utf8(text.replace("\r", "").replace("\n", ""));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
