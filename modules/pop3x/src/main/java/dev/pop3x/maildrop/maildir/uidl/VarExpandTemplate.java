package dev.pop3x.maildrop.maildir.uidl;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.google.common.collect.ImmutableList;

/**
 * Dovecot 2.4's {@code pop3_uidl_format} syntax ({@code src/lib-var-expand}: {@code %{variable | filter(args) | ...}},
 * its default {@code %{uid | hex(8)}%{uidvalidity | hex(8)}}), parsed into {@link UidlTemplate.Segment}s that expand as
 * Dovecot 2.4.4's code does. Variables: {@code uid}, {@code uidvalidity}, {@code filename}, {@code guid} (Dovecot's
 * {@code md5} is an mbox header digest, refused). Filters: {@code hex}, {@code upper}, {@code lower}, {@code reverse},
 * {@code md5}, {@code sha1}, {@code sha256}, {@code sha512}, {@code hexlify}, {@code truncate}, {@code substr},
 * {@code lfill}, {@code rfill}. Outside {@code %{...}}, text is literal and {@code %%{} is a literal {@code %{}.
 */
final class VarExpandTemplate {
    private static final Set<String> VARIABLES = Set.of("uid", "uidvalidity", "filename", "guid");
    private static final Set<String> NUMERIC_VARIABLES = Set.of("uid", "uidvalidity");

    private final String template;
    private int at;

    private VarExpandTemplate(String template) {
        this.template = template;
    }

    /** A template in 2.4's syntax: it has a {@code %{} and each of its {@code %} opens one (2.3's have {@code %u}, {@code %08Xv}...). */
    static boolean isItsSyntax(String template) {
        boolean opens = false;
        for (int i = template.indexOf('%'); i >= 0; i = template.indexOf('%', i + 1)) {
            if (i + 1 >= template.length() || template.charAt(i + 1) != '{') {
                return false;
            }
            opens = true;
        }
        return opens;
    }

    /** @throws IllegalArgumentException naming what is wrong */
    static List<UidlTemplate.Segment> parse(String template) {
        return new VarExpandTemplate(template).segments();
    }

    private List<UidlTemplate.Segment> segments() {
        List<UidlTemplate.Segment> segments = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        boolean hasVariable = false;
        while (at < template.length()) {
            if (template.startsWith("%{", at)) {
                if (literal.length() > 0) {
                    segments.add(new Literal(literal.toString()));
                    literal.setLength(0);
                }
                at += 2;
                segments.add(expression());
                hasVariable = true;
            } else {
                literal.append(template.charAt(at++));
            }
        }
        if (literal.length() > 0) {
            segments.add(new Literal(literal.toString()));
        }
        if (!hasVariable) {
            throw new IllegalArgumentException("'" + template + "' has no variable: every message would get the same UIDL");
        }
        return ImmutableList.copyOf(segments);
    }

    private Expression expression() {
        String variable = name();
        if (!VARIABLES.contains(variable)) {
            throw error("an unknown variable %{" + variable + "}" + (variable.equals("md5") ? " (Dovecot's md5 is for mbox only)" : "")
                + ": use uid, uidvalidity, filename or guid");
        }
        boolean numeric = NUMERIC_VARIABLES.contains(variable);
        List<Filter> filters = new ArrayList<>();
        while (true) {
            skipBlanks();
            char next = next();
            if (next == '}') {
                return new Expression(variable, ImmutableList.copyOf(filters));
            }
            if (next != '|') {
                throw error("'" + next + "' where a '|' or the closing '}' belongs" + ("+-*/%".indexOf(next) >= 0
                    ? " (pop3x does not support arithmetic)" : ""));
            }
            String name = name();
            List<Long> arguments = arguments(name);
            Filter filter = filter(name, arguments, numeric);
            numeric = numericAfter(name, numeric);
            filters.add(filter);
        }
    }

