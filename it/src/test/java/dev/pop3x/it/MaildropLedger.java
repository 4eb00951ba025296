package dev.pop3x.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What load and fault tests did to maildrops of {@link NumberedMessages}: which numbers SMTP accepted for each
 * user, which a session deleted and saw its QUIT confirmed, which it deleted without learning the outcome. Its
 * census tells what is wrong with a maildrop: messages lost, deleted ones back, duplicates, damaged or unknown ones.
 */
final class MaildropLedger {
    private final Map<String, Set<Long>> accepted = new ConcurrentHashMap<>();
    private final Map<String, Set<Long>> deletedByQuit = new ConcurrentHashMap<>();
    private final Map<String, Set<Long>> deletedWithoutAnswer = new ConcurrentHashMap<>();

    void accepted(String user, long number) {
        accepted.computeIfAbsent(user, key -> ConcurrentHashMap.newKeySet()).add(number);
    }

    /** Deletions a session marked: confirmed when its QUIT answered +OK, else their fate is unknown. */
    void deleted(String user, Collection<Long> numbers, boolean quitConfirmed) {
        (quitConfirmed ? deletedByQuit : deletedWithoutAnswer).computeIfAbsent(user, key -> ConcurrentHashMap.newKeySet())
            .addAll(numbers);
    }

    /** Retrieves the whole maildrop and lists what is wrong with it; empty when all is well. */
    List<String> census(int pop3Port, String user, String password) {
        List<String> problems = new ArrayList<>();
        Set<Long> present = new HashSet<>();
        try (MaildropClient pop = MaildropClient.connect(pop3Port, Duration.ofSeconds(60))) {
            String login = pop.login(user, password);
            if (!login.startsWith("+OK")) {
                return List.of("census login: " + login);
            }
            long count = pop.stat()[0];
            for (int n = 1; n <= count; n++) {
                byte[] message = pop.retr(n);
                Optional<Long> number = NumberedMessages.numberOf(message);
                if (number.isEmpty() || !NumberedMessages.intact(message)) {
                    problems.add("message " + n + " is damaged");
                } else if (!present.add(number.get())) {
                    problems.add("message " + number.get() + " is there twice");
                }
            }
            pop.command("QUIT");
        }
        Set<Long> missing = new HashSet<>(of(accepted, user));
        missing.removeAll(present);
        missing.removeAll(of(deletedByQuit, user));
        missing.removeAll(of(deletedWithoutAnswer, user));
        if (!missing.isEmpty()) {
            problems.add("lost: " + missing);
        }
        Set<Long> back = new HashSet<>(of(deletedByQuit, user));
        back.retainAll(present);
        if (!back.isEmpty()) {
            problems.add("deleted by a confirmed QUIT but still there: " + back);
        }
        Set<Long> unknown = new HashSet<>(present);
        unknown.removeAll(of(accepted, user));
        if (!unknown.isEmpty()) {
            problems.add("never accepted by SMTP: " + unknown);
        }
        return problems;
    }

    private static Set<Long> of(Map<String, Set<Long>> numbers, String user) {
        return numbers.getOrDefault(user, Set.of());
    }
}
