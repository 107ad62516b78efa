package nlp

import (
	"strings"
)

// sectionCues maps words found in headings to the kind of section they open. The first
// matching cue wins, so more specific cues come first.
var sectionCues = []struct {
	kind SectionKind
	cues []string
}{
	{Legal, []string{"equal opportunit", "equal employment", "eeo", "we are an equal", "diversity", "inclusion", "accommodation", "legal", "privacy", "disclaimer", "non-discrimination"}},
	{Benefits, []string{"was bieten wir", "wir bieten", "was wir bieten", "benefit", "perks", "what we offer", "we offer", "what's in it", "compensation", "salary", "pay range", "pay ", "why join", "why work", "rewards", "package", "what you get", "what you'll get", "our offer", "why us", "in return", "what's on offer", "what we give"}},
	{Requirements, []string{"was erwarten wir", "dein profil", "ihr profil", "das bringst du mit", "was du mitbringst", "anforderungen", "requirement", "qualification", "looking for", "about you", "who you are", "skills", "experience", "must have", "must-have", "nice to have", "nice-to-have", "bonus", "preferred", "profile", "what you bring", "you have", "you bring", "you'll need", "you will need", "what we need", "ideal candidate", "competenc", "you are", "you might be", "you'll bring", "you will bring", "essential", "desirable", "criteria", "what we look for", "your background", "your experience", "your skills", "who we're looking for", "ideal profile", "mandatory", "should have", "to succeed", "you'll need to"}},
	{Duties, []string{"deine aufgaben", "ihre aufgaben", "deine mission", "aufgaben", "responsibilit", "what you'll do", "what you will do", "what you’ll do", "you'll be doing", "you will be doing", "the role", "your role", "role overview", "about the role", "the job", "your mission", "day to day", "day-to-day", "duties", "your impact", "in this role", "tasks", "what you'll own", "what you will own", "key accountabilit", "accountabilit", "the position", "the opportunity", "what the job involves", "job description", "your day", "impact you'll have", "impact you will have", "day in the life", "this job", "this role", "work on", "working on", "actually do", "you'll do", "you will do", "what you'll achieve", "what you will achieve", "your work", "the work"}},
	{About, []string{"über uns", "wer wir sind", "about us", "about the company", "who we are", "our company", "company", "about ", "our story", "our mission", "the team", "our team", "where you'll work", "working here", "life at"}},
	{OtherSection, []string{"nächster schritt", "bewerbung", "how to apply", "apply", "application", "process", "location", "contact", "next steps", "interview"}},
}

// sectionKind classifies a heading; it returns "" when no cue matches.
func sectionKind(heading string) SectionKind {
	h := strings.ToLower(strings.TrimSpace(strings.TrimRight(heading, ": ")))
	h = strings.ReplaceAll(h, "’", "'")
	// "Why Acme", "Why join": what the employer offers; "Why this role exists" is the job
	if w := strings.Fields(h); len(w) >= 2 && len(w) <= 3 && w[0] == "why" && !strings.Contains(h, "role") && !strings.Contains(h, "job") && !strings.Contains(h, "position") {
		return Benefits
	}
	padded := " " + h + " "
	for _, sc := range sectionCues {
		for _, c := range sc.cues {
			if hasCue(padded, c) {
				return sc.kind
			}
		}
	}
	return ""
}

// hasCue is strings.Contains(padded, " "+cue) without building " "+cue: sectionKind runs on
// every block and tries about 200 cues.
func hasCue(padded, cue string) bool {
	for off := 0; off < len(padded); {
		i := strings.Index(padded[off:], cue)
		if i < 0 {
			return false
		}
		if i += off; i > 0 && padded[i-1] == ' ' {
			return true
		}
		off = i + 1
	}
	return false
}
