package dev.pop3x.maildrop.maildir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaildirScanTest {
    private static final String FIRST = "1700000000.M1P1.host:2,";
    private static final String SECOND = "1700000100.M2P1.host:2,";

    @TempDir
    Path root;
    @TempDir
    Path outside;
    private Maildir maildir;

    @BeforeEach
    void aMaildirWithOneMessage() throws Exception {
        maildir = new Maildir(root);
        maildir.create();
        Files.writeString(root.resolve("cur").resolve(FIRST), "Subject: first\n\nhello\n");
    }

    private static Map<String, MaildirFile> byEntry(List<MaildirFile> files) {
        return files.stream().collect(Collectors.toMap(MaildirFile::entry, Function.identity()));
    }

    @Test
    void aFileTheLastScanFoundIsTakenAsItWasAndANewOneIsFound() throws Exception {
        List<MaildirFile> first = maildir.scan();
        Files.writeString(root.resolve("new").resolve(SECOND), "Subject: second\n\nhello\n");

        List<MaildirFile> second = maildir.scan(byEntry(first));

        assertThat(second).hasSize(2);
        assertThat(second.get(0)).isSameAs(first.get(0));
        assertThat(second.get(1).name().base()).isEqualTo("1700000100.M2P1.host");
    }

    @Test
    void aFileGoneSinceTheLastScanIsNotListed() throws Exception {
        List<MaildirFile> first = maildir.scan();
        Files.delete(root.resolve("cur").resolve(FIRST));

        assertThat(maildir.scan(byEntry(first))).isEmpty();
    }

    @Test
    void aLinkInPlaceOfAMessageIsNotListed() throws Exception {
        Path secret = Files.writeString(outside.resolve("secret"), "not mail\n");
        Files.createSymbolicLink(root.resolve("new").resolve(SECOND), secret);

        assertThat(maildir.scan()).extracting(file -> file.name().base()).containsExactly("1700000000.M1P1.host");
    }

    @Test
    void aMessageReplacedByALinkSinceTheLastScanIsNotFollowed() throws Exception {
        List<MaildirFile> first = maildir.scan();
        Path message = root.resolve("cur").resolve(FIRST);
        Files.delete(message);
        Files.createSymbolicLink(message, Files.writeString(outside.resolve("secret"), "not mail\n"));

        List<MaildirFile> second = maildir.scan(byEntry(first));

        assertThatThrownBy(() -> maildir.open(second.get(0)).close()).isInstanceOf(IOException.class);
    }
}