    private Filter filter(String name, List<Long> arguments, boolean numeric) {
        switch (name) {
            case "hex":
                takes(name, arguments, 0, 1);
                if (!numeric) {
                    throw error("hex applies to a number: put it right after uid or uidvalidity");
                }
                long width = arguments.isEmpty() ? 0 : arguments.get(0);
                if (Math.abs(width) > Filters.MAX_PADDING) {
                    throw error("hex: Excessive padding");
                }
                return value -> Filters.hex(value, (int) width);
            case "upper":
                takes(name, arguments, 0, 0);
                return Filters::upper;
            case "lower":
                takes(name, arguments, 0, 0);
                return Filters::lower;
            case "reverse":
                takes(name, arguments, 0, 0);
                return Filters::reverse;
            case "md5":
            case "sha1":
            case "sha256":
            case "sha512":
                takes(name, arguments, 0, 0);
                return value -> Filters.digest(value, name);
            case "hexlify":
                takes(name, arguments, 0, 1);
                long hexWidth = arguments.isEmpty() ? 0 : arguments.get(0);
                if (hexWidth < 0) {
                    throw error("hexlify: Width must be positive");
                }
                return value -> Filters.hexlify(value, (int) hexWidth);
            case "truncate":
                takes(name, arguments, 1, 1);
                if (arguments.get(0) < 0) {
                    throw error("truncate: Value of out of bounds");
                }
                return value -> Filters.truncate(value, arguments.get(0));
            case "substr":
                takes(name, arguments, 1, 2);
                return value -> Filters.substr(value, arguments.get(0), arguments.size() > 1 ? arguments.get(1) : null);
            case "lfill":
            case "rfill":
                takes(name, arguments, 1, 1);
                if (arguments.get(0) < 1 || arguments.get(0) > Filters.MAX_PADDING) {
                    throw error(name + ": an amount from 1 to " + Filters.MAX_PADDING);
                }
                return value -> Filters.fill(value, arguments.get(0), name.equals("lfill"));
            default:
                throw error("a filter pop3x does not support: " + name
                    + " (use hex, upper, lower, reverse, md5, sha1, sha256, sha512, hexlify, truncate, substr, lfill or rfill)");
        }
    }

    private static boolean numericAfter(String filter, boolean numeric) {
        return numeric && (filter.equals("upper") || filter.equals("lower") || filter.equals("lfill"));
    }

    private void takes(String filter, List<Long> arguments, int least, int most) {
        if (arguments.size() < least) {
            throw error(filter + ": Missing parameter");
        }
        if (arguments.size() > most) {
            throw error(filter + ": Too many positional parameters");
        }
    }

    private List<Long> arguments(String filter) {
        skipBlanks();
        List<Long> arguments = new ArrayList<>();
        if (at >= template.length() || template.charAt(at) != '(') {
            return arguments;
        }
        at++;
        while (true) {
            skipBlanks();
            int start = at;
            if (at < template.length() && template.charAt(at) == '-') {
                at++;
            }
            while (at < template.length() && Character.isDigit(template.charAt(at))) {
                at++;
            }
            if (start == at || template.charAt(at - 1) == '-') {
                throw error(filter + "'s parameters: pop3x takes numbers only there");
            }
            arguments.add(Long.parseLong(template.substring(start, at)));
            skipBlanks();
            char next = next();
            if (next == ')') {
                return arguments;
            }
            if (next != ',') {
                throw error("'" + next + "' in the parameters of " + filter);
            }
        }
    }

    private String name() {
        skipBlanks();
        int start = at;
        while (at < template.length() && isNameCharacter(template.charAt(at), at == start)) {
            at++;
        }
        if (start == at) {
            throw error(at < template.length() ? "'" + template.charAt(at) + "' where a name belongs" : "a '%{' without its '}'");
        }
        return template.substring(start, at);
    }

    private static boolean isNameCharacter(char c, boolean first) {
        boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
        return first ? letter : letter || (c >= '0' && c <= '9') || "_/;:.-".indexOf(c) >= 0;
    }

    private char next() {
        if (at >= template.length()) {
            throw error("a '%{' without its '}'");
        }
        return template.charAt(at++);
    }

    private void skipBlanks() {
        while (at < template.length() && (template.charAt(at) == ' ' || template.charAt(at) == '\t')) {
            at++;
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("'" + template + "' has " + what);
    }

    /** One filter of an expression. */
    private interface Filter {
        Filters.Value apply(Filters.Value value);
    }

    private static final class Literal implements UidlTemplate.Segment {
        private final String text;

        Literal(String text) {
            this.text = text;
        }

        @Override
        public String expand(UidlTemplate.Message message) {
            return text;
        }

        @Override
        public boolean readsUids() {
            return false;
        }
    }

    private static final class Expression implements UidlTemplate.Segment {
        private final String variable;
        private final List<Filter> filters;

        Expression(String variable, List<Filter> filters) {
            this.variable = variable;
            this.filters = filters;
        }

        @Override
        public String expand(UidlTemplate.Message message) {
            Filters.Value value = Filters.Value.text(variable(message).getBytes(StandardCharsets.UTF_8));
            for (Filter filter : filters) {
                value = filter.apply(value);
            }
            return value.result();
        }

        private String variable(UidlTemplate.Message message) {
            switch (variable) {
                case "uid":
                    return Long.toString(message.uid());
                case "uidvalidity":
                    return Long.toString(message.uidValidity());
                case "filename":
                    return message.baseName();
                default:
                    return message.guid();
            }
        }

        @Override
        public boolean readsUids() {
            return NUMERIC_VARIABLES.contains(variable);
        }
    }
}
