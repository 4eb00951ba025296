package dev.pop3x.devices;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.james.core.Username;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.pop3x.Pop3xSettings;
import dev.pop3x.maildrop.ForwardingMaildrop;
import dev.pop3x.maildrop.InMemoryMaildrop;
import dev.pop3x.maildrop.Maildrop;
import dev.pop3x.maildrop.MaildropException;
import dev.pop3x.maildrop.MaildropMessage;
import dev.pop3x.protocol.SteppedClock;

/**
 * The device rules, one row each, on a maildrop in memory (no James): what happens, one step after another
 * ({@code phone DELE m1}: a session of bob's phone deletes m1 and quits; {@code bob ...}: a session without a device
 * tag), then what each device lists and what the maildrop still stores.
 */
class DeviceRulesTest {
    private static final Username BOB = Username.of("bob@example.com");
    private static final String TAGLESS = "bob";

    static Stream<Arguments> rules() {
        return Stream.of(
            row("phone DELE m1: hidden from the phone, still stored", "",
                "phone logs in | laptop logs in | m1 m2 arrive | phone DELE m1",
                "phone lists m2 | laptop lists m1 m2 | bob lists m1 m2 | stored m1 m2"),
            row("laptop DELE m1 after the phone: expunged", "",
                "phone logs in | laptop logs in | m1 m2 arrive | phone DELE m1 | laptop DELE m1",
                "stored m2 | phone lists m2 | laptop lists m2"),
            row("a device added later sees only the mail since its first login", "",
                "phone logs in | m1 arrives | tablet logs in | m2 arrives",
                "tablet lists m2 | phone lists m1 m2"),
            row("devices.history-days: a new device also sees the recent mail", "devices.history-days=7",
                "phone logs in | m1 arrives | tablet logs in | m2 arrives",
                "tablet lists m1 m2"),
            row("mail a later device never saw leaves once the devices that see it deleted it", "",
                "phone logs in | m1 arrives | tablet logs in | phone DELE m1",
                "stored nothing"),
            row("a device not seen for devices.forget-after no longer counts", "devices.forget-after=30d",
                "phone logs in | laptop logs in | m1 arrives | 31 days pass | phone DELE m1",
                "stored nothing"),
            row("a session without a tag deletes for every device", "",
                "phone logs in | m1 m2 arrive | bob DELE m1",
                "stored m2 | phone lists m2"),
            row("dele.action=hide: deleted on every device, a message leaves POP3 and stays stored", "dele.action=hide",
                "phone logs in | laptop logs in | m1 m2 arrive | phone DELE m1 | laptop DELE m1",
                "stored m1 m2 | bob lists m2 | phone lists m2 | laptop lists m2"),
            row("dele.action=hide without devices hides what the session deleted", "dele.action=hide",
                "m1 m2 arrive | bob DELE m2",
                "stored m1 m2 | bob lists m1"),
            row("devices.max: one device more is refused", "devices.max=2",
                "a logs in | b logs in | c logs in",
                "c was refused | devices a b"),
            row("forgetting a device makes room for another", "devices.max=2",
                "a logs in | b logs in | b is forgotten | c logs in",
                "devices a c"),
            row("a device that stopped counting makes room for another", "devices.max=1 | devices.forget-after=30d",
                "a logs in | 31 days pass | b logs in",
                "devices a b"));
    }

