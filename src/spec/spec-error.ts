/** A spec file that cannot be used: names the file, the criterion and the field at fault. */
export class SpecError extends Error {
  readonly file: string
  readonly criterionId: string | undefined
  readonly field: string | undefined

  constructor(file: string, criterionId: string | undefined, field: string | undefined, problem: string) {
    const where = [
      file,
      criterionId === undefined ? undefined : `criterion "${criterionId}"`,
      field === undefined ? undefined : `field "${field}"`,
    ].filter((part) => part !== undefined)
    super(`${where.join(': ')}: ${problem}`)
    this.name = 'SpecError'
    this.file = file
    this.criterionId = criterionId
    this.field = field
  }
}
