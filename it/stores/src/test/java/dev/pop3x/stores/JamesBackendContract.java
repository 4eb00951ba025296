package dev.pop3x.stores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import javax.mail.Flags;

import org.apache.james.blob.api.BlobStore;
import org.apache.james.core.Username;
import org.apache.james.core.quota.QuotaCountLimit;
import org.apache.james.core.quota.QuotaSizeLimit;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.model.ComposedMessageId;
import org.apache.james.mailbox.model.FetchGroup;
import org.apache.james.mailbox.model.MailboxConstants;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.MessageResult;
import org.apache.james.mailbox.store.MailboxSessionMapperFactory;
import org.apache.james.mailbox.store.mail.AnnotationMapper;
import org.apache.james.mailbox.store.mail.MailboxMapper;
import org.apache.james.mailbox.store.mail.MessageIdMapper;
import org.apache.james.mailbox.store.mail.MessageMapper;
import org.apache.james.mailbox.store.mail.ModSeqProvider;
import org.apache.james.mailbox.store.mail.UidProvider;
import org.apache.james.mailbox.store.user.SubscriptionMapper;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.junit.jupiter.api.Test;

import dev.pop3x.Pop3xSettings;
import dev.pop3x.config.Settings;
import dev.pop3x.devices.DeviceSettings;
import dev.pop3x.devices.Devices;
import dev.pop3x.devices.SessionView;
import dev.pop3x.maildrop.Maildrop;
import dev.pop3x.maildrop.MaildropMessage;
import dev.pop3x.maildrop.NoteKind;
import dev.pop3x.maildrop.QuotaUsage;
import dev.pop3x.maildrop.StoreCalls;
import dev.pop3x.maildrop.james.JamesBackendSettings;
import dev.pop3x.maildrop.james.JamesMaildropStore;
import dev.pop3x.maildrop.james.JamesNotes;
import dev.pop3x.maildrop.james.JamesQuotas;
import dev.pop3x.policy.Expunction;
import dev.pop3x.policy.PolicyEnforcer;
import dev.pop3x.policy.PolicyReport;
import dev.pop3x.policy.PolicySettings;
import dev.pop3x.policy.PolicyTrigger;
import reactor.core.publisher.Mono;

/**
 * The james backend's contract, on whichever of James's stores a subclass gives ({@link JamesStore}): what each
 * maildrop operation returns and stores, octet for octet, as pop3x's POP3 commands, deletion policy and devices use
 * them. Each test has a user of its own.
 */
abstract class JamesBackendContract {
    static final String UID = "uid";
    static final String UIDVALIDITY_UID = "uidvalidity-uid";
    static final String MESSAGE_ID = "message-id";

    private final JamesStore store;

    JamesBackendContract(JamesStore store) {
        this.store = store;
    }

    JamesStore store() {
        return store;
    }

    static Username newUser() {
        return Username.of("user" + UUID.randomUUID().toString().replace("-", "").substring(0, 16));
    }

    static String message(String subject) {
        return "From: sender@example.org\r\nTo: user@example.org\r\nSubject: " + subject + "\r\nMessage-ID: <" + subject
            + "@example.org>\r\n\r\nThe body of " + subject + ".\r\nIts second line.\r\n";
    }

    JamesMaildropStore maildrops(String uidl) {
        return maildrops(Pop3xSettings.of(Map.of(JamesBackendSettings.UIDL.key(), uidl)));
    }

    JamesMaildropStore maildrops(Settings settings) {
        return new JamesMaildropStore(store.mailboxManager(), new JamesQuotas(store.quotaManager(), store.quotaRoots()),
            new JamesBackendSettings(settings), new JamesNotes(store.blobStore(), store.blobIds(), store.mappers(), StoreCalls.uncounted()),
            StoreCalls.uncounted());
    }

    MailboxSession session(Username user) {
        return store.mailboxManager().createSystemSession(user);
    }