    private static Arguments row(String name, String settings, String steps, String expected) {
        return Arguments.of(name, settings, steps, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void rule(String name, String settings, String steps, String expected) throws Exception {
        Mailbox mailbox = new Mailbox(settings);
        for (String step : steps.split(" \\| ")) {
            mailbox.run(step);
        }
        for (String expectation : expected.split(" \\| ")) {
            mailbox.check(expectation);
        }
    }

    /** Bob's maildrop, his devices and their sessions, one after another. */
    private static final class Mailbox {
        private final InMemoryMaildrop maildrop = new InMemoryMaildrop();
        private final SteppedClock clock = new SteppedClock(Instant.parse("2026-12-01T08:00:00Z"));
        private final Devices devices;
        private final Map<String, String> names = new HashMap<>();
        private final Set<String> gone = new HashSet<>();
        private final Set<String> refused = new HashSet<>();

        Mailbox(String settings) {
            Map<String, String> values = new LinkedHashMap<>();
            values.put(DeviceSettings.ENABLED.key(), "true");
            for (String setting : settings.isEmpty() ? new String[0] : settings.split(" \\| ")) {
                values.put(setting.substring(0, setting.indexOf('=')), setting.substring(setting.indexOf('=') + 1));
            }
            this.devices = new Devices(new DeviceSettings(Pop3xSettings.of(values)), clock);
        }

        void run(String step) throws Exception {
            String[] words = step.split(" ");
            if (step.endsWith(" arrive") || step.endsWith(" arrives")) {
                for (int i = 0; i < words.length - 1; i++) {
                    maildrop.with(words[i], clock.instant());
                    List<MaildropMessage> all = maildrop.messages();
                    names.put(all.get(all.size() - 1).uniqueId(), words[i]);
                }
            } else if (step.endsWith(" days pass")) {
                clock.advance(Duration.ofDays(Integer.parseInt(words[0])));
            } else if (step.endsWith(" logs in")) {
                login(words[0]);
            } else if (step.endsWith(" is forgotten")) {
                assertThat(devices.forget(stored(), words[0])).isTrue();
            } else if (words[1].equals("DELE")) {
                SessionView session = login(words[0]).orElseThrow();
                Set<String> deleting = Set.copyOf(List.of(words).subList(2, words.length));
                session.expunge(session.messages().stream().filter(message -> deleting.contains(names.get(message.uniqueId())))
                    .collect(Collectors.toList()));
            } else {
                throw new IllegalArgumentException(step);
            }
        }

        private Optional<SessionView> login(String who) throws MaildropException {
            try {
                return Optional.of(devices.open(BOB, who.equals(TAGLESS) ? Optional.empty() : Optional.of(who), stored()));
            } catch (TooManyDevices e) {
                refused.add(who);
                return Optional.empty();
            }
        }

        void check(String expectation) throws Exception {
            String[] words = expectation.split(" ");
            List<String> listed = List.of(words).subList(words[0].equals("stored") || words[0].equals("devices") ? 1 : 2, words.length);
            List<String> expected = listed.equals(List.of("nothing")) ? List.of() : listed;
            if (words[0].equals("stored")) {
                assertThat(named(stored().messages())).as(expectation).isEqualTo(expected);
            } else if (words[0].equals("devices")) {
                assertThat(stored().notes().read(DeviceNotes.DEVICES).orElseThrow().keySet()).as(expectation).containsExactlyElementsOf(expected);
            } else if (words[1].equals("lists")) {
                assertThat(named(login(words[0]).orElseThrow().messages())).as(expectation).isEqualTo(expected);
            } else if (words[1].equals("was") && words[2].equals("refused")) {
                assertThat(refused).as(expectation).contains(words[0]);
            } else {
                throw new IllegalArgumentException(expectation);
            }
        }

        private List<String> named(Collection<MaildropMessage> messages) {
            return messages.stream().map(message -> names.get(message.uniqueId())).collect(Collectors.toList());
        }

        /** The maildrop as a new session lists it: without what sessions expunged. */
        private Maildrop stored() {
            return new ForwardingMaildrop(maildrop) {
                private final List<MaildropMessage> present = maildrop.messages().stream()
                    .filter(message -> !gone.contains(message.uniqueId()))
                    .collect(Collectors.toList());

                @Override
                public List<MaildropMessage> messages() {
                    return present;
                }

                @Override
                public void expunge(Collection<MaildropMessage> messages) throws MaildropException {
                    super.expunge(messages);
                    messages.forEach(message -> gone.add(message.uniqueId()));
                }
            };
        }
    }
}
