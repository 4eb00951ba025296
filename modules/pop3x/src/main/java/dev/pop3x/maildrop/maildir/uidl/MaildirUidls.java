package dev.pop3x.maildrop.maildir.uidl;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The unique-ids of a maildir's messages and the order POP3 lists them in, as Dovecot 2.3 gives them
 * ({@code pop3_get_uid}): a UIDL {@code pop3_save_uidl} saved in {@code dovecot-uidlist} first, else the
 * {@link UidlTemplate} expanded with the message's UID, the UIDVALIDITY, its base name and GUID. Where a uidlist is,
 * messages are listed as Dovecot lists them: those with a POP3 order ({@code O}) first, then by UID.
 *
 * <p>A template that needs UIDs gives messages without one theirs first ({@link UidAssignment}, one try at Dovecot's
 * lock); a message that still has none (the lock was held) is left out of this session's listing, to appear in the
 * next one under its final UIDL rather than be downloaded twice under two.
 */
public final class MaildirUidls {
    private static final Logger LOGGER = LoggerFactory.getLogger(MaildirUidls.class);

    private final Map<String, String> uidls;
    private final List<String> order;

    private MaildirUidls(Map<String, String> uidls, List<String> order) {
        this.uidls = uidls;
        this.order = order;
    }

    /** @param baseNames the maildir's messages, in the order its scan found them (delivery order) */
    public static MaildirUidls of(Path maildir, UidlTemplate template, List<String> baseNames, UidAssignment assignment)
        throws IOException, UnusableUidlFile {
        Optional<DovecotUidlist> uidlist = DovecotUidlist.read(maildir);
        if (template.needsUids() && !allNumbered(uidlist, baseNames)) {
            Optional<DovecotUidlist> assigned = assignment.assign(maildir, baseNames, Duration.ZERO);
            if (assigned.isPresent()) {
                uidlist = assigned;
            }
        }
        Map<String, String> uidls = new HashMap<>();
        List<String> numbered = new ArrayList<>();
        List<String> unnumbered = new ArrayList<>();
        int hidden = 0;
        for (String base : baseNames) {
            Optional<DovecotUidlist.Entry> entry = uidlist.flatMap(list -> list.entry(base));
            Optional<String> saved = entry.flatMap(e -> e.savedUidl(base));
            if (saved.isPresent()) {
                uidls.put(base, saved.get());
            } else if (entry.isPresent()) {
                uidls.put(base, template.expand(message(base, entry.get().uid(), uidlist.get().uidValidity(), entry.get().guid())));
            } else if (!template.needsUids()) {
                uidls.put(base, template.expand(message(base, 0, 0, Optional.empty())));
            } else {
                hidden++;
                continue;
            }
            (entry.isPresent() ? numbered : unnumbered).add(base);
        }
        if (hidden > 0) {
            LOGGER.info("{} messages of {} have no UID in {} yet: listed once they have one", hidden, maildir, DovecotUidlist.FILE);
        }
        if (uidlist.isPresent()) {
            DovecotUidlist list = uidlist.get();
            numbered.sort(Comparator
                .comparingLong((String base) -> list.entry(base).orElseThrow().pop3Order().orElse(Long.MAX_VALUE))
                .thenComparingLong(base -> list.entry(base).orElseThrow().uid()));
        }
        List<String> order = new ArrayList<>(numbered);
        order.addAll(unnumbered);
        return new MaildirUidls(uidls, order);
    }

    /** Unique-ids the previous server's own file gave, listed in its order. */
    static MaildirUidls listed(Map<String, String> uidls, List<String> order) {
        return new MaildirUidls(Map.copyOf(uidls), List.copyOf(order));
    }

    private static boolean allNumbered(Optional<DovecotUidlist> uidlist, List<String> baseNames) {
        return uidlist.isPresent() && baseNames.stream().allMatch(base -> uidlist.get().entry(base).isPresent());
    }

    private static UidlTemplate.Message message(String base, long uid, long uidValidity, Optional<String> guid) {
        return new UidlKeys(uid, uidValidity, base, guid.orElse(base));
    }

    /** The messages listed, in POP3 order. */
    public List<String> order() {
        return order;
    }

    public String uidlOf(String base) {
        String uidl = uidls.get(base);
        if (uidl == null) {
            throw new IllegalArgumentException(base + " is not listed");
        }
        return uidl;
    }

}