    MessageManager mailbox(Username user, String name) throws Exception {
        MailboxManager mailboxManager = store.mailboxManager();
        MailboxSession session = session(user);
        MailboxPath path = MailboxPath.forUser(user, name);
        if (!Mono.from(mailboxManager.mailboxExists(path, session)).block()) {
            mailboxManager.createMailbox(path, session);
        }
        return mailboxManager.getMailbox(path, session);
    }

    ComposedMessageId append(Username user, String mailbox, String message) throws Exception {
        return mailbox(user, mailbox).appendMessage(MessageManager.AppendCommand.builder().build(message.getBytes(StandardCharsets.UTF_8)),
            session(user)).getId();
    }

    ComposedMessageId deliver(Username user, String message) throws Exception {
        return append(user, MailboxConstants.INBOX, message);
    }

    Flags flagsOf(Username user, ComposedMessageId id) throws Exception {
        Iterator<MessageResult> results = mailbox(user, MailboxConstants.INBOX).getMessages(MessageRange.one(id.getUid()), FetchGroup.MINIMAL, session(user));
        return results.next().getFlags();
    }

    long inboxCount(Username user) throws Exception {
        return mailbox(user, MailboxConstants.INBOX).getMessageCount(session(user));
    }

    static List<String> uniqueIds(Maildrop maildrop) {
        return maildrop.messages().stream().map(MaildropMessage::uniqueId).collect(Collectors.toList());
    }

