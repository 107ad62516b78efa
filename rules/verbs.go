package rules

import "strings"

// The collaboration rewrite turns "Own the pricing model" into "Partner with the Product
// Manager, who owns the pricing model", so it has to recognise the verbs that duties start
// with and conjugate them. A closed list is safer than a guess: a sentence whose verb is not
// here gets no fix rather than a wrong one.

// dutyVerbs are the base forms (American spelling) of verbs that duty sentences start with.
var dutyVerbs = wordSet(`accept achieve act adapt address adjust administer advise advocate agree align
allocate analyze answer anticipate apply appraise approve arrange articulate assess assign assist attend
audit balance benchmark brief bring broker build calculate capture carry challenge champion change check
clarify close coach co-create collaborate collect commission communicate compare compile complete conceive
conduct configure confirm connect consolidate consult contribute control coordinate craft create cultivate
curate decide decompose deepen define delegate deliver demo demonstrate deploy derive describe design
detail determine develop devise diagnose direct discover discuss distil distill do document draft drive
earn educate elicit embed empower enable encourage engage enhance ensure equip establish estimate evaluate
evangelize evolve examine execute expand experiment explain explore facilitate feed find finalize fix focus
follow forecast formulate foster frame gather gauge generate get give go govern grow guide handle harvest
have help hold host hypothesize identify implement improve incorporate increase influence inform initiate
inspect instrument integrate interpret interview introduce investigate iterate judge keep kick launch lead
learn leverage liaise listen localize maintain make manage map market maximize measure mentor merchandise
minimize model moderate monetize monitor motivate negotiate nurture observe obtain onboard operate optimize
orchestrate order organize outline own oversee package partner perform pilot pitch plan position predict
prepare present price prioritize probe produce productize profile promote propose protect prototype
provide publish pursue push put quantify question raise rank rationalize reach recommend reconcile record
recruit redesign reduce refine reflect reprioritize report represent research resolve respond retire
review revise run safeguard scale schedule scope score scout screen secure seek segment sell send sequence
serve set shape share ship show simplify size sketch slice solve source specify spearhead speak split
sponsor spot standardize start steer stop strategize streamline strengthen structure study submit
summarize supervise support survey sustain synthesize tailor take talk target teach test think track
trade train transform translate triage trial turn uncover understand unify unlock update uphold use
validate verify vet visualize watch weigh win work write ask tell call read add remove reject release
escalate groom showcase hire join meet visit travel break choose pick spend sit invite sign celebrate
return draw pass walk stay refresh`)

// nounish are duty verbs that also head noun phrases ("Market research and analysis",
// "Price changes for..."): at the start of a bullet they count as verbs only when the tagger
// or the next word says so.
var nounish = wordSet(`act answer audit balance benchmark brief change check close coach control demo
design detail document draft experiment feed fix focus forecast frame judge launch lead map market model
order outline package partner pilot pitch plan position present price probe profile question rank record
report research review run scale schedule scope score screen segment sequence set ship size sketch slice
source split sponsor spot structure study support survey target test track trade trial turn update use
watch work`)

// alsoNoun are duty verbs that are nouns often enough inside a sentence ("instrument
// interfaces", "support staff") that after a comma or "and" they need the same evidence as
// nounish ones, though a bullet that starts with them is a duty.
var alsoNoun = wordSet(`return call release break visit sign draw pick showcase travel address advocate
craft instrument monitor prototype shape share challenge cut handle hire reach safeguard scout start stop
tailor triage win groom mentor guide host commission estimate contact`)

// compoundish duty verbs often modify a noun ("release announcements", "craft e-commerce",
// "trial lengths"): after "and" they count as verbs only with a clear object.
var compoundish = wordSet(`release craft instrument trial launch market price sign travel pilot sample
budget schedule trade demo experiment order ship score profile record sequence segment source showcase
sketch slice target pricing access support research work partner`)

// blendVerbs describe the mix of two jobs itself ("combine day-to-day work with the
// business planning"): handing them to the other role would misstate the duty.
var blendVerbs = wordSet(`balance bridge combine connect divide juggle mix split`)

