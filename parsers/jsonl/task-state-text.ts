// sched_switch's prev_state as the kernel prints it, from the raw number a bpftrace or libbpf
// tool reads out of the tracepoint (`args->prev_state`): the task-report bits as letters joined
// by `|`, `R` for none, `+` when the TASK_REPORT_MAX bit says the task was preempted. The bits
// and 0x100 are those of the print fmt of sched/sched_switch since Linux 4.14 (checked on 6.18).
const LETTERS = ['S', 'D', 'T', 't', 'X', 'Z', 'P', 'I']
const REPORT_MASK = 0xff
const PREEMPTED = 0x100

export function taskStateText(state: number): string {
  const bits = state & REPORT_MASK
  const letters = bits === 0 ? 'R' : LETTERS.filter((_, i) => bits & (1 << i)).join('|')
  return state & PREEMPTED ? `${letters}+` : letters
}
