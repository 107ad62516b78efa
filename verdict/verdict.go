// Package verdict decides, once per posting, which role its body describes and what that
// means for its title: the detected role, the Product Owner share of the evidence, a
// confidence, the reasons, and the outcome (ok, mislabeled, blended, not a product role...).
// It runs after nlp has tagged the posting and before the rules, which read the Verdict as
// an analyzer reads another analyzer's result in golang.org/x/tools/go/analysis; reports and
// the evaluation read the same value and never re-derive it. It knows nothing of rules.
package verdict

import (
	"fmt"

	"github.com/jdlint/jdlint/nlp"
)

// Kind is the outcome for a posting's title, in the vocabulary of labels.csv.
type Kind string

// Outcomes, in the order they take precedence.
const (
	Untitled    Kind = "untitled"    // no title was found: no role check was possible
	OtherTitle  Kind = "other"       // the title names neither Product Owner nor Product Manager
	NotProduct  Kind = "not-product" // a product title over project, account or delivery work
	Mislabeled  Kind = "mislabeled"  // the title names one role and the body the other
	Unsupported Kind = "unsupported" // not English: only clear verdicts above were drawn
	Hybrid      Kind = "hybrid"      // the title names both roles, which is honest
	Blended     Kind = "blended"     // a single-role title over a body that mixes both
	OK          Kind = "ok"          // the body fits the title (or gives too little evidence)
)

// Kinds lists every outcome in precedence order.
var Kinds = []Kind{Untitled, OtherTitle, NotProduct, Mislabeled, Unsupported, Hybrid, Blended, OK}

// Verdict is what the body of one posting describes, and what follows for its title.
type Verdict struct {
	Title    nlp.Role // the role the title names: PO, PM, both, other or none
	Detected nlp.Role // the body: PO, PM, blended, other or unknown
	// POShare is the Product Owner share of the PO and PM evidence, nil without any.
	POShare *float64
	// Confidence (0 to 1) is how sure the verdict is that the body is Detected. Errors and
	// safe fixes need it high (HighConfidence).
	Confidence float64
	Evidence   Evidence
	Kind       Kind
	Reasons    []string // short phrases that say why, for messages and `jdlint tag`
}

// HighConfidence is the confidence at and above which a role-mislabeled verdict is an error
// with a safe retitle fix; below it the finding is a warning and its fix unsafe.
const HighConfidence = 0.8

// Evidence is the weighted evidence a posting's body gives for each family of work.
type Evidence struct {
	PO, PM, Shared, Other float64
	POStrong              float64 // PO-only strong evidence (backlog, stories, Scrum events)
	PMStrong              float64 // PM-only strong evidence (market, pricing, strategy...)
	Sentences             int     // sentences that carried PO or PM evidence
}

// Thresholds decide the verdict drawn from the evidence; config can change them.
type Thresholds struct {
	// BlendLow and BlendHigh bound the PO share called blended.
	BlendLow, BlendHigh float64
	// MinEvidence is the PO+PM+other evidence below which the body is unknown.
	MinEvidence float64
	// NearlyAbsent is the PM-only strong evidence at or below which a PM-titled posting full
	// of PO work may be called PO (the asymmetry of real postings).
	NearlyAbsent float64
	// PMBlendLow replaces BlendLow for PM-titled postings: backlog work is normal there, so
	// more of it is needed before the body counts as blended.
	PMBlendLow float64
	// OtherRatio is how many times the product evidence the project, account and delivery
	// evidence must reach before the body counts as other work.
	OtherRatio float64
}

// DefaultThresholds are calibrated on the calibration sets (see docs/accuracy.md).
var DefaultThresholds = Thresholds{BlendLow: 0.3, BlendHigh: 0.7, MinEvidence: 2, NearlyAbsent: 1.5, PMBlendLow: 0.45, OtherRatio: 1.5}

// Validate reports thresholds that cannot work together.
func (th Thresholds) Validate() error {
	switch {
	case th.BlendLow > th.BlendHigh:
		return fmt.Errorf("blend_low (%g) is above blend_high (%g)", th.BlendLow, th.BlendHigh)
	case th.PMBlendLow > th.BlendHigh:
		return fmt.Errorf("pm_blend_low (%g) is above blend_high (%g)", th.PMBlendLow, th.BlendHigh)
	}
	return nil
}

// perSentenceCap bounds the evidence one sentence gives a family, so that a long list of
// keywords in one line cannot outvote the rest of the posting.
const perSentenceCap = 1.5

