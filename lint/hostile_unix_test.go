//go:build unix

package lint

import (
	"net"
	"syscall"
)

// mkfifo makes a named pipe at path.
func mkfifo(path string) error { return syscall.Mkfifo(path, 0o644) }

// mksocket makes a Unix socket at path; close removes it.
func mksocket(path string) (close func(), err error) {
	l, err := net.Listen("unix", path)
	if err != nil {
		return nil, err
	}
	return func() { l.Close() }, nil
}
