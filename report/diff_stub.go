package report

import (
	"errors"
	"io"

	"github.com/jdlint/jdlint/lint"
	"github.com/jdlint/jdlint/rules"
)

// Diff writes a unified diff of fixes. TODO(issue 4).
func Diff(w io.Writer, results []lint.Result, opts Options) error {
	return errors.New("diff format not implemented yet")
}

// FixPreview renders a fix as inline word diff lines. TODO(issue 4).
func FixPreview(src []byte, fix *rules.Fix, color bool) []string { return nil }
