//go:build unix

package lint

import (
	"syscall"
	"time"
)

// cpuTime returns the CPU time the process has used. The scaling test measures it rather
// than wall time, so that other processes competing for the CPU do not skew the ratio.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return time.Duration(time.Now().UnixNano())
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
