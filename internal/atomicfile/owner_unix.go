//go:build unix

package atomicfile

import (
	"io/fs"
	"os"
	"syscall"

	"golang.org/x/sys/unix"
)

// keepOwner gives the new file the old one's owner and group, best effort: only root may
// give a file away, and a user writing their own file needs nothing.
func keepOwner(f *os.File, info fs.FileInfo) {
	if st, ok := info.Sys().(*syscall.Stat_t); ok && os.Geteuid() == 0 {
		_ = f.Chown(int(st.Uid), int(st.Gid))
	}
}

// writable reports whether the file at path may be written: root may write anything, so
// for root a file without any write permission bit counts as read-only.
func writable(path string, info fs.FileInfo) bool {
	if os.Geteuid() == 0 {
		return info.Mode().Perm()&0o222 != 0
	}
	return unix.Access(path, unix.W_OK) == nil
}
