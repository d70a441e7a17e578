/** File names inside a store folder. */
export const DB_FILE = 'db.json';
export const RESULTS_DIR = 'results';