// Decide draws the verdict for a tagged posting. Sentences turned off for the "evidence"
// pseudo-rule by an inline directive do not count.
func Decide(p *nlp.Posting, th Thresholds) Verdict {
	v := Verdict{Title: p.Title.Role}
	if p.Title.Source == "" {
		v.Title = nlp.None
	}
	v.Evidence = collect(p)
	ev := v.Evidence
	if ev.PO+ev.PM > 0 {
		share := ev.PO / (ev.PO + ev.PM)
		v.POShare = &share
	}
	v.Detected, v.Confidence, v.Reasons = detect(ev, v.POShare, v.Title, th)
	v.Kind = outcome(p, v)
	return v
}

// collect sums the tags of every sentence that counts, capped per sentence.
func collect(p *nlp.Posting) Evidence {
	var ev Evidence
	for i := range p.Sentences {
		s := &p.Sentences[i]
		if p.Disabled(nlp.EvidenceRule, s.Span.Line) {
			continue
		}
		var po, pm, shared, other, poS, pmS float64
		for _, t := range s.Tags {
			switch t.Role {
			case nlp.PO:
				po += t.Weight
				if t.Strong {
					poS += t.Weight
				}
			case nlp.PM:
				pm += t.Weight
				if t.Strong {
					pmS += t.Weight
				}
			case nlp.Shared:
				shared += t.Weight
			case nlp.Other:
				other += t.Weight
			}
		}
		ev.PO += min(po, perSentenceCap)
		ev.PM += min(pm, perSentenceCap)
		ev.Shared += min(shared, perSentenceCap)
		ev.Other += min(other, perSentenceCap)
		ev.POStrong += min(poS, perSentenceCap)
		ev.PMStrong += min(pmS, perSentenceCap)
		if po > 0 || pm > 0 {
			ev.Sentences++
		}
	}
	return ev
}

// detect names the role the body describes, asymmetrically as real postings demand
// (ROLES-RESEARCH §5, docs/roles.md):
//   - PM postings legitimately own backlogs, so a PM-titled posting is called PO only when
//     PM-only evidence is nearly absent and PO-only evidence is strong, and called blended
//     only from a higher PO share (PMBlendLow) and with strong PO-only evidence;
//   - a PO-titled posting is called PM or blended only on strong PM-only (commercial)
//     evidence, never on shared vocabulary.
func detect(ev Evidence, share *float64, title nlp.Role, th Thresholds) (nlp.Role, float64, []string) {
	total := ev.PO + ev.PM
	if ev.Other >= th.MinEvidence && ev.Other >= th.OtherRatio*total {
		return nlp.Other, 0.5, []string{"project, account or delivery work outweighs the product work"}
	}
	if total < th.MinEvidence || share == nil {
		return nlp.Unknown, 0, []string{"too little role evidence"}
	}
	sh := *share
	low := th.BlendLow
	if title == nlp.PM && th.PMBlendLow > 0 {
		low = th.PMBlendLow
	}
	switch {
	case sh > th.BlendHigh:
		if title == nlp.PM && (ev.PMStrong > th.NearlyAbsent || ev.POStrong < th.MinEvidence) {
			return nlp.Blended, 0.5, nil
		}
		return nlp.PO, 0.9, nil
	case sh < low:
		if title == nlp.PO && ev.PMStrong < th.MinEvidence {
			return nlp.Blended, 0.5, nil
		}
		return nlp.PM, 0.9, nil
	}
	if title == nlp.PO && ev.PMStrong < th.MinEvidence {
		return nlp.PO, 0.5, nil
	}
	if title == nlp.PM && ev.POStrong < th.MinEvidence {
		return nlp.PM, 0.5, nil
	}
	return nlp.Blended, 0.5, nil
}

// other returns the other product role.
func other(r nlp.Role) nlp.Role {
	if r == nlp.PO {
		return nlp.PM
	}
	return nlp.PO
}

// outcome turns the title and the detected body into the posting's outcome.
func outcome(p *nlp.Posting, v Verdict) Kind {
	switch {
	case p.Title.Source == "":
		return Untitled
	case v.Title == nlp.Other || v.Title == nlp.None:
		return OtherTitle
	case v.Detected == nlp.Other:
		return NotProduct
	case (v.Title == nlp.PO || v.Title == nlp.PM) && v.Detected == other(v.Title):
		return Mislabeled
	case p.Language != "en":
		return Unsupported
	case v.Title == nlp.Both:
		return Hybrid
	case v.Detected == nlp.Blended:
		return Blended
	}
	return OK
}
