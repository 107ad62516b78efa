package atomicfile

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// exchange swaps the files at a and b atomically (renameat2 with RENAME_EXCHANGE). It
// reports false, and changes nothing, where the kernel or the file system cannot.
func exchange(a, b string) (bool, error) {
	err := unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, unix.ENOSYS), errors.Is(err, unix.EINVAL), errors.Is(err, unix.EOPNOTSUPP):
		return false, nil // an old kernel, or a file system without exchange: rename instead
	}
	return false, &os.LinkError{Op: "exchange", Old: a, New: b, Err: err}
}
