/** The MySQL image for a throwaway container; stack.yml pins the same one (a test checks). */
export const MYSQL_IMAGE = 'mysql:8.4';
