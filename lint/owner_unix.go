//go:build unix

package lint

import (
	"io/fs"
	"os"
	"syscall"
)

// keepOwner gives the fixed file the original's owner and group, best effort: only root
// may give a file away, and a user fixing their own file needs nothing.
func keepOwner(f *os.File, info fs.FileInfo) {
	if st, ok := info.Sys().(*syscall.Stat_t); ok && os.Geteuid() == 0 {
		_ = f.Chown(int(st.Uid), int(st.Gid))
	}
}
