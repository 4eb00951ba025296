/**
 * Checking who logs in: {@link dev.pop3x.auth.Authenticator} (a user name and password, a bearer token, a delegation to
 * another user's maildrop, through James) giving an {@link dev.pop3x.auth.Authentication};
 * {@link dev.pop3x.auth.LoginBrake} (the delay and refusals after failed logins, per address and per user; its keys:
 * {@code BrakeSettings}); and {@link dev.pop3x.auth.AuthSettings} (a listener's {@code <auth>} block: which credentials
 * may travel over which connection, and OIDC). Login names reach it without device tags ({@code protocol.DeviceTags}
 * takes them off).
 */
package dev.pop3x.auth;
