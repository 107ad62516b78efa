package app

import "github.com/jdlint/jdlint/lint"

// progress: TODO(issue 5) progress bar on stderr for folders of more than 50 files.
func progress(o Options, lopts *lint.Options) func() { return func() {} }
