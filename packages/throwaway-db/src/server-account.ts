/** Where a throwaway server listens, and its account (one that may create databases and users). */
export interface ServerAccount {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}
