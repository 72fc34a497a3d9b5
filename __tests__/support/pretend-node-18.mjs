// Preloaded with `node --import`: the process reports itself as Node 18.20.8, so the bundle's start-up
// guard can be exercised on a machine that has no node that old.
Object.defineProperty(process, 'versions', { value: { ...process.versions, node: '18.20.8' } })
