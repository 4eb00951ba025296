/**
 * pop3x's WebAdmin routes ({@code extensions.routes} in {@code webadmin.properties}):
 * {@link dev.pop3x.webadmin.PolicyRoutes} (the policy's status and runs, as {@code PolicyTask}s),
 * {@link dev.pop3x.webadmin.UidlImportRoutes} (imports and pulls of unique-ids, one user or many, as tasks),
 * {@link dev.pop3x.webadmin.DeviceRoutes} (a user's devices; forgetting one under its lock),
 * {@link dev.pop3x.webadmin.SessionRoutes} (the sessions open), {@link dev.pop3x.webadmin.ServerRoutes} (the
 * listeners); {@link dev.pop3x.webadmin.PolicyTaskExtensionModule} registers the tasks' DTOs.
 */
package dev.pop3x.webadmin;
