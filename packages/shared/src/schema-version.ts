/**
 * The version of sql/schema.sql this code expects. There are no migrations yet, so every
 * database the jobs create is version 1; the change that adds migrations sets this, in this
 * one place, and `--version` shows it.
 */
export const SCHEMA_VERSION = 1;
