// Command jdlint-eval measures jdlint on labeled folders of postings:
//
//	go run ./cmd/jdlint-eval [-sentences testdata/sentences.tsv] [-v] FOLDER...
//
// Each FOLDER holds postings and a labels.csv with at least the columns file, title_role,
// body_role and expect (extra columns such as why or confidence are allowed). For each set
// it prints the confusion matrix of body roles, verdict accuracy, the share of titles found,
// precision and recall of role-mislabeled, role-blended and not-a-product-role, false alarms
// and false errors on correctly titled postings, and every miss; then one summary line per
// set. With -sentences it also scores sentence-level role tags.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/jdlint/jdlint/internal/eval"
)

func main() {
	sentences := flag.String("sentences", "", "also score the labeled sentences in this TSV")
	verbose := flag.Bool("v", false, "list every posting and every mistagged sentence")
	csvOut := flag.String("csv", "", "also write each posting's labels and evidence to this CSV file")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: jdlint-eval [-sentences FILE.tsv] [-v] FOLDER... (each with FOLDER/labels.csv)")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() == 0 && *sentences == "" {
		flag.Usage()
		os.Exit(2)
	}
	var sets []eval.Result
	for _, dir := range flag.Args() {
		res, err := eval.Folder(dir)
		if err != nil {
			fmt.Fprintln(os.Stderr, "jdlint-eval:", err)
			os.Exit(2)
		}
		fmt.Printf("== %s: %d labeled postings\n\n", dir, len(res.Cases))
		res.Print(os.Stdout)
		if *verbose {
			fmt.Println()
			res.PrintCases(os.Stdout)
		}
		fmt.Println()
		sets = append(sets, res)
	}
	if len(sets) > 0 {
		eval.PrintTable(os.Stdout, sets)
	}
	if *csvOut != "" {
		f, err := os.Create(*csvOut)
		if err == nil {
			err = eval.WriteCSV(f, sets)
			if cerr := f.Close(); err == nil {
				err = cerr
			}
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "jdlint-eval:", err)
			os.Exit(2)
		}
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
