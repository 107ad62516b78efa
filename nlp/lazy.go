package nlp

import (
	"regexp"
	"sync"
)

// lazyRegexps holds every expression made by lazyRegexp, in declaration order, for Preload.
// It is appended to only while the package initialises.
var lazyRegexps []func() *regexp.Regexp

// lazyRegexp returns a function that compiles src on its first call and returns the same
// *regexp.Regexp ever after. Compiling the package's two dozen expressions took about 2 ms
// of every process's start, also for `jdlint --version`; this way they are compiled only
// by a process that lints, mostly on the second core (Preload).
func lazyRegexp(src string) func() *regexp.Regexp {
	re := sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(src) })
	lazyRegexps = append(lazyRegexps, re)
	return re
}
