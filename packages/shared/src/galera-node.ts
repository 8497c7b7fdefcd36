/**
 * Whether the server is a Galera node with replication on. MySQL has no wsrep_on and MariaDB
 * without Galera has it OFF: both answer false. Takes the caller's way of running a query,
 * since the loader asks through knex and the reader on a raw connection inside its snapshot.
 */
export async function isGaleraNode(query: (sql: string) => Promise<unknown>): Promise<boolean> {
  const rows = (await query("SHOW VARIABLES LIKE 'wsrep_on'")) as Array<{ Value?: string }>;
  return rows[0]?.Value === 'ON';
}
