"""Who may see and do what, and the record of it: sign-in and sessions (`auth`, `sessions`), users and
their scopes (`user_admin`, the `users` command line), the household routes every officer's read goes
through (`household_access`), and the audit log (`audit` writes, `audit_query` reads).

Everything that records field work or reads household data for a screen calls down into this
package; nothing here imports those callers (held by `.importlinter`)."""
