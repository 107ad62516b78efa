// Command jdlint-eval measures jdlint on a labeled folder of postings:
//
//	go run ./cmd/jdlint-eval [-sentences testdata/sentences.tsv] [-v] FOLDER
//
// FOLDER holds the postings and a labels.csv (file,title_role,body_role,expect). It prints a
// confusion matrix of body roles, verdict accuracy, false alarms and every miss with its
// PO share; with -sentences it also scores sentence-level role tags.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/jdlint/jdlint/internal/eval"
)

func main() {
	sentences := flag.String("sentences", "", "also score the labeled sentences in this TSV")
	verbose := flag.Bool("v", false, "list every mistagged sentence and every posting")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: jdlint-eval [-sentences FILE.tsv] [-v] FOLDER (with FOLDER/labels.csv)")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}
	dir := flag.Arg(0)
	labels, err := eval.ReadLabels(filepath.Join(dir, "labels.csv"))
	if err != nil {
		fmt.Fprintln(os.Stderr, "jdlint-eval:", err)
		os.Exit(2)
	}
	res, err := eval.Postings(dir, labels)
	if err != nil {
		fmt.Fprintln(os.Stderr, "jdlint-eval:", err)
		os.Exit(2)
	}
	fmt.Printf("%s: %d labeled postings\n\n", dir, len(labels))
	res.Print(os.Stdout)
	if *verbose {
		fmt.Println()
		res.PrintCases(os.Stdout)
	}
	if *sentences != "" {
		sl, err := eval.ReadSentences(*sentences)
		if err != nil {
			fmt.Fprintln(os.Stderr, "jdlint-eval:", err)
			os.Exit(2)
		}
		sr, err := eval.Sentences(sl)
		if err != nil {
			fmt.Fprintln(os.Stderr, "jdlint-eval:", err)
			os.Exit(2)
		}
		fmt.Println()
		sr.Print(os.Stdout, *verbose)
	}
}
