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

// Thresholds decide the verdict drawn from the evidence; config can change them. Shares
// are taken of all product evidence (PO + PM + shared): shared product work (vision,
// roadmap, customers, stakeholders, metrics) fits either title, so it dilutes the other
// role's share and protects the title.
type Thresholds struct {
	// BlendLow is the Product Manager share of a PO-titled body from which it counts as
	// blended (with strong PM-only evidence).
	BlendLow float64
	// PMBlendLow is the Product Owner share of a PM-titled body from which it counts as
	// blended (with strong PO-only evidence): backlog work is normal in PM postings, so it
	// is higher than BlendLow.
	PMBlendLow float64
	// BlendHigh is the other role's share from which the body counts as the other role
	// (mislabeled), when the title's own strong evidence is nearly absent.
	BlendHigh float64
	// MinEvidence is the product or other evidence below which the body is unknown, and the
	// strong evidence a role needs before it can contradict a title.
	MinEvidence float64
	// NearlyAbsent is the title role's evidence (strong and weak) at or below which the body
	// may be called the other role.
	NearlyAbsent float64
	// OtherRatio is how many times the product evidence (PO + PM + shared) the project,
	// account and delivery evidence must reach before the body counts as other work.
	OtherRatio float64
}

// DefaultThresholds are calibrated on the calibration sets (testdata/job_posts,
// testdata/written and the shared jobsites corpus; see docs/accuracy.md), never on the
// held-out ones.
var DefaultThresholds = Thresholds{BlendLow: 0.3, PMBlendLow: 0.4, BlendHigh: 0.55, MinEvidence: 2, NearlyAbsent: 2, OtherRatio: 1}

// coreMin is the PO+PM evidence below which a body that is all shared product work is read
// as consistent with its title rather than as either role.
const coreMin = 1.0

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

// PerSentenceCap bounds the evidence one sentence gives a family, so that a long list of
// keywords in one line cannot outvote the rest of the posting.
const PerSentenceCap = 1.5

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
	v.Detected, v.Confidence, v.Reasons = detect(ev, v.Title, th)
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
		ev.PO += min(po, PerSentenceCap)
		ev.PM += min(pm, PerSentenceCap)
		ev.Shared += min(shared, PerSentenceCap)
		ev.Other += min(other, PerSentenceCap)
		ev.POStrong += min(poS, PerSentenceCap)
		ev.PMStrong += min(pmS, PerSentenceCap)
		if po > 0 || pm > 0 {
			ev.Sentences++
		}
	}
	return ev
}

// Detect is the decision of Decide on evidence alone: the role the body describes, the
// confidence and the reasons, for a title that names title. internal/calibrate replays it
// over the evidence of labeled postings to choose the thresholds.
func Detect(ev Evidence, title nlp.Role, th Thresholds) (nlp.Role, float64, []string) {
	return detect(ev, title, th)
}

// detect names the role the body describes, with a confidence and the reasons,
// asymmetrically as real postings demand (docs/roles.md):
//   - other work wins only when it outweighs all product work, shared work included;
//   - a body of shared product work only (vision, roadmap, stakeholders) fits its title;
//   - a body is the other role only when that role's share of all product evidence reaches
//     BlendHigh, it has strong evidence of its own, and the title's role has nearly none
//     (NearlyAbsent);
//   - a body is blended only when the other role's share reaches BlendLow (PO titles) or
//     PMBlendLow (PM titles: backlog work is normal there), with strong evidence.
func detect(ev Evidence, title nlp.Role, th Thresholds) (nlp.Role, float64, []string) {
	if title == nlp.Other {
		// a title that names another role (Product Marketing Manager, Project Manager):
		// commercial or delivery work fits it as shared work fits a product title
		return nlp.Other, 0.5, []string{"the title names a role that is neither Product Owner nor Product Manager"}
	}
	product := ev.PO + ev.PM + ev.Shared
	if ev.Other >= th.MinEvidence && ev.Other >= th.OtherRatio*product {
		return nlp.Other, ev.Other / (ev.Other + product), []string{"project, account or delivery work outweighs the product work"}
	}
	if product < th.MinEvidence {
		return nlp.Unknown, 0, []string{"too little role evidence"}
	}
	if ev.PO+ev.PM < coreMin {
		if title == nlp.PO || title == nlp.PM {
			return title, 0.4, []string{"only product work both roles share (vision, roadmap, stakeholders); nothing contradicts the title"}
		}
		return nlp.Unknown, 0, []string{"only product work both roles share"}
	}
	if title != nlp.PO && title != nlp.PM {
		share := ev.PO / (ev.PO + ev.PM)
		switch {
		case share > 0.7:
			return nlp.PO, share, nil
		case share < 0.3:
			return nlp.PM, 1 - share, nil
		}
		return nlp.Blended, 0.5, nil
	}
	// own is all of the title role's evidence, weak signals included: a PM posting that runs
	// experiments and owns metrics (weak PM evidence) is not "really a PO" for its stories
	own, against, ownStrong, againstStrong := ev.PO, ev.PM, ev.POStrong, ev.PMStrong
	blend := th.BlendLow
	if title == nlp.PM {
		own, against, ownStrong, againstStrong = ev.PM, ev.PO, ev.PMStrong, ev.POStrong
		blend = th.PMBlendLow
	}
	share := against / product // the other role's share of all product evidence
	otherRole := other(title)
	switch {
	case share >= th.BlendHigh && own <= th.NearlyAbsent && againstStrong >= th.MinEvidence:
		// sure as the weakest of: how far the share is past the threshold (fully at 30
		// points past it), how much strong evidence there is (fully at about four duty
		// sentences' worth) and how little of the title's own
		past := clamp((share - th.BlendHigh) / 0.3)
		volume := clamp(againstStrong / 4)
		absent := clamp(1 - own/(2*th.NearlyAbsent))
		conf := 0.5 + 0.5*min(past, volume, absent)
		return otherRole, conf, []string{fmt.Sprintf("%s work is %.0f%% of the product evidence and %s work is nearly absent", name(otherRole), 100*share, name(title))}
	case share >= blend && againstStrong >= th.MinEvidence && (title == nlp.PO || ownStrong > 0):
		// a PM posting with no PM-only evidence at all is not blended by some backlog work
		return nlp.Blended, 0.5 + 0.5*min(1, (share-blend)/(th.BlendHigh-blend)), []string{fmt.Sprintf("%s work is %.0f%% of the product evidence, beside %s work", name(otherRole), 100*share, name(title))}
	}
	return title, 1 - share, nil
}

func clamp(x float64) float64 { return max(0, min(1, x)) }

func name(r nlp.Role) string { return r.Name() }

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
