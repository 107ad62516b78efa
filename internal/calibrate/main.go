// Command calibrate chooses the verdict thresholds from labeled postings. It replays the
// verdict step (verdict.Detect) over the evidence that jdlint-eval writes with -csv, for
// every point of a grid of thresholds, and ranks the points: no false alarm on a correctly
// titled posting first (a miss is better than a false alarm), then the verdict accuracy
// summed over the calibration sets, then the point closest to the defaults. Held-out sets
// must not be in the CSV: calibrating on them would end their use.
//
//	go run ./cmd/jdlint-eval -csv /tmp/evidence.csv testdata/job_posts testdata/written ../shared/corpus/jobsites
//	go run ./internal/calibrate /tmp/evidence.csv
//
// It prints the best points and where verdict.DefaultThresholds ranks among them. The
// evidence itself comes from the taxonomy, so rerun both commands after changing it.
package main

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"os"
	"sort"
	"strconv"

	"github.com/jdlint/jdlint/nlp"
	"github.com/jdlint/jdlint/verdict"
)

// row is one labeled posting with its evidence.
type row struct {
	set, file                   string
	titleRole, bodyRole, expect string
	verdict, foundTitle, alt    string
	ev                          verdict.Evidence
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: calibrate EVIDENCE.csv (from jdlint-eval -csv)")
		os.Exit(2)
	}
	rows, err := read(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "calibrate:", err)
		os.Exit(2)
	}
	type point struct {
		th          verdict.Thresholds
		falseAlarms int
		correct, n  int
		dist        float64
		isDefault   bool
	}
	var points []point
	def := verdict.DefaultThresholds
	for _, high := range []float64{0.5, 0.55, 0.6, 0.65, 0.7} {
		for _, low := range []float64{0.2, 0.25, 0.3, 0.35} {
			for _, pmLow := range []float64{0.3, 0.35, 0.4, 0.45, 0.5} {
				for _, ratio := range []float64{0.75, 1, 1.25, 1.5} {
					for _, nearly := range []float64{1, 1.5, 2, 2.5} {
						th := def
						th.BlendHigh, th.BlendLow, th.PMBlendLow, th.OtherRatio, th.NearlyAbsent = high, low, pmLow, ratio, nearly
						if th.Validate() != nil {
							continue
						}
						p := point{th: th, isDefault: th == def}
						p.falseAlarms, p.correct, p.n = score(rows, th)
						p.dist = math.Abs(high-def.BlendHigh) + math.Abs(low-def.BlendLow) + math.Abs(pmLow-def.PMBlendLow) +
							math.Abs(ratio-def.OtherRatio)/4 + math.Abs(nearly-def.NearlyAbsent)/4
						points = append(points, p)
					}
				}
			}
		}
	}
	sort.SliceStable(points, func(i, j int) bool {
		a, b := points[i], points[j]
		if a.falseAlarms != b.falseAlarms {
			return a.falseAlarms < b.falseAlarms
		}
		if a.correct != b.correct {
			return a.correct > b.correct
		}
		return a.dist < b.dist
	})
	fmt.Printf("%d postings, %d grid points; best first (false alarms, then accuracy, then distance to the defaults)\n\n", len(rows), len(points))
	fmt.Printf("%5s %9s %9s %12s %11s %13s %12s\n", "rank", "f.alarms", "correct", "blend_high", "blend_low", "pm_blend_low", "other/nearly")
	for i, p := range points {
		if i < 10 || p.isDefault {
			mark := ""
			if p.isDefault {
				mark = "  <- DefaultThresholds"
			}
			fmt.Printf("%5d %9d %5d/%-3d %12.2f %11.2f %13.2f %7.2f/%.1f%s\n", i+1, p.falseAlarms, p.correct, p.n,
				p.th.BlendHigh, p.th.BlendLow, p.th.PMBlendLow, p.th.OtherRatio, p.th.NearlyAbsent, mark)
		}
	}
}

// score replays the verdict over every row: false alarms on correctly titled postings and
// verdicts that match the label (or the second labeller's).
func score(rows []row, th verdict.Thresholds) (falseAlarms, correct, n int) {
	for _, r := range rows {
		got := outcome(r, th)
		n++
		if got == r.expect || got == r.alt && r.alt != "" {
			correct++
		}
		if (r.titleRole == "PO" || r.titleRole == "PM") && r.titleRole == r.bodyRole && (got == "mislabeled" || got == "blended" || got == "not-product") {
			falseAlarms++
		}
	}
	return falseAlarms, correct, n
}

// outcome is verdict's outcome for a row under th. Outcomes that do not depend on the
// thresholds (untitled, another title, unsupported language) are kept as measured.
func outcome(r row, th verdict.Thresholds) string {
	title := nlp.Role(r.foundTitle)
	if r.verdict == "untitled" || r.verdict == "unsupported" || (title != nlp.PO && title != nlp.PM && title != nlp.Both) {
		return r.verdict
	}
	d, _, _ := verdict.Detect(r.ev, title, th)
	switch {
	case d == nlp.Other:
		return "not-product"
	case title == nlp.PO && d == nlp.PM, title == nlp.PM && d == nlp.PO:
		return "mislabeled"
	case title == nlp.Both:
		return "hybrid"
	case d == nlp.Blended:
		return "blended"
	}
	return "ok"
}

func read(path string) ([]row, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	head, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[h] = i
	}
	for _, k := range []string{"set", "file", "title_role", "body_role", "expect", "verdict", "po", "pm", "shared", "other", "po_strong", "pm_strong", "found_title_role", "alt"} {
		if _, ok := col[k]; !ok {
			return nil, fmt.Errorf("%s: no %s column; write it with jdlint-eval -csv", path, k)
		}
	}
	var out []row
	for line := 2; ; line++ {
		rec, err := r.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		num := func(k string) float64 {
			v, perr := strconv.ParseFloat(rec[col[k]], 64)
			if perr != nil && err == nil {
				err = fmt.Errorf("%s:%d: %s: %w", path, line, k, perr)
			}
			return v
		}
		x := row{set: rec[col["set"]], file: rec[col["file"]], titleRole: rec[col["title_role"]], bodyRole: rec[col["body_role"]],
			expect: rec[col["expect"]], verdict: rec[col["verdict"]], foundTitle: rec[col["found_title_role"]], alt: rec[col["alt"]],
			ev: verdict.Evidence{PO: num("po"), PM: num("pm"), Shared: num("shared"), Other: num("other"), POStrong: num("po_strong"), PMStrong: num("pm_strong")}}
		if err != nil {
			return nil, err
		}
		out = append(out, x)
	}
}
