package dev.pop3x.maildrop.maildir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.james.core.Username;

import com.google.common.base.CharMatcher;

import dev.pop3x.maildrop.MaildropException;

/**
 * Where a user's Maildir is: the location template with {@code %u}, {@code %n} and {@code %d} replaced by the
 * lower-cased user name, local part and domain. No user name can reach outside the root (the template's part
 * before its first {@code %}): names with '/', '\', NUL, control characters, a leading '.', or over 255 octets
 * (a file name's limit) are refused, and so is a path that a symbolic link would lead out of the root.
 */
public final class MaildirLocation {
    private static final int MAX_NAME_OCTETS = 255;
    private static final CharMatcher FORBIDDEN = CharMatcher.anyOf("/\\\u0000%").or(CharMatcher.javaIsoControl());

    private final Path root;
    private final String relativeTemplate;
    private final AtomicReference<Path> realRoot = new AtomicReference<>();

    /**
     * @param template the location, e.g. {@code /var/mail/%d/%n/Maildir}
     * @param base where a relative template starts (James's working directory)
     */
    public MaildirLocation(String template, Path base) {
        int firstVariable = template.indexOf('%');
        int rootEnd = template.lastIndexOf('/', firstVariable);
        String rootPart = rootEnd < 0 ? "" : template.substring(0, rootEnd);
        this.root = base.resolve(rootPart).toAbsolutePath().normalize();
        this.relativeTemplate = template.substring(rootEnd + 1);
    }

    public Path root() {
        return root;
    }

    /** The user's Maildir, which may not exist yet. */
    public Path of(Username user) throws MaildropException {
        String name = user.asString().toLowerCase(Locale.ROOT);
        String local = user.getLocalPart().toLowerCase(Locale.ROOT);
        String domain = user.getDomainPart().map(d -> d.asString().toLowerCase(Locale.ROOT)).orElse("");
        if (relativeTemplate.contains("%u")) {
            check(user, name);
        }
        if (relativeTemplate.contains("%n")) {
            check(user, local);
        }
        if (relativeTemplate.contains("%d")) {
            check(user, domain);
        }
        Path path = root.resolve(relativeTemplate.replace("%u", name).replace("%n", local).replace("%d", domain)).normalize();
        if (!path.startsWith(root) || path.equals(root)) {
            throw MaildropException.forbidden("The maildir of '" + printable(user) + "' would be outside " + root);
        }
        ensureNoLinkLeadsOut(user, path);
        return path;
    }

    private static void check(Username user, String part) throws MaildropException {
        if (part.isEmpty() || part.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_OCTETS
            || part.startsWith(".") || FORBIDDEN.matchesAnyOf(part)) {
            throw MaildropException.forbidden("No maildir for user name '" + printable(user) + "'");
        }
    }

    /**
     * Every existing directory on the way must really be inside the root. Where none below the root is a link (one
     * {@code lstat} each), the path is inside; a link is followed to see where it leads.
     */
    private void ensureNoLinkLeadsOut(Username user, Path path) throws MaildropException {
        try {
            if (!linkBelowRoot(path)) {
                return;
            }
            Optional<Path> existing = Optional.of(path);
            while (existing.isPresent() && !Files.exists(existing.get(), LinkOption.NOFOLLOW_LINKS)) {
                existing = Optional.ofNullable(existing.get().getParent());
            }
            if (existing.isPresent() && existing.get().startsWith(root) && !existing.get().toRealPath().startsWith(realRoot())) {
                throw MaildropException.forbidden("The maildir of '" + printable(user) + "' leads out of " + root + " through a link");
            }
        } catch (IOException e) {
            throw MaildropException.temporary("Cannot check the maildir path of " + printable(user), e);
        }
    }

    /** Whether one of the existing directories between the root and this path is a symbolic link. */
    private boolean linkBelowRoot(Path path) throws IOException {
        Path current = root;
        for (Path part : root.relativize(path)) {
            current = current.resolve(part);
            try {
                if (Files.readAttributes(current, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isSymbolicLink()) {
                    return true;
                }
            } catch (NoSuchFileException notYet) {
                // a user's first login: nothing deeper exists
                return false;
            }
        }
        return false;
    }

    /** The root with its own links resolved: read once it exists, the operator's choice for the server's life. */
    private Path realRoot() throws IOException {
        Path known = realRoot.get();
        if (known != null) {
            return known;
        }
        if (!Files.exists(root)) {
            return root;
        }
        Path resolved = root.toRealPath();
        realRoot.compareAndSet(null, resolved);
        return resolved;
    }

    private static String printable(Username user) {
        String text = CharMatcher.javaIsoControl().replaceFrom(user.asString(), '?');
        return text.length() > 80 ? text.substring(0, 80) + "..." : text;
    }
}
