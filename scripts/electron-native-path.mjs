import path from 'node:path';

/** Where the Electron-ABI build of better-sqlite3 lives, apart from the Node build in node_modules. */
export function electronBindingPath(root) {
  return path.join(root, '.electron-native/better_sqlite3.node');
}
