//go:build !unix

package atomicfile

import (
	"io/fs"
	"os"
)

// keepOwner does nothing where files have no Unix owner.
func keepOwner(*os.File, fs.FileInfo) {}

// writable reports whether the file is not read-only.
func writable(_ string, info fs.FileInfo) bool { return info.Mode().Perm()&0o200 != 0 }