    static String read(Maildrop maildrop, MaildropMessage message) throws Exception {
        try (InputStream in = maildrop.content(message)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static long octets(String message) {
        return message.getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void listsTheInboxInUidOrderWithTheOctetsRetrSends() throws Exception {
        Username user = newUser();
        List<ComposedMessageId> ids = new ArrayList<>();
        for (String subject : List.of("first", "second", "third")) {
            ids.add(deliver(user, message(subject)));
        }

        try (Maildrop maildrop = maildrops(UID).open(user)) {
            assertThat(uniqueIds(maildrop)).containsExactly(ids.stream().map(id -> String.valueOf(id.getUid().asLong())).toArray(String[]::new));
            assertThat(maildrop.messages()).extracting(MaildropMessage::octets)
                .containsExactly(octets(message("first")), octets(message("second")), octets(message("third")));
            assertThat(maildrop.messages()).extracting(MaildropMessage::storedOctets)
                .containsExactly(octets(message("first")), octets(message("second")), octets(message("third")));
            assertThat(maildrop.messages()).allSatisfy(message -> assertThat(message.retrieved()).isEmpty());
        }
    }

    @Test
    void contentIsTheMessageAsStoredOctetForOctetInAnyOrder() throws Exception {
        Username user = newUser();
        for (String subject : List.of("first", "second", "third")) {
            deliver(user, message(subject));
        }

        try (Maildrop maildrop = maildrops(UID).open(user)) {
            List<MaildropMessage> messages = maildrop.messages();
            assertThat(read(maildrop, messages.get(2))).isEqualTo(message("third"));
            assertThat(read(maildrop, messages.get(0))).isEqualTo(message("first"));
            assertThat(read(maildrop, messages.get(1))).isEqualTo(message("second"));
            assertThat(read(maildrop, messages.get(2))).isEqualTo(message("third"));
        }
    }

    /**
     * A client that retrieves in order gets the next messages from what the first RETR fetched ahead: each whole. On
     * JPA, whose messages are detached when the mailbox request ends, content read after it was empty (RETR sent a
     * message of no octets) until the read-ahead kept the octets read within the request.
     */
    @Test
    void messagesRetrievedInOrderComeWholeFromTheReadAhead() throws Exception {
        Username user = newUser();
        List<String> subjects = List.of("first", "second", "third", "fourth", "fifth");
        for (String subject : subjects) {
            deliver(user, message(subject));
        }

        try (Maildrop maildrop = maildrops(UID).open(user)) {
            for (int i = 0; i < subjects.size(); i++) {
                assertThat(read(maildrop, maildrop.messages().get(i))).isEqualTo(message(subjects.get(i)));
            }
        }
    }

    @Test
    void headersAreTheHeaderSectionAndItsBlankLine() throws Exception {
        Username user = newUser();
        deliver(user, message("first"));

        try (Maildrop maildrop = maildrops(UID).open(user); InputStream headers = maildrop.headers(maildrop.messages().get(0))) {
            String header = message("first").substring(0, message("first").indexOf("\r\n\r\n") + 4);
            assertThat(new String(headers.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(header);
        }
    }

    @Test
    void aMessageStoredWithBareLineFeedsIsSizedAsRetrSendsItWithCrlf() throws Exception {
        Username user = newUser();
        String unix = "From: sender@example.org\nSubject: unix\n\nline one\nline two\n";
        deliver(user, unix);

        try (Maildrop maildrop = maildrops(UID).open(user)) {
            MaildropMessage listed = maildrop.messages().get(0);
            assertThat(listed.storedOctets()).isEqualTo(octets(unix));
            assertThat(listed.octets()).isEqualTo(octets(unix.replace("\n", "\r\n")));
            assertThat(read(maildrop, listed)).isEqualTo(unix);
        }
    }

    @Test
    void aRetrievalIsStoredAsSeenAndTheRetrievalKeywordWhenTheSessionEnds() throws Exception {
        Username user = newUser();
        ComposedMessageId first = deliver(user, message("first"));
        ComposedMessageId second = deliver(user, message("second"));
        JamesMaildropStore maildrops = maildrops(UID);
        Instant when = Instant.now();

        try (Maildrop maildrop = maildrops.open(user)) {
            maildrop.markRetrieved(maildrop.messages().get(0), when);
            assertThat(maildrop.messages().get(0).retrieved()).contains(endOfDay(when));
            assertThat(flagsOf(user, first).contains(Flags.Flag.SEEN)).isFalse();
        }

        String keyword = "$pop3x-retrieved-" + when.atOffset(ZoneOffset.UTC).toLocalDate().toString().replace("-", "");
        assertThat(flagsOf(user, first).contains(Flags.Flag.SEEN)).isTrue();
        assertThat(flagsOf(user, first).getUserFlags()).containsExactly(keyword);
        assertThat(flagsOf(user, second).contains(Flags.Flag.SEEN)).isFalse();
        try (Maildrop next = maildrops.open(user)) {
            assertThat(next.messages().get(0).retrieved()).contains(endOfDay(when));
            assertThat(next.messages().get(1).retrieved()).isEmpty();
        }
    }

    static Instant endOfDay(Instant when) {
        return when.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
    }

    @Test
    void expungedMessagesAreGoneFromJamesAndFromItsQuota() throws Exception {
        Username user = newUser();
        for (String subject : List.of("first", "second", "third")) {
            deliver(user, message(subject));
        }
        JamesMaildropStore maildrops = maildrops(UID);
        String second;
        try (Maildrop maildrop = maildrops.open(user)) {
            second = maildrop.messages().get(1).uniqueId();
            maildrop.expunge(List.of(maildrop.messages().get(1)));
        }

        assertThat(inboxCount(user)).isEqualTo(2);
        try (Maildrop next = maildrops.open(user)) {
            assertThat(uniqueIds(next)).hasSize(2).doesNotContain(second);
            assertThat(read(next, next.messages().get(1))).isEqualTo(message("third"));
            QuotaUsage quota = next.quota();
            assertThat(quota.messages()).isEqualTo(2);
            assertThat(quota.octets()).isEqualTo(octets(message("first")) + octets(message("third")));
        }
    }

    @Test
    void theQuotaIsJamesQuotaOfTheUserWithItsLimits() throws Exception {
        Username user = newUser();
        store.maxQuotaManager().setMaxStorage(store.quotaRoots().forUser(user), QuotaSizeLimit.size(10_000));
        store.maxQuotaManager().setMaxMessage(store.quotaRoots().forUser(user), QuotaCountLimit.count(10));
        deliver(user, message("first"));
        deliver(user, message("second"));

        try (Maildrop maildrop = maildrops(UID).open(user)) {
            QuotaUsage quota = maildrop.quota();
            assertThat(quota.octets()).isEqualTo(octets(message("first")) + octets(message("second")));
            assertThat(quota.maxOctets()).isEqualTo(OptionalLong.of(10_000));
            assertThat(quota.messages()).isEqualTo(2);
            assertThat(quota.maxMessages()).isEqualTo(OptionalLong.of(10));
        }
    }

    @Test
    void theLastLoginIsEmptyUntilOneIsRecordedThenEverySessionReadsIt() throws Exception {
        Username user = newUser();
        JamesMaildropStore maildrops = maildrops(UID);
        Instant login = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        try (Maildrop maildrop = maildrops.open(user)) {
            assertThat(maildrop.lastLogin()).isEmpty();
            maildrop.recordLogin(login);
        }

        try (Maildrop next = maildrops.open(user)) {
            assertThat(next.lastLogin()).contains(login);
        }
    }

    @Test
    void notesAreSavedAndReplacedWhateverTheirSizeAndReadAtTheNextOpen() throws Exception {
        Username user = newUser();
        JamesMaildropStore maildrops = maildrops(UID);
        NoteKind<String> text = NoteKind.of("text", Optional::of, note -> note);
        NoteKind<String> other = NoteKind.of("other", Optional::of, note -> note);
        String big = "uid-line\n".repeat(2_000);
        try (Maildrop maildrop = maildrops.open(user)) {
            assertThat(maildrop.notes().read(text)).isEmpty();
            maildrop.notes().update(text, current -> "first version");
            assertThat(maildrop.notes().update(text, current -> current.orElseThrow() + big)).isEqualTo("first version" + big);
            maildrop.notes().update(other, current -> "1\n");
            assertThat(maildrop.notes().read(text)).contains("first version" + big);
        }

        try (Maildrop next = maildrops.open(user)) {
            assertThat(next.notes().read(text)).contains("first version" + big);
            assertThat(next.notes().read(other)).contains("1\n");
            next.notes().update(text, current -> "short");
        }
        try (Maildrop next = maildrops.open(user)) {
            assertThat(next.notes().read(text)).contains("short");
        }
    }

    /**
     * What a login of a user without notes costs in notes (the hidden messages, the devices, the imported unique-ids)
     * and the last login (LOGIN-DELAY): one annotation read with the listing, whether the listing is made or cached,
     * and no blob read. The annotations are read by the INBOX's id, which the open found: none through the mailbox
     * manager, which would find the INBOX by its path and check its rights again.
     */
    @Test
    void aLoginOfAUserWithoutNotesReadsTheAnnotationsInOneCallAndNoBlob() throws Exception {
        Username user = newUser();
        deliver(user, message("first"));
        Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        JamesMaildropStore maildrops = new JamesMaildropStore(counting(MailboxManager.class, store.mailboxManager(), calls),
            new JamesQuotas(store.quotaManager(), store.quotaRoots()), new JamesBackendSettings(Pop3xSettings.defaults()),
            new JamesNotes(counting(BlobStore.class, store.blobStore(), calls), store.blobIds(), new CountingAnnotations(store.mappers(), calls),
                StoreCalls.uncounted()), StoreCalls.uncounted());
        Devices devices = new Devices(new DeviceSettings(Pop3xSettings.defaults()), Clock.systemUTC());

        for (String login : List.of("first login, listing made", "second login, listing cached")) {
            calls.clear();
            try (Maildrop maildrop = maildrops.open(user)) {
                assertThat(devices.open(user, Optional.empty(), maildrop).messages()).as(login).hasSize(1);
                assertThat(maildrop.lastLogin()).as(login).isEmpty();
            }
            assertThat(callsOf(calls, "Annotations")).as(login + ": annotation reads, " + calls).isEqualTo(1);
            assertThat(calls).as(login + ": annotation reads by the INBOX's id").containsKey("getAllAnnotations by id");
            assertThat(callsOf(calls, "read")).as(login + ": blob reads, " + calls).isZero();
        }
    }

    /** The interface's calls counted by method name, each passed on to the target. */
    private static <T> T counting(Class<T> type, T target, Map<String, AtomicInteger> calls) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, arguments) -> {
            calls.computeIfAbsent(method.getName(), name -> new AtomicInteger()).incrementAndGet();
            try {
                return method.invoke(target, arguments);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }));
    }

    /** The store's mappers, the annotation mappers' reads counted as {@code "<method> by id"}. */
    private static final class CountingAnnotations extends MailboxSessionMapperFactory {
        private final MailboxSessionMapperFactory mappers;
        private final Map<String, AtomicInteger> calls;

        CountingAnnotations(MailboxSessionMapperFactory mappers, Map<String, AtomicInteger> calls) {
            this.mappers = mappers;
            this.calls = calls;
        }

        @Override
        public AnnotationMapper createAnnotationMapper(MailboxSession session) {
            AnnotationMapper target = mappers.createAnnotationMapper(session);
            return (AnnotationMapper) Proxy.newProxyInstance(AnnotationMapper.class.getClassLoader(), new Class<?>[] {AnnotationMapper.class},
                (proxy, method, arguments) -> {
                    if (method.getName().startsWith("get")) {
                        calls.computeIfAbsent(method.getName() + " by id", name -> new AtomicInteger()).incrementAndGet();
                    }
                    try {
                        return method.invoke(target, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        }

        @Override
        public MessageMapper createMessageMapper(MailboxSession session) {
            return mappers.createMessageMapper(session);
        }

        @Override
        public MessageIdMapper createMessageIdMapper(MailboxSession session) {
            return mappers.createMessageIdMapper(session);
        }

        @Override
        public MailboxMapper createMailboxMapper(MailboxSession session) {
            return mappers.createMailboxMapper(session);
        }

        @Override
        public SubscriptionMapper createSubscriptionMapper(MailboxSession session) {
            return mappers.createSubscriptionMapper(session);
        }

        @Override
        public UidProvider getUidProvider() {
            return mappers.getUidProvider();
        }

        @Override
        public ModSeqProvider getModSeqProvider() {
            return mappers.getModSeqProvider();
        }
    }

    /** Calls of the methods whose name has the word: reads of annotations ("Annotations", not updates), of blobs ("read"). */
    private static int callsOf(Map<String, AtomicInteger> calls, String word) {
        return calls.entrySet().stream()
            .filter(entry -> entry.getKey().startsWith("get" + word) || entry.getKey().startsWith("getAll" + word)
                || word.equals("read") && entry.getKey().startsWith("read"))
            .mapToInt(entry -> entry.getValue().get())
            .sum();
    }

    @Test
    void importedUniqueIdsNameTheirMessagesFromTheNextSessionOn() throws Exception {
        Username user = newUser();
        deliver(user, message("first"));
        deliver(user, message("second"));
        JamesMaildropStore maildrops = maildrops(UID);
        List<String> own;
        try (Maildrop maildrop = maildrops.open(user)) {
            own = uniqueIds(maildrop);
            maildrop.saveUniqueIds(Map.of(maildrop.messages().get(1), "AAC7ZgAAcL3nJ1Yb"));
            assertThat(uniqueIds(maildrop)).isEqualTo(own);
        }

        try (Maildrop next = maildrops.open(user)) {
            assertThat(uniqueIds(next)).containsExactly(own.get(0), "AAC7ZgAAcL3nJ1Yb");
            assertThat(read(next, next.messages().get(1))).isEqualTo(message("second"));
        }
    }

    @Test
    void uidvalidityUidUniqueIdsArePrefixedWithTheInboxUidValidity() throws Exception {
        Username user = newUser();
        ComposedMessageId first = deliver(user, message("first"));
        long uidValidity = mailbox(user, MailboxConstants.INBOX).getMailboxEntity().getUidValidity().asLong();

        try (Maildrop maildrop = maildrops(UIDVALIDITY_UID).open(user)) {
            assertThat(uniqueIds(maildrop)).containsExactly(uidValidity + "-" + first.getUid().asLong());
            assertThat(read(maildrop, maildrop.messages().get(0))).isEqualTo(message("first"));
        }
    }

    /** Whether the store's mailboxes have message ids ({@code james.uidl=message-id}). */
    boolean hasMessageIds() {
        return store.mailboxManager().getSupportedMessageCapabilities().contains(MailboxManager.MessageCapabilities.UniqueID);
    }

    /**
     * A message copied into the INBOX keeps its message id and gets the next UID: message-id order is not UID order.
     * Returns the INBOX's messages in the order they were first stored (oldest message id first).
     */
    List<ComposedMessageId> inboxWithACopiedMessage(Username user) throws Exception {
        ComposedMessageId archived = append(user, "Archive", message("archived"));
        deliver(user, message("first"));
        deliver(user, message("second"));
        store.mailboxManager().copyMessages(MessageRange.one(archived.getUid()), MailboxPath.forUser(user, "Archive"),
            MailboxPath.inbox(user), session(user));
        List<ComposedMessageId> inbox = new ArrayList<>();
        Iterator<MessageResult> results = mailbox(user, MailboxConstants.INBOX).getMessages(MessageRange.all(), FetchGroup.MINIMAL, session(user));
        while (results.hasNext()) {
            MessageResult result = results.next();
            inbox.add(new ComposedMessageId(result.getMailboxId(), result.getMessageId(), result.getUid()));
        }
        return List.of(inbox.get(2), inbox.get(0), inbox.get(1));
    }

    @Test
    void messageIdUniqueIdsAreTheMessageIdsOldestFirstNotInUidOrder() throws Exception {
        assumeThat(hasMessageIds()).as(store.name() + " has message ids").isTrue();
        Username user = newUser();
        List<ComposedMessageId> oldestFirst = inboxWithACopiedMessage(user);

        try (Maildrop maildrop = maildrops(MESSAGE_ID).open(user)) {
            assertThat(uniqueIds(maildrop)).containsExactly(oldestFirst.stream().map(id -> id.getMessageId().serialize()).toArray(String[]::new));
            assertThat(read(maildrop, maildrop.messages().get(0))).isEqualTo(message("archived"));
            assertThat(read(maildrop, maildrop.messages().get(2))).isEqualTo(message("second"));
        }
    }

    @Test
    void theDeletionPolicyExpungesExpiredRetrievalsThroughJames() throws Exception {
        Username user = newUser();
        deliver(user, message("first"));
        deliver(user, message("second"));
        JamesMaildropStore maildrops = maildrops(UID);
        try (Maildrop maildrop = maildrops.open(user)) {
            maildrop.markRetrieved(maildrop.messages().get(0), Instant.now());
        }
        PolicyEnforcer policy = new PolicyEnforcer(new PolicySettings(Pop3xSettings.of(Map.of(PolicySettings.EXPIRE.key(), "1"))),
            Clock.offset(Clock.systemUTC(), Duration.ofDays(3)), new RecordingMetricFactory());

        String expired;
        try (Maildrop maildrop = maildrops.open(user)) {
            expired = maildrop.messages().get(0).uniqueId();
            PolicyReport report = policy.enforce(user, maildrop, List.of(), PolicyTrigger.SWEEPER);
            assertThat(report.expunctions()).extracting(Expunction::reason).containsExactly(Expunction.Reason.EXPIRED);
        }

        try (Maildrop next = maildrops.open(user)) {
            assertThat(uniqueIds(next)).hasSize(1).doesNotContain(expired);
            assertThat(next.quota().messages()).isEqualTo(1);
        }
    }

    @Test
    void theDeletionPolicyExpungesRetrievedMailUnderQuotaPressureDownToTheLowMark() throws Exception {
        Username user = newUser();
        store.maxQuotaManager().setMaxMessage(store.quotaRoots().forUser(user), QuotaCountLimit.count(4));
        for (String subject : List.of("first", "second", "third", "fourth")) {
            deliver(user, message(subject));
        }
        JamesMaildropStore maildrops = maildrops(UID);
        List<String> listed;
        try (Maildrop maildrop = maildrops.open(user)) {
            listed = uniqueIds(maildrop);
            maildrop.markRetrieved(maildrop.messages().get(1), Instant.now());
            maildrop.markRetrieved(maildrop.messages().get(2), Instant.now());
            maildrop.markRetrieved(maildrop.messages().get(3), Instant.now());
        }
        PolicyEnforcer policy = new PolicyEnforcer(new PolicySettings(Pop3xSettings.of(Map.of(PolicySettings.QUOTA_HIGH.key(), "100",
            PolicySettings.QUOTA_LOW.key(), "50"))), Clock.systemUTC(), new RecordingMetricFactory());

        try (Maildrop maildrop = maildrops.open(user)) {
            PolicyReport report = policy.enforce(user, maildrop, List.of(), PolicyTrigger.SWEEPER);
            assertThat(report.expunctions()).extracting(Expunction::reason)
                .containsExactly(Expunction.Reason.MESSAGE_QUOTA, Expunction.Reason.MESSAGE_QUOTA);
        }

        assertThat(inboxCount(user)).isEqualTo(2);
        try (Maildrop next = maildrops.open(user)) {
            assertThat(uniqueIds(next)).containsExactly(listed.get(0), listed.get(3));
            assertThat(next.quota().messages()).isEqualTo(2);
        }
    }

    @Test
    void aMessageOneDeviceDeletedIsHiddenFromItAndExpungedOnceEveryDeviceDeletedIt() throws Exception {
        Username user = newUser();
        deliver(user, message("first"));
        deliver(user, message("second"));
        Devices devices = new Devices(new DeviceSettings(Pop3xSettings.of(Map.of(DeviceSettings.ENABLED.key(), "true",
            DeviceSettings.HISTORY_DAYS.key(), "30"))), Clock.systemUTC());
        JamesMaildropStore maildrops = maildrops(UID);
        try (Maildrop maildrop = maildrops.open(user)) {
            devices.open(user, Optional.of("laptop"), maildrop);
        }

        try (Maildrop maildrop = maildrops.open(user)) {
            SessionView phone = devices.open(user, Optional.of("phone"), maildrop);
            assertThat(phone.messages()).hasSize(2);
            phone.expunge(List.of(phone.messages().get(0)));
        }
        assertThat(inboxCount(user)).isEqualTo(2);
        try (Maildrop maildrop = maildrops.open(user)) {
            assertThat(devices.open(user, Optional.of("phone"), maildrop).messages()).hasSize(1);
        }
        try (Maildrop maildrop = maildrops.open(user)) {
            SessionView laptop = devices.open(user, Optional.of("laptop"), maildrop);
            assertThat(laptop.messages()).hasSize(2);
            laptop.expunge(List.of(laptop.messages().get(0)));
        }

        assertThat(inboxCount(user)).isEqualTo(1);
        try (Maildrop maildrop = maildrops.open(user)) {
            assertThat(read(maildrop, maildrop.messages().get(0))).isEqualTo(message("second"));
        }
    }

    @Test
    void deleThatHidesKeepsTheMessageInJamesAndOutOfPop3() throws Exception {
        Username user = newUser();
        deliver(user, message("first"));
        deliver(user, message("second"));
        Devices devices = new Devices(new DeviceSettings(Pop3xSettings.of(Map.of(DeviceSettings.DELE_ACTION.key(), "hide"))), Clock.systemUTC());
        JamesMaildropStore maildrops = maildrops(UID);
        try (Maildrop maildrop = maildrops.open(user)) {
            SessionView view = devices.open(user, Optional.empty(), maildrop);
            view.expunge(List.of(view.messages().get(0)));
        }

        assertThat(inboxCount(user)).isEqualTo(2);
        try (Maildrop maildrop = maildrops.open(user)) {
            SessionView view = devices.open(user, Optional.empty(), maildrop);
            assertThat(view.messages()).hasSize(1);
            assertThat(read(view, view.messages().get(0))).isEqualTo(message("second"));
        }
    }

    /** What the cache race test records of each message: when its append ended, when its expunge began and ended. */
    static final class Life {
        volatile long appended = Long.MAX_VALUE;
        volatile long expungeStarted = Long.MAX_VALUE;
        volatile long expunged = Long.MAX_VALUE;
    }

    /**
     * Logins while a delivery appends and another session expunges: every login lists exactly the messages that
     * were there throughout it (appended before it began, not expunged before it ended), plus perhaps those changing
     * during it; never one expunged before it began, never miss one appended before it began and still there at its
     * end. The listing cache is shared by the logins, as in a server.
     */
    @Test
    void loginsRacingAppendsAndExpungesListEveryMessageThatWasThereAndNoneThatWasGone() throws Exception {
        Username user = newUser();
        JamesMaildropStore maildrops = maildrops(UID);
        Map<Long, Life> appendedLives = new ConcurrentHashMap<>();
        for (int i = 0; i < 5; i++) {
            Life life = new Life();
            appendedLives.put(deliver(user, message("before" + i)).getUid().asLong(), life);
            life.appended = System.nanoTime();
        }
        AtomicReference<Exception> deliveryFailure = new AtomicReference<>();
        Thread delivery = new Thread(() -> {
            try {
                for (int i = 0; i < 15; i++) {
                    // a login may list the message before this thread records it: both take the same Life
                    Life life = appendedLives.computeIfAbsent(deliver(user, message("during" + i)).getUid().asLong(), uid -> new Life());
                    life.appended = System.nanoTime();
                }
            } catch (Exception e) {
                deliveryFailure.set(e);
            }
        });
        delivery.start();
        List<String> failures = new ArrayList<>();
        int logins = 0;
        while (delivery.isAlive() || logins < 3) {
            long began = System.nanoTime();
            List<Long> listed;
            try (Maildrop maildrop = maildrops.open(user)) {
                listed = maildrop.messages().stream().map(message -> Long.parseLong(message.uniqueId())).collect(Collectors.toList());
                if (logins % 2 == 1 && !maildrop.messages().isEmpty()) {
                    long uid = listed.get(0);
                    // listed before the delivery thread recorded its append: its Life is made here, appended unknown yet
                    Life life = appendedLives.computeIfAbsent(uid, listedFirst -> new Life());
                    life.expungeStarted = System.nanoTime();
                    maildrop.expunge(List.of(maildrop.messages().get(0)));
                    life.expunged = System.nanoTime();
                }
            }
            long ended = System.nanoTime();
            for (Map.Entry<Long, Life> each : appendedLives.entrySet()) {
                Life life = each.getValue();
                boolean thereThroughout = life.appended < began && life.expungeStarted > ended;
                boolean goneBefore = life.expunged < began;
                if (thereThroughout && !listed.contains(each.getKey())) {
                    failures.add("login " + logins + " missed " + each.getKey());
                }
                if (goneBefore && listed.contains(each.getKey())) {
                    failures.add("login " + logins + " listed " + each.getKey() + ", expunged before it began");
                }
            }
            logins++;
        }
        delivery.join();

        assertThat(deliveryFailure.get()).isNull();
        assertThat(failures).isEmpty();
        try (Maildrop last = maildrops.open(user)) {
            assertThat(last.messages()).hasSize((int) inboxCount(user));
        }
    }
}
