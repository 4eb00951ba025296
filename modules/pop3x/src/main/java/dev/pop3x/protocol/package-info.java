/**
 * pop3x's POP3 protocol: the handler chain pop3x's listener ({@code dev.pop3x.server}) runs for each connection
 * ({@link dev.pop3x.protocol.Pop3xHandlers}).
 *
 * <p>The path of one command: the listener cuts a line when the session wants one; {@link dev.pop3x.protocol.Pop3xDispatcher} checks its length,
 * reads its ASCII keyword and times it; the command's {@link dev.pop3x.protocol.Phase} and
 * {@link dev.pop3x.protocol.ArgumentShape} are checked by {@link dev.pop3x.protocol.Pop3xCommand}; the handler runs on the
 * typed session and returns a {@link dev.pop3x.protocol.Reply}; {@link dev.pop3x.protocol.Replies} words it in the
 * session's language as a stream James writes.
 *
 * <p>The files, by what they are:
 * <ul>
 * <li>commands, one per RFC keyword: {@code *Command}; capabilities that are no command: {@code *Capability};</li>
 * <li>the session: {@code Pop3xSession}, {@code Transaction}, {@code Phase}, {@code SessionStart}, {@code SessionEnd},
 * {@code Logout}, {@code SessionStatistics}, and where its lines and replies go and when: {@code SessionInput},
 * {@code SessionOutput}; its storage calls, off the event loop: {@code StorageThreads}; the sessions open, for
 * WebAdmin: {@code OpenSessions}, {@code SessionSummary};</li>
 * <li>logging in: {@code LoginAttempts} (the brake's admission, the check, its outcome), {@code DeviceTags} (device
 * tags taken off login names before the check), {@code FailedCredentials}
 * (what already failed in the connection), {@code LoginFlow}, {@code SessionHolder} (the maildrop lock's view of a
 * session), {@code AuthPolicy}, {@code AuthExchange} (SASL mechanisms are in {@code protocol.sasl}), {@code Retrievals};</li>
 * <li>the UPDATE state of a client's DELEs, audited: {@code DeletionAudit};</li>
 * <li>settings: {@code SessionSettings} (LOGIN-DELAY, the language, the re-download warning), {@code Language},
 * {@code CapaSettings} with {@code ImplementationAdvertising}, and what a session knows of its listener:
 * {@code ListenerSettings};</li>
 * <li>wording: {@code Reply}, {@code Replies}, {@code Responses}, {@code Text}, {@code Texts}, {@code ResponseCode},
 * {@code Echo}, {@code ArgumentShape}, {@code Arguments};</li>
 * <li>byte streams, which depend on nothing here: {@code protocol.wire}.</li>
 * </ul>
 */
package dev.pop3x.protocol;
