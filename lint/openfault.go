package lint

import (
	"io/fs"
	"os"
	"sync/atomic"
)

// openFault, when a test sets it, is asked before jdlint opens a posting or lists a folder
// it walks; an error it returns for a path stands for the error that opening or listing it
// gave (fs.ErrPermission: what a file or folder without read permission gives). It lets
// the tests of unreadable files and folders run where permissions are not enforced, as
// root, instead of relying on chmod. It is nil outside tests, and then nothing changes.
var openFault atomic.Pointer[func(path string) error]

// injectedFault returns the error a test injects for path, as the *fs.PathError an open
// returns, or nil.
func injectedFault(path string) error {
	f := openFault.Load()
	if f == nil {
		return nil
	}
	if err := (*f)(path); err != nil {
		return &fs.PathError{Op: "open", Path: path, Err: err}
	}
	return nil
}

// openWith opens path with open unless a test injects a fault for it.
func openWith(open func(string) (*os.File, error), path string) (*os.File, error) {
	if err := injectedFault(path); err != nil {
		return nil, err
	}
	return open(path)
}
