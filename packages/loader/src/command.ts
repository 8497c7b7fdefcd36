import { answerOf, parseOptions, type Answer } from '@rollcall/shared';

export const USAGE_TEXT = `Usage: npm run load [-- --help | --version]

Loads DATA_DIR/places.csv and DATA_DIR/people.csv into MYSQL_DATABASE, replacing the
previous dataset only when both files loaded; rejected rows go to REPORTS_DIR/rejects/.
It takes no arguments: everything is set in the environment.

  --help      show this text
  --version   show the version and the schema version it expects

Environment: MYSQL_HOST, MYSQL_PORT, MYSQL_USER, MYSQL_PASSWORD or MYSQL_PASSWORD_FILE,
MYSQL_DATABASE, MYSQL_SSL_MODE, MYSQL_SSL_CA, DATA_DIR (default data/raw), REPORTS_DIR
(default reports), MAX_REJECT_RATIO, LOAD_METHOD, SWAP_WAIT_TIMEOUT_S, DB_WAIT_TIMEOUT_S,
LOG_LEVEL (docs/configuration.md).
Exit codes: 0 loaded, 2 usage or configuration, 3 database, 4 input file, 5 too many
rejects, 6 another load, the swap timed out or another table's foreign key on the
tables, 8 the server holds other rows than were sent, 9 schema newer than this loader, 10 an output folder cannot be written, 130/143
interrupted (docs/failure-behaviour.md).
`;

export type LoaderCommand = Answer | { kind: 'load' };

/** The loader takes no arguments of its own: anything but --help or --version is USAGE. */
export function parseLoaderCommand(argv: readonly string[]): LoaderCommand {
  return answerOf(parseOptions(argv, {}, 'npm run load -- --help shows the usage')) ?? { kind: 'load' };
}
