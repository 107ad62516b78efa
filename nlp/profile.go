package nlp

// perSentenceCap bounds the evidence one sentence gives a role, so that a long list of
// keywords in one line cannot outvote the rest of the posting.
const perSentenceCap = 1.5

func computeProfile(p *Posting, th Thresholds) Profile {
	var pr Profile
	for i := range p.Sentences {
		s := &p.Sentences[i]
		if p.Disabled(EvidenceRule, s.Span.Line) {
			continue
		}
		var po, pm, other, poS, pmS float64
		for _, t := range s.Tags {
			switch t.Role {
			case PO:
				po += t.Weight
				if t.Strong {
					poS += t.Weight
				}
			case PM:
				pm += t.Weight
				if t.Strong {
					pmS += t.Weight
				}
			case Other:
				other += t.Weight
			}
		}
		pr.PO += min(po, perSentenceCap)
		pr.PM += min(pm, perSentenceCap)
		pr.Other += min(other, perSentenceCap)
		pr.POStrong += min(poS, perSentenceCap)
		pr.PMStrong += min(pmS, perSentenceCap)
		if po > 0 || pm > 0 {
			pr.Sentences++
		}
	}
	if pr.PO+pr.PM > 0 {
		share := pr.PO / (pr.PO + pr.PM)
		pr.POShare = &share
	}
	pr.Detected = detect(pr, p.Title.Role, th)
	return pr
}

// detect draws the verdict, asymmetrically as real postings demand (ROLES-RESEARCH §5):
//   - PM postings legitimately own backlogs, so a PM-titled posting is called PO only when
//     PM-only evidence is nearly absent and PO-only evidence is strong, and called blended
//     only from a higher PO share (PMBlendLow) and with strong PO-only evidence;
//   - a PO-titled posting is called PM or blended only on strong PM-only (commercial)
//     evidence, never on shared vocabulary.
func detect(pr Profile, title Role, th Thresholds) Role {
	total := pr.PO + pr.PM
	if pr.Other >= th.MinEvidence && pr.Other >= th.OtherRatio*total {
		return Other
	}
	if total < th.MinEvidence || pr.POShare == nil {
		return Unknown
	}
	share := *pr.POShare
	low := th.BlendLow
	if title == PM && th.PMBlendLow > 0 {
		low = th.PMBlendLow
	}
	switch {
	case share > th.BlendHigh:
		if title == PM && (pr.PMStrong > th.NearlyAbsent || pr.POStrong < th.MinEvidence) {
			return Blended
		}
		return PO
	case share < low:
		if title == PO && pr.PMStrong < th.MinEvidence {
			return Blended
		}
		return PM
	}
	// inside the band
	if title == PO && pr.PMStrong < th.MinEvidence {
		return PO
	}
	if title == PM && pr.POStrong < th.MinEvidence {
		return PM
	}
	return Blended
}
