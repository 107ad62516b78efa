package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/jdlint/jdlint/lint"
)

// TestJSONStreamed: the JSON report, written one file at a time, is byte for byte what
// json.Encoder with a two-space indent gives for the whole report built in memory: on no
// results, on a file that could not be read, on the fixed results and on the live pipeline
// over the mixed folder and the labeled corpus (titles, notices, fixes with quotes and
// angle brackets that the encoder escapes).
func TestJSONStreamed(t *testing.T) {
	cases := map[string][]lint.Result{
		"none":   nil,
		"empty":  {},
		"error":  {{Path: "gone.md", Err: errors.New("read gone.md: no such <file>")}},
		"fixed":  fixedResults(t),
		"mixed":  lintPaths(t, mixedPaths...),
		"corpus": lintPaths(t, filepath.Join("..", "testdata", "job_posts")),
	}
	for name, results := range cases {
		for _, version := range []string{"", "test", "v1.2.3 <dev>"} {
			var want bytes.Buffer
			enc := json.NewEncoder(&want)
			enc.SetIndent("", "  ")
			if err := enc.Encode(jsonReportOf(results, Options{Version: version})); err != nil {
				t.Fatal(err)
			}
			// JSON encodes files on GOMAXPROCS goroutines, in windows of jsonWindow files
			for _, procs := range []int{1, 2, 3, 8} {
				prev := runtime.GOMAXPROCS(procs)
				var got bytes.Buffer
				err := JSON(&got, results, Options{Version: version})
				runtime.GOMAXPROCS(prev)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(got.Bytes(), want.Bytes()) {
					t.Errorf("%s, version %q, GOMAXPROCS %d: the streamed report differs from the encoded one:\n%s\nwant:\n%s", name, version, procs, got.Bytes(), want.Bytes())
				}
			}
		}
	}
}
