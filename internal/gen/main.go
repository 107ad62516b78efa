// Command gen writes a folder of synthetic job postings for benchmarks:
//
//	go run ./internal/gen -n 1000 -o /tmp/postings
//
// The postings come from internal/synth; the same -seed gives the same folder.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/jdlint/jdlint/internal/synth"
)

func main() {
	n := flag.Int("n", 1000, "number of postings")
	out := flag.String("o", "", "output folder (created if missing)")
	seed := flag.Uint64("seed", 1, "random seed")
	flag.Parse()
	if *out == "" || *n < 0 || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: go run ./internal/gen -n 1000 -o DIR [-seed 1]")
		os.Exit(2)
	}
	if err := synth.WriteFolder(*out, *n, *seed); err != nil {
		fmt.Fprintf(os.Stderr, "gen: %v\n", err)
		os.Exit(1)
	}
}
