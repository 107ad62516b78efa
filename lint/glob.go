package lint

import (
	"path"
	"path/filepath"
	"strings"
)

// Ignore globs, as in .gitignore and most linters:
//
//   - a pattern without "/" ("*.txt", "drafts") matches a file or folder name at any depth;
//   - a pattern with "/" ("careers/archive/**", "/old.md") is anchored to the folder that
//     holds the config file;
//   - "*", "?" and "[...]" match within one path segment, "**" matches any number of
//     segments (including none), so "drafts/**" also matches the folder drafts itself;
//   - a trailing "/" is ignored: folders and files are treated alike.
//
// Patterns are matched against the path relative to the config's folder, never against
// the folders above it: with --config ci/jdlint.yml, "ignore: [work]" does not skip every
// posting because the checkout lives under /work. A path outside the config's folder (a
// --config elsewhere) is matched by name patterns on the segments below the folders it
// shares with the config's folder; anchored patterns apply only inside it.

// checkGlob reports a syntax error in an ignore pattern.
func checkGlob(g string) error {
	for _, seg := range strings.Split(strings.Trim(g, "/"), "/") {
		if seg == "**" {
			continue
		}
		if _, err := path.Match(seg, ""); err != nil {
			return err
		}
	}
	return nil
}

// matchIgnore reports whether the absolute path abs matches one of globs, which are relative
// to the absolute folder dir.
func matchIgnore(globs []string, dir, abs string) bool {
	rel, err := filepath.Rel(dir, abs)
	var segs []string
	switch {
	case err != nil:
		segs = []string{filepath.Base(abs)} // another volume: only the entry's own name
	default:
		segs = strings.Split(filepath.ToSlash(rel), "/")
	}
	// the ".." segments stand for the folders above dir, which no pattern may match
	up := 0
	for up < len(segs) && segs[up] == ".." {
		up++
	}
	inside := err == nil && up == 0
	segs = segs[up:]
	if len(segs) == 1 && segs[0] == "." {
		segs = nil // dir itself: no name of its own below it
	}
	for _, g := range globs {
		g = strings.TrimSuffix(g, "/")
		if !strings.Contains(g, "/") {
			for _, s := range segs {
				if ok, _ := path.Match(g, s); ok {
					return true
				}
			}
			continue
		}
		if inside && matchSegs(strings.Split(strings.TrimPrefix(g, "/"), "/"), segs) {
			return true
		}
	}
	return false
}

// matchSegs matches pattern segments against path segments; "**" spans any number of
// segments. A pattern that matches a leading part of the path matches the path, so an
// ignored folder covers everything under it. Memoized, so a pattern with many "**" stays
// O(len(pat) * len(segs)).
func matchSegs(pat, segs []string) bool {
	memo := map[[2]int]bool{}
	var m func(i, j int) bool
	m = func(i, j int) bool {
		if i == len(pat) {
			return true // the rest of the path is under a matched folder
		}
		k := [2]int{i, j}
		if v, ok := memo[k]; ok {
			return v
		}
		var r bool
		if pat[i] == "**" {
			r = m(i+1, j) || (j < len(segs) && m(i, j+1))
		} else if j < len(segs) {
			ok, _ := path.Match(pat[i], segs[j])
			r = ok && m(i+1, j+1)
		}
		memo[k] = r
		return r
	}
	return m(0, 0)
}
