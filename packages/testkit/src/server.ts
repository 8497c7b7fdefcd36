/** Where the database tests connect: an account that may create databases and users. */
export interface TestServer {
  host: string;
  port: number;
  user: string;
  password: string;
}

export function serverFromEnv(env: NodeJS.ProcessEnv): TestServer | undefined {
  if (!env.MYSQL_HOST) return undefined;
  return {
    host: env.MYSQL_HOST,
    port: Number(env.MYSQL_PORT ?? 3306),
    user: env.MYSQL_USER ?? 'root',
    password: env.MYSQL_PASSWORD ?? '',
  };
}
