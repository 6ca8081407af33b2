import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat's times (USER_HZ, 100 on Linux). */
const USER_HZ = 100;

/**
 * CPU seconds (user + system) that this process's ended children have used so far, as the kernel
 * adds them up when a child is waited for (`cutime` + `cstime` of /proc/self/stat): ffmpeg and
 * ffprobe, which Node waits for as each exits. A child still running is not in it yet, so read it
 * after the children of interest have ended. Precision: 10 ms.
 */
export function endedChildrenCpuSeconds(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  // Fields after the command's closing parenthesis: cutime and cstime are the 14th and 15th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) / USER_HZ;
}
