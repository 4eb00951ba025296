package dev.pop3x.maildrop.maildir;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

class MaildirNameTest {
    @Test
    void aNameInNewHasNoInfo() {
        MaildirName name = MaildirName.parse("1700000000.M1P2.host,S=120,W=124").orElseThrow();
        assertThat(name.base()).isEqualTo("1700000000.M1P2.host,S=120,W=124");
        assertThat(name.flags()).isEmpty();
        assertThat(name.size()).isEqualTo(OptionalLong.of(120));
        assertThat(name.virtualSize()).isEqualTo(OptionalLong.of(124));
    }

    @Test
    void theInfoCarriesTheFlags() {
        MaildirName name = MaildirName.parse("1700000000.M1P2.host:2,RS").orElseThrow();
        assertThat(name.base()).isEqualTo("1700000000.M1P2.host");
        assertThat(name.hasFlag('S')).isTrue();
        assertThat(name.size()).isEmpty();
    }

    @Test
    void addedFlagsStaySorted() {
        assertThat(MaildirName.parse("1.x:2,T").orElseThrow().withFlag('S').curName()).isEqualTo("1.x:2,ST");
        assertThat(MaildirName.parse("1.x:2,FS").orElseThrow().withFlag('S').curName()).isEqualTo("1.x:2,FS");
        assertThat(MaildirName.of("1.x").withFlag('S').curName()).isEqualTo("1.x:2,S");
    }

    @Test
    void namesThatAreNotMessagesAreRefused() {
        assertThat(MaildirName.parse(".hidden")).isEmpty();
        assertThat(MaildirName.parse("bad:name")).isEmpty();
        assertThat(MaildirName.parse(":2,S")).isEmpty();
        assertThat(MaildirName.parse("")).isEmpty();
    }

    @Test
    void deliveriesAreOrderedBySecondsThenMicroseconds() {
        MaildirName earlier = MaildirName.of("1700000000.M99P1.host");
        MaildirName later = MaildirName.of("1700000000.M123456P1.host");
        assertThat(earlier.deliverySeconds()).isEqualTo(later.deliverySeconds());
        assertThat(earlier.deliveryMicros()).isLessThan(later.deliveryMicros());
        assertThat(MaildirName.of("1700000001.V801I1M2.mx").deliveryMicros()).isEqualTo(2);
        assertThat(MaildirName.of("no-number").deliverySeconds()).isZero();
    }

    @Test
    void sizesAndTimesAreReadFromNamesOfEveryCommonShape() {
        MaildirName dovecot = MaildirName.of("1700000000.M123456P4242.mail.example.com,S=5120,W=5230");
        assertThat(dovecot.size()).isEqualTo(OptionalLong.of(5120));
        assertThat(dovecot.virtualSize()).isEqualTo(OptionalLong.of(5230));
        assertThat(dovecot.deliveryMicros()).isEqualTo(123456);

        MaildirName postfix = MaildirName.of("1700000000.V801I4a2bM654321.mail");
        assertThat(postfix.size()).isEmpty();
        assertThat(postfix.virtualSize()).isEmpty();
        assertThat(postfix.deliverySeconds()).isEqualTo(1700000000L);
        assertThat(postfix.deliveryMicros()).isEqualTo(654321);

        MaildirName courier = MaildirName.of("1700000000.12345_0.mail,S=77");
        assertThat(courier.size()).isEqualTo(OptionalLong.of(77));
        assertThat(courier.deliveryMicros()).isZero();

        assertThat(MaildirName.of("1700000000.host.M12,S=x").size()).isEmpty();
        assertThat(MaildirName.of("1700000000.host.M12").deliveryMicros()).isZero();
    }
}
