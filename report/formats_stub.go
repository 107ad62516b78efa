package report

import (
	"errors"
	"io"

	"github.com/jdlint/jdlint/lint"
)

var errTODO = errors.New("format not implemented yet")

// SARIF writes SARIF 2.1.0. TODO(issue 5).
func SARIF(w io.Writer, results []lint.Result, opts Options) error { return errTODO }

// GitHub writes workflow commands. TODO(issue 5).
func GitHub(w io.Writer, results []lint.Result, opts Options) error { return errTODO }

// Markdown writes a job summary. TODO(issue 5).
func Markdown(w io.Writer, results []lint.Result, opts Options) error { return errTODO }

// HTML writes a self-contained page. TODO(issue 5).
func HTML(w io.Writer, results []lint.Result, opts Options) error { return errTODO }
