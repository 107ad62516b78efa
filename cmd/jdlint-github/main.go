// Command jdlint-github is the GitHub Action's helper for its suggest-fixes input:
//
//	jdlint-github suggest REPORT.json
//
// posts the safe fixes of a jdlint JSON report as suggested changes on the run's pull request
// (internal/suggest; docs/action.md, "Suggested changes"). It is a binary of its own so that
// jdlint, which never uses the network, links no net/http: deps_test.go checks that.
package main

import (
	"fmt"
	"io"
	"os"

	"github.com/jdlint/jdlint/internal/suggest"
)

// version is set by release builds: -ldflags "-X main.version=v1.2.3" (.goreleaser.yaml).
var version = "dev"

const usage = "usage: jdlint-github suggest REPORT.json"

func main() {
	os.Exit(run(os.Args[1:], os.Getenv, os.Stdout, os.Stderr))
}

// run dispatches the command line (without the program name) and returns the exit code.
func run(args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, usage)
		return suggest.ExitUsage
	}
	switch args[0] {
	case "suggest":
		return suggest.Main(args[1:], getenv, stdout, stderr)
	case "--version":
		fmt.Fprintf(stdout, "jdlint-github version %s\n", version)
		return 0
	case "-h", "--help":
		fmt.Fprintln(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "jdlint-github: unknown command %q\n%s\n", args[0], usage)
	return suggest.ExitUsage
}
