package eval

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The targets of the corpus and verdict-accuracy issues. They are the targets themselves,
// not today's score.
const (
	minVerdictAccuracy = 0.97 // testdata/job_posts
	minBodyMacroF1     = 0.95
	minSentenceF1      = 0.90

	minWrittenAccuracy  = 0.92 // postings written blind by hiring leads
	minMislabeledRecall = 0.85
	maxFalseAlarmRate   = 0.03
	minTitleRate        = 0.98
)

func folder(t *testing.T, dir string) Result {
	t.Helper()
	res, err := Folder(dir)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	res.Print(&b)
	t.Log("\n" + b.String())
	return res
}

// noFalseErrors fails on every correctly titled posting that got an error finding or a
// role-mislabeled finding of any severity.
func noFalseErrors(t *testing.T, res Result) {
	t.Helper()
	for _, c := range res.FalseErrors {
		t.Errorf("false error on correctly titled %s: %v", c.Label.File, c.Errors)
	}
	for _, c := range res.FalseMislabel {
		t.Errorf("false role-mislabeled on correctly titled %s", c.Label.File)
	}
}

func TestAccuracyOnTestdata(t *testing.T) {
	res := folder(t, filepath.Join("..", "..", "testdata", "job_posts"))
	if len(res.Cases) < 90 {
		t.Errorf("only %d labeled postings; the corpus needs at least 90", len(res.Cases))
	}
	if acc := res.VerdictAccuracy(); acc < minVerdictAccuracy {
		t.Errorf("verdict accuracy %.3f < %.2f", acc, minVerdictAccuracy)
	}
	if res.BodyMacroF1 < minBodyMacroF1 {
		t.Errorf("body_role macro-F1 %.3f < %.2f", res.BodyMacroF1, minBodyMacroF1)
	}
	noFalseErrors(t, res)
}

// TestAccuracyOnWritten holds the targets on the calibration part of the postings written
// blind (testdata/written); the held-out part only has a floor (TestHoldout).
func TestAccuracyOnWritten(t *testing.T) {
	res := folder(t, filepath.Join("..", "..", "testdata", "written"))
	if len(res.Cases) < 80 {
		t.Errorf("only %d labeled postings in the written calibration set", len(res.Cases))
	}
	if acc := res.VerdictAccuracy(); acc < minWrittenAccuracy {
		t.Errorf("verdict accuracy %.3f < %.2f", acc, minWrittenAccuracy)
	}
	if r := res.RulePR("role-mislabeled", "mislabeled").Recall(); r < minMislabeledRecall {
		t.Errorf("role-mislabeled recall %.2f < %.2f", r, minMislabeledRecall)
	}
	if fa := res.FalseAlarmRate(); fa > maxFalseAlarmRate {
		t.Errorf("false alarms on correctly titled postings %.3f > %.2f", fa, maxFalseAlarmRate)
	}
	if tr := res.TitleRate(); tr < minTitleRate {
		t.Errorf("titles found %.3f < %.2f", tr, minTitleRate)
	}
	noFalseErrors(t, res)
}

func TestSentenceTagsOnTestdata(t *testing.T) {
	labels, err := ReadSentences(filepath.Join("..", "..", "testdata", "sentences.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	if len(labels) < 500 {
		t.Errorf("only %d labeled sentences; need at least 500", len(labels))
	}
	res, err := Sentences(labels)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	res.Print(&b, false)
	t.Log("\n" + b.String())
	if res.MacroF1 < minSentenceF1 {
		t.Errorf("sentence role macro-F1 %.3f < %.2f", res.MacroF1, minSentenceF1)
	}
}

// The held-out sets were never used to tune anything. Tuning to make them pass would end
// their use, so they hold only a floor well below today's figures (see docs/accuracy.md),
// which a regression breaks: no false role-mislabeled, no false error, and a verdict
// accuracy floor.
const holdoutFloor = 0.80

func TestHoldout(t *testing.T) {
	for _, dir := range []string{"holdout", "written-holdout"} {
		t.Run(dir, func(t *testing.T) {
			res := folder(t, filepath.Join("..", "..", "testdata", dir))
			if acc := res.VerdictAccuracy(); acc < holdoutFloor {
				t.Errorf("held-out verdict accuracy %.3f fell below the floor %.2f", acc, holdoutFloor)
			}
			noFalseErrors(t, res)
		})
	}
	if sl, err := ReadSentences(filepath.Join("..", "..", "testdata", "sentences-holdout.tsv")); err == nil {
		sr, err := Sentences(sl)
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		sr.Print(&b, false)
		t.Log("\n" + b.String())
	}
}

// TestSharedCorpora holds the real-posting targets on the shared corpora when they sit
// beside the repository (they are not part of it: the texts belong to their employers).
// A posting labeled blended may pass clean, and where two blind labellers disagree either
// answer counts (LenientAccuracy).
func TestSharedCorpora(t *testing.T) {
	for _, dir := range []string{"jobsites", "realworld"} {
		path := filepath.Join("..", "..", "..", "shared", "corpus", dir)
		if _, err := os.Stat(filepath.Join(path, "labels.csv")); err != nil {
			t.Logf("%s: not here; skipped", path)
			continue
		}
		t.Run(dir, func(t *testing.T) {
			res := folder(t, path)
			if acc := res.LenientAccuracy(); acc < 0.90 {
				t.Errorf("lenient verdict accuracy %.3f < 0.90", acc)
			}
			if fa := res.FalseAlarmRate(); fa > maxFalseAlarmRate {
				t.Errorf("false alarms on correctly titled postings %.3f > %.2f", fa, maxFalseAlarmRate)
			}
			if tr := res.TitleRate(); tr < minTitleRate {
				t.Errorf("titles found %.3f < %.2f", tr, minTitleRate)
			}
			noFalseErrors(t, res)
		})
	}
}

func TestReadLabelsRejectsBadRows(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{
		"header":  "file,role\nx.md,PO\n",
		"missing": "file,title_role,expect\nx.md,PO,ok\n",
		"value":   "file,title_role,body_role,expect\nx.md,PO,PO,fine\n",
		"cols":    "file,title_role,body_role,expect\nx.md,PO,PO\n",
	} {
		p := filepath.Join(dir, name+".csv")
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := ReadLabels(p); err == nil {
			t.Errorf("%s: bad labels accepted", name)
		}
	}
}

func TestMacroF1(t *testing.T) {
	pairs := [][2]string{{"a", "a"}, {"a", "b"}, {"b", "b"}, {"b", "b"}}
	// a: tp1 fp0 fn1 -> 2/3; b: tp2 fp1 fn0 -> 4/5
	want := (2.0/3 + 4.0/5) / 2
	if got := MacroF1(pairs); got < want-1e-9 || got > want+1e-9 {
		t.Errorf("MacroF1 = %f, want %f", got, want)
	}
	// a class that appears nowhere is not a free 1.0; one that is only predicted scores 0
	if got := MacroF1([][2]string{{"a", "a"}, {"a", "c"}}); got > 0.34 {
		t.Errorf("MacroF1 with a class only predicted = %f, want (2/3+0)/2", got)
	}
}
