// Command gen writes a folder of synthetic job postings for benchmarks:
//
//	go run ./internal/gen -n 1000 -o /tmp/postings
//	go run ./internal/gen -n 1000 -kind blended -o /tmp/rewrites   # every posting gets rewrites
//
// The postings come from internal/synth; the same -seed gives the same folder. -kind keeps
// only postings of the kinds it lists (po, pm, mislabeled, blended, project, untitled), in
// the order the seed makes them, until -n are written.
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/jdlint/jdlint/internal/synth"
)

func main() {
	n := flag.Int("n", 1000, "number of postings")
	out := flag.String("o", "", "output folder (created if missing)")
	seed := flag.Uint64("seed", 1, "random seed")
	kind := flag.String("kind", "", "comma-separated kinds to keep (po, pm, mislabeled, blended, project, untitled); all when empty")
	flag.Parse()
	if *out == "" || *n < 0 || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: go run ./internal/gen -n 1000 -o DIR [-seed 1] [-kind blended,...]")
		os.Exit(2)
	}
	var kinds []synth.Kind
	for k := range strings.SplitSeq(*kind, ",") {
		if k = strings.TrimSpace(k); k != "" {
			kinds = append(kinds, synth.Kind(k))
		}
	}
	if err := synth.WriteKinds(*out, *n, *seed, kinds...); err != nil {
		fmt.Fprintf(os.Stderr, "gen: %v\n", err)
		os.Exit(1)
	}
}
