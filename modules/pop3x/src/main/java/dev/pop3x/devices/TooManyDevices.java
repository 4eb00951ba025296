package dev.pop3x.devices;

import org.apache.james.core.Username;

/** A login from one more device than {@code devices.max} allows the user. */
public final class TooManyDevices extends Exception {
    private static final long serialVersionUID = 1L;

    private final int max;

    TooManyDevices(Username user, String device, int max) {
        super(user.asString() + " has " + max + " devices that count (devices.max); device " + device + " is refused");
        this.max = max;
    }

    public int max() {
        return max;
    }
}
