package dev.pop3x.policy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;

import javax.inject.Inject;
import javax.inject.Singleton;

import org.apache.james.core.Username;

import dev.pop3x.config.InvalidSettingException;
import dev.pop3x.config.PerUser;
import dev.pop3x.config.Setting;
import dev.pop3x.config.Settings;

/**
 * The deletion policy's settings: retention after retrieval ({@code expire.days}, which CAPA announces as EXPIRE),
 * quota watermarks ({@code quota.high}: {@code off} or a percent; {@code quota.low}), both per domain and per
 * user; {@code policy.dry-run} (log what would go, remove nothing), per user too; the sweeper's interval; and the quota notice
 * threshold.
 */
@Singleton
public final class PolicySettings {
    public static final Setting<Expiry> EXPIRE = Setting.of("expire.days", Expiry.NEVER,
        "never or a number of days from 0 to " + Expiry.MAX_DAYS, Expiry::parse, Expiry::asSetting).perUser();
    public static final Setting<OptionalInt> QUOTA_HIGH = Setting.integerOrOff("quota.high", OptionalInt.empty(), 1, 100).perUser();
    public static final Setting<Integer> QUOTA_LOW = Setting.integer("quota.low", 80, 0, 99).perUser();
    public static final Setting<Boolean> DRY_RUN = Setting.flag("policy.dry-run", false).perUser();
    public static final Setting<Duration> SWEEP_INTERVAL =
        Setting.duration("policy.sweep-interval", Duration.ofHours(1), Duration.ZERO, Duration.ofDays(7));
    public static final Setting<String> SWEEP_LEDGER = Setting.of("policy.sweep-ledger", "var/pop3x/sweep-ledger",
        "a directory, relative to James's working directory or absolute", text -> Optional.of(text).filter(path -> !path.isBlank()), path -> path);
    public static final Setting<OptionalInt> NOTICE_THRESHOLD = Setting.integerOrOff("notice.threshold", OptionalInt.empty(), 1, 100).perUser();

    public static final List<Setting<?>> ALL = List.of(EXPIRE, QUOTA_HIGH, QUOTA_LOW, DRY_RUN, SWEEP_INTERVAL, SWEEP_LEDGER, NOTICE_THRESHOLD);

    private final PerUser<Expiry> expire;
    private final PerUser<OptionalInt> high;
    private final PerUser<Integer> low;
    private final Settings values;

    /** @throws InvalidSettingException when a domain or user would have quota.low at or above quota.high */
    @Inject
    public PolicySettings(Settings values) {
        this.values = values;
        this.expire = values.perUser(EXPIRE);
        this.high = values.perUser(QUOTA_HIGH);
        this.low = values.perUser(QUOTA_LOW);
        checkWatermarks();
    }

    /** quota.low below quota.high for the default, for every domain and for every user given either. */
    private void checkWatermarks() {
        checkWatermarks("the default", high.defaultValue(), low.defaultValue());
        Stream.concat(high.domains().stream(), low.domains().stream()).distinct()
            .forEach(domain -> checkWatermarks(domain.asString(), high.forDomain(domain), low.forDomain(domain)));
        Stream.concat(high.users().stream(), low.users().stream()).distinct()
            .forEach(user -> checkWatermarks(user.asString(), high.forUser(user), low.forUser(user)));
    }

    private static void checkWatermarks(String scope, OptionalInt high, int low) {
        if (high.isPresent() && low >= high.getAsInt()) {
            throw new InvalidSettingException(QUOTA_LOW.key(), "'" + QUOTA_LOW.key() + "' (" + low + ") must be below '"
                + QUOTA_HIGH.key() + "' (" + high.getAsInt() + ") for " + scope);
        }
    }

    public Expiry expire(Username user) {
        return expire.forUser(user);
    }

    /** The high watermark in percent for the user, or empty when quota pressure is off for them. */
    public OptionalInt quotaHigh(Username user) {
        return high.forUser(user);
    }

    public int quotaLow(Username user) {
        return low.forUser(user);
    }

    /** Whether the policy only logs, for this user. */
    public boolean dryRun(Username user) {
        return values.perUser(DRY_RUN).forUser(user);
    }

    /**
     * Where the sweep ledger lives when no module keeps it elsewhere: the directory of its files, on the storage the
     * nodes share when there are several.
     */
    public String sweepLedger() {
        return values.get(SWEEP_LEDGER);
    }

    public Duration sweepInterval() {
        return values.get(SWEEP_INTERVAL);
    }

    /** From which percent of a quota the user's listings start with the quota notice; empty: never. */
    public OptionalInt noticeThreshold(Username user) {
        return values.perUser(NOTICE_THRESHOLD).forUser(user);
    }

    /**
     * The retention pop3x can guarantee the user (RFC 2449 EXPIRE): {@code expire.days}, or 0 days when quota pressure
     * may remove retrieved mail at any time.
     */
    public Expiry guaranteedRetention(Username user) {
        return high.forUser(user).isPresent() ? Expiry.days(0) : expire.forUser(user);
    }

    /** Every retention some user can be guaranteed, for CAPA before login. */
    public Stream<Expiry> guaranteedRetentions() {
        return high.values().anyMatch(OptionalInt::isPresent)
            ? Stream.concat(Stream.of(Expiry.days(0)), expire.values())
            : expire.values();
    }

    public boolean guaranteesVaryPerUser() {
        return expire.variesPerUser() || high.variesPerUser();
    }
}
