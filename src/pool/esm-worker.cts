// The file piscina loads in each worker: CommonJS on purpose. piscina first require()s its
// worker file, and Node 20's require() of an ES module graph can abort the whole process
// ("v8::Module::IsGraphAsync must be used on an instantiated module"); this shim is required
// safely and loads the real worker module with import().
const modules = new Map<string, Promise<{ default: (task: unknown) => unknown }>>()

module.exports = async function runTask({ module, task }: { module: string; task: unknown }): Promise<unknown> {
  let m = modules.get(module)
  if (m === undefined) {
    m = import(module)
    modules.set(module, m)
  }
  return (await m).default(task)
}
