// Command jdlint lints job postings for mislabeled and blended Product Owner and Product
// Manager roles. The command line is defined in internal/app (app.Main); the work is in
// lint/, nlp/, rules/ and report/.
package main

import (
	"os"

	"github.com/jdlint/jdlint/internal/app"
)

func main() {
	tuneGC()
	os.Exit(app.Main(os.Args, os.Stdin, os.Stdout, os.Stderr))
}
