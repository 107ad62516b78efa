package verdict

import (
	"testing"

	"github.com/jdlint/jdlint/nlp"
)

// TestDetect holds the shape of the decision on evidence alone: each row is a kind of
// posting the issue names, with made-up evidence of that shape.
func TestDetect(t *testing.T) {
	th := DefaultThresholds
	tests := []struct {
		name    string
		title   nlp.Role
		ev      Evidence
		want    nlp.Role
		minConf float64 // the confidence is at least this
		maxConf float64 // and at most this (0: no bound)
	}{
		{"PO work under a PO title", nlp.PO, Evidence{PO: 10, POStrong: 8, PM: 0.5, PMStrong: 0.4, Shared: 2}, nlp.PO, 0.8, 0},
		{"PM work under a PO title, no PO work: mislabeled and sure", nlp.PO, Evidence{PO: 0, PM: 10, PMStrong: 9, Shared: 2}, nlp.PM, HighConfidence, 0},
		{"mostly PM work, one backlog duty: mislabeled, still sure", nlp.PO, Evidence{PO: 1.4, POStrong: 1, PM: 6, PMStrong: 5.5}, nlp.PM, HighConfidence, 0},
		{"PM work just past the threshold: mislabeled, not sure", nlp.PO, Evidence{PO: 0.5, PM: 4.3, PMStrong: 2.5, Shared: 2.8}, nlp.PM, 0.5, HighConfidence - 0.01},
		{"modern PM who writes stories and joins sprints", nlp.PM, Evidence{PO: 3.1, POStrong: 2.5, PM: 2.5, PMStrong: 1, Shared: 3.5}, nlp.PM, 0, 0},
		{"SAFe PM: train events are shared, the program backlog is PM", nlp.PM, Evidence{PO: 1.5, POStrong: 1, PM: 5, PMStrong: 4, Shared: 4}, nlp.PM, 0, 0},
		{"PO work under a PM title", nlp.PM, Evidence{PO: 10, POStrong: 9, PM: 0, Shared: 1}, nlp.PO, HighConfidence, 0},
		{"a PM body of shared work only fits its title", nlp.PM, Evidence{PO: 0, PM: 0.5, Shared: 5}, nlp.PM, 0, 0.5},
		{"both roles in earnest under a PO title: blended", nlp.PO, Evidence{PO: 6, POStrong: 5, PM: 5.5, PMStrong: 5, Shared: 1}, nlp.Blended, 0.5, 0},
		{"both roles in earnest under a PM title: blended", nlp.PM, Evidence{PO: 8, POStrong: 7, PM: 5, PMStrong: 4, Shared: 0.5}, nlp.Blended, 0.5, 0},
		{"backlog work under a PM title with no PM-only work is not blended", nlp.PM, Evidence{PO: 3, POStrong: 2.5, PM: 1, PMStrong: 0, Shared: 3}, nlp.PM, 0, 0},
		{"project work outweighs the product work", nlp.PO, Evidence{PO: 1, PM: 0.5, Shared: 1, Other: 9}, nlp.Other, 0, 0},
		{"some other work beside more shared product work is not other", nlp.PM, Evidence{PO: 0, PM: 0.9, Shared: 5, Other: 3.1}, nlp.PM, 0, 0},
		{"too little evidence", nlp.PO, Evidence{PO: 0.5, Shared: 0.5}, nlp.Unknown, 0, 0},
		{"a title naming another role", nlp.Other, Evidence{PM: 8, PMStrong: 7}, nlp.Other, 0, 0},
		{"no title: the body alone, PO", nlp.None, Evidence{PO: 9, POStrong: 8}, nlp.PO, 0, 0},
		{"no title: the body alone, mixed", nlp.None, Evidence{PO: 5, PM: 5}, nlp.Blended, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, conf, _ := detect(tt.ev, tt.title, th)
			if got != tt.want {
				t.Fatalf("detect = %s (confidence %.2f), want %s", got, conf, tt.want)
			}
			if conf < tt.minConf || tt.maxConf > 0 && conf > tt.maxConf || conf < 0 || conf > 1 {
				t.Errorf("confidence %.2f, want within [%.2f, %.2f]", conf, tt.minConf, tt.maxConf)
			}
		})
	}
}

func TestThresholdsValidate(t *testing.T) {
	if err := DefaultThresholds.Validate(); err != nil {
		t.Errorf("defaults: %v", err)
	}
	for _, th := range []Thresholds{
		{BlendLow: 0.8, BlendHigh: 0.5, PMBlendLow: 0.4},
		{BlendLow: 0.2, BlendHigh: 0.5, PMBlendLow: 0.6},
	} {
		if th.Validate() == nil {
			t.Errorf("%+v accepted", th)
		}
	}
}

// TestDecideOutcome runs the step on parsed postings: the outcome follows the title and
// the body, and a sentence turned off for "evidence" does not count.
func TestDecideOutcome(t *testing.T) {
	opts, err := nlp.DefaultOptions()
	if err != nil {
		t.Fatal(err)
	}
	pm := "## What you'll do\n\n- Own the pricing model and packaging\n- Run market research and competitive analysis\n- Write the business case for each new market\n- Plan the go-to-market and launch with sales\n"
	tests := []struct {
		name, path, src string
		want            Kind
	}{
		{"PO title over PM work", "a.md", "# Product Owner\n\n" + pm, Mislabeled},
		{"PM title over PM work", "a.md", "# Product Manager\n\n" + pm, OK},
		{"hybrid title", "a.md", "# Product Owner / Product Manager\n\n" + pm, Hybrid},
		{"other title", "a.md", "# Product Marketing Manager\n\n" + pm, OtherTitle},
		{"no title", "a.md", "- Own the pricing model and packaging, and run market research.\n", Untitled},
		{"evidence turned off", "a.md", "# Product Owner\n\n<!-- jdlint-disable-file evidence -->\n" + pm, OK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := nlp.Parse(tt.path, []byte(tt.src), opts)
			if err != nil {
				t.Fatal(err)
			}
			v := Decide(p, DefaultThresholds)
			if v.Kind != tt.want {
				t.Errorf("kind %s (detected %s, confidence %.2f, reasons %v), want %s", v.Kind, v.Detected, v.Confidence, v.Reasons, tt.want)
			}
		})
	}
}