// modalAdverbs may stand between "you will" and the verb, and between "who" and the verb
// after the rewrite ("You will also own" -> "You will also partner with ..., who owns").
var modalAdverbs = wordSet(`also additionally actively closely continuously directly ultimately fully
jointly often personally primarily proactively regularly then typically usually largely mainly mostly`)

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// americanBase maps a British spelling of a base form to the American one the lists use:
// prioritise -> prioritize, analyse -> analyze, distil stays.
func americanBase(w string) string {
	switch {
	case strings.HasSuffix(w, "yse"):
		return w[:len(w)-3] + "yze"
	case strings.HasSuffix(w, "ise") && len(w) > 5:
		if c := americanIze(w); dutyVerbs[c] {
			return c
		}
	}
	return w
}

func americanIze(w string) string { return w[:len(w)-3] + "ize" }

// isDutyVerb reports whether w (any case, base form, either spelling) is a duty verb.
func isDutyVerb(w string) bool {
	return dutyVerbs[americanBase(strings.ToLower(w))]
}

// isNounish reports whether w (base form) also reads as a noun at the start of a bullet.
func isNounish(w string) bool { return nounish[americanBase(strings.ToLower(w))] }

// isNounInside reports whether w (base form) may be a noun inside a sentence.
func isNounInside(w string) bool {
	l := americanBase(strings.ToLower(w))
	return nounish[l] || alsoNoun[l]
}

// thirdPerson conjugates a base form for "who": own -> owns, carry -> carries, go -> goes,
// have -> has, be -> is. Letter case of the input is kept.
func thirdPerson(base string) string {
	lower := strings.ToLower(base)
	suffix := func(s string) string {
		if len(base) > 1 && base == strings.ToUpper(base) {
			return strings.ToUpper(s)
		}
		return s
	}
	switch lower {
	case "be":
		return matchCase("is", base)
	case "have":
		return matchCase("has", base)
	case "do", "go", "veto", "echo", "forgo", "undergo":
		return base + suffix("es")
	}
	n := len(lower)
	switch {
	case strings.HasSuffix(lower, "s"), strings.HasSuffix(lower, "x"), strings.HasSuffix(lower, "z"),
		strings.HasSuffix(lower, "ch"), strings.HasSuffix(lower, "sh"):
		return base + suffix("es")
	case n >= 2 && lower[n-1] == 'y' && !strings.ContainsRune("aeiou", rune(lower[n-2])):
		return base[:n-1] + suffix("ies")
	}
	return base + suffix("s")
}

// gerundBase returns the base form of a duty verb's -ing form, spelled as the input was
// (British stays British): owning -> own, driving -> drive, running -> run,
// prioritising -> prioritise. ok is false when w is not the -ing form of a duty verb.
func gerundBase(w string) (string, bool) {
	lower := strings.ToLower(w)
	if !strings.HasSuffix(lower, "ing") || len(lower) < 5 {
		return "", false
	}
	if lower == "being" {
		return w[:2], true
	}
	stem := w[:len(w)-3]
	cands := []string{stem, stem + "e"}
	if n := len(stem); n >= 2 && stem[n-1] == stem[n-2] {
		cands = append(cands, stem[:n-1])
	}
	if strings.HasSuffix(strings.ToLower(stem), "y") && len(stem) >= 2 {
		cands = append(cands, stem[:len(stem)-1]+"ie") // tying -> tie
	}
	for _, c := range cands {
		if isDutyVerb(c) {
			return c, true
		}
	}
	return "", false
}

// gerund makes the -ing form of a base form: partner -> partnering. Only the verbs the
// rewrite itself inserts need it, so the rule is the simple one.
func gerund(base string) string {
	lower := strings.ToLower(base)
	switch {
	case strings.HasSuffix(lower, "ee"):
		return base + "ing"
	case strings.HasSuffix(lower, "e"):
		return base[:len(base)-1] + "ing"
	}
	return base + "ing"
}

// matchCase spells word in the case pattern of model: "OWNS" for "OWN", "Owns" for "Own".
func matchCase(word, model string) string {
	if model == "" {
		return word
	}
	if model == strings.ToUpper(model) && model != strings.ToLower(model) && len(model) > 1 {
		return strings.ToUpper(word)
	}
	if r := model[0]; r >= 'A' && r <= 'Z' {
		return strings.ToUpper(word[:1]) + word[1:]
	}
	return word
}
