//go:build unix

package lint

import (
	"fmt"
	"io/fs"
	"os"
	"os/user"
	"strconv"
	"syscall"
)

// fileOwner returns the user id that owns a file, and false where the platform does not say.
func fileOwner(info fs.FileInfo) (int, bool) {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return int(st.Uid), true
	}
	return 0, false
}

// untrustedOwner returns why a found config file must not be applied, or "" when it may: a
// file owned by another user than the one running jdlint, unless root owns it, is ignored,
// as git ignores a repository another user owns (CVE-2022-24765). Run as root through sudo,
// a file owned by the user who ran sudo (SUDO_UID) is trusted, as git trusts it.
func untrustedOwner(path string, info fs.FileInfo) string {
	uid, ok := fileOwner(info)
	if f := ownerFault.Load(); f != nil {
		uid, ok = (*f)(path)
	}
	if !ok {
		return ""
	}
	me := os.Geteuid()
	if uid == me || uid == 0 {
		return ""
	}
	if me == 0 && os.Getenv("SUDO_UID") == strconv.Itoa(uid) {
		return ""
	}
	return fmt.Sprintf("owned by %s, not by you (%s) or root", userName(uid), userName(me))
}

// userName names a user id: "alice (uid 1001)", or "uid 1001" when it has no name here.
func userName(uid int) string {
	if u, err := user.LookupId(strconv.Itoa(uid)); err == nil && u.Username != "" {
		return fmt.Sprintf("%s (uid %d)", u.Username, uid)
	}
	return fmt.Sprintf("uid %d", uid)
}
