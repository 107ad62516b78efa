package lint

import "sync/atomic"

// ownerFault, when a test sets it, stands for the owner (a user id) of the config file at
// path, so that the tests of configs owned by another user run without chown (as any user)
// and on every platform. It is nil outside tests.
var ownerFault atomic.Pointer[func(path string) (uid int, ok bool)]

// untrustedConfig is a found .jdlint.yml that is not applied: another user owns it.
type untrustedConfig struct {
	path, why string
}

func (e *untrustedConfig) Error() string {
	return "ignoring " + e.path + ": " + e.why + "; name it with --config to use it"
}
