package engine

import (
	"fmt"

	"github.com/jdlint/jdlint/lint"
	"github.com/jdlint/jdlint/nlp"
	"github.com/jdlint/jdlint/verdict"
)

// Card is the verdict card: the title and its role, the role the body describes, the
// Product Owner share, the confidence, and the outcome in plain words.
type Card struct {
	Title         string   `json:"title"` // "" when none was found
	TitleRole     string   `json:"title_role"`
	TitleRoleName string   `json:"title_role_name"`
	Detected      string   `json:"detected"`
	DetectedName  string   `json:"detected_name"`
	Body          string   `json:"body"`     // what the body describes, in a few words
	POShare       *float64 `json:"po_share"` // 0..1, nil without PO or PM evidence
	Confidence    float64  `json:"confidence"`
	Outcome       string   `json:"outcome"`  // the JSON report's "verdict": ok, mislabeled, blended...
	Headline      string   `json:"headline"` // the outcome in a few words
	Summary       string   `json:"summary"`  // one sentence that says what it means
	Tone          string   `json:"tone"`     // ok, info, warning or error: how it is drawn
	Reasons       []string `json:"reasons"`
	Evidence      Weights  `json:"evidence"`
}

// Weights is the weighted evidence for each family of work.
type Weights struct {
	PO     float64 `json:"po"`
	PM     float64 `json:"pm"`
	Shared float64 `json:"shared"`
	Other  float64 `json:"other"`
}

// roleName names a role in plain words (nlp.Role.Name), with the page's wording for
// other work.
func roleName(r nlp.Role) string {
	if r == nlp.Other {
		return "other work (project, account or delivery)"
	}
	return r.Name()
}

func round2(f float64) float64 { return float64(int64(f*100+0.5)) / 100 }

// card describes the verdict of a linted posting.
func card(r *lint.Result) *Card {
	p, v := r.Posting, r.Verdict
	c := &Card{
		Title:         p.Title.Text,
		TitleRole:     string(v.Title),
		TitleRoleName: roleName(v.Title),
		Detected:      string(v.Detected),
		DetectedName:  roleName(v.Detected),
		Body:          bodyNoun(v.Detected),
		Confidence:    round2(v.Confidence),
		Outcome:       string(r.Outcome()),
		Reasons:       append([]string{}, v.Reasons...),
		Evidence:      Weights{PO: round2(v.Evidence.PO), PM: round2(v.Evidence.PM), Shared: round2(v.Evidence.Shared), Other: round2(v.Evidence.Other)},
	}
	if s := v.POShare; s != nil {
		x := round2(*s)
		c.POShare = &x
	}
	title, body := roleName(v.Title), bodyWords(v.Detected)
	switch verdict.Kind(c.Outcome) {
	case verdict.Untitled:
		c.Headline, c.Tone = "No title found", "warning"
		c.Summary = "jdlint found no job title, so it could not check one. The body " + body + "."
	case verdict.OtherTitle:
		c.Headline, c.Tone = "Not a Product Owner or Product Manager title", "info"
		c.Summary = fmt.Sprintf("The title %q names neither Product Owner nor Product Manager, so there is no role to check. The body %s.", p.Title.Text, body)
	case verdict.NotProduct:
		c.Headline, c.Tone = "Not a product role", "warning"
		c.Summary = fmt.Sprintf("The title says %s, but the body describes project, account or delivery work more than product work.", title)
	case verdict.Mislabeled:
		c.Headline, c.Tone = "Mislabeled", "error"
		c.Summary = fmt.Sprintf("The title says %s, but the body describes %s work: people looking for a %s job will pass it by, and the wrong people will apply.", title, roleName(v.Detected), roleName(v.Detected))
	case verdict.Unsupported:
		c.Headline, c.Tone = "Not in English", "warning"
		c.Summary = fmt.Sprintf("The posting does not look English (%s), and jdlint's vocabulary is English: only a clear mislabel or a non-product body would be reported.", p.Language)
	case verdict.Hybrid:
		c.Headline, c.Tone = "A hybrid title", "info"
		c.Summary = "The title names both Product Owner and Product Manager, which is honest about a hybrid job. The body " + body + "."
	case verdict.Blended:
		c.Headline, c.Tone = "Blended", "warning"
		c.Summary = fmt.Sprintf("The title says %s, but the body mixes Product Owner and Product Manager work: one person is asked to do two jobs, or the title hides half of it.", title)
	default:
		c.Headline, c.Tone = "The body fits the title", "ok"
		switch {
		case v.Detected == v.Title:
			c.Summary = fmt.Sprintf("The title says %s and the body describes %s work.", title, title)
		case v.Detected == nlp.Unknown:
			c.Summary = fmt.Sprintf("The title says %s; the body gives too little role evidence to contradict it.", title)
		default:
			c.Summary = fmt.Sprintf("The title says %s; nothing in the body contradicts it.", title)
		}
	}
	return c
}

// bodyWords finishes "The body ..." for a detected role.
func bodyWords(r nlp.Role) string {
	switch r {
	case nlp.PO, nlp.PM:
		return "describes " + roleName(r) + " work"
	case nlp.Blended:
		return "mixes Product Owner and Product Manager work"
	case nlp.Other:
		return "describes project, account or delivery work"
	}
	return "gives too little role evidence to say which role it describes"
}

// bodyNoun names what the body describes, for the card.
func bodyNoun(r nlp.Role) string {
	switch r {
	case nlp.PO, nlp.PM:
		return roleName(r) + " work"
	case nlp.Blended:
		return "Product Owner and Product Manager work, mixed"
	case nlp.Other:
		return "project, account or delivery work"
	}
	return "too little role evidence to tell"
}
