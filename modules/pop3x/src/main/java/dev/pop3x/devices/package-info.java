/**
 * POP3 from several devices, and DELE that hides. Entry point: {@link dev.pop3x.devices.Devices} (at login, the
 * {@link dev.pop3x.devices.SessionView} a session sees, registering a new device against {@code devices.max}; for
 * WebAdmin, the devices' reports and forgetting one). The state is two notes of the maildrop,
 * {@link dev.pop3x.devices.DeviceNotes} ({@code DeviceState} per device, and the messages hidden from POP3, kept by
 * {@code HiddenMessages}), changed under the user's notes lock; {@link dev.pop3x.devices.DeviceLogin} reads a tagged
 * login name.
 */
package dev.pop3x.devices;
