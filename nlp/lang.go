package nlp

import "strings"

// stopwords per language; the language whose stopwords are most frequent wins.
var stopwords = map[string]map[string]bool{
	"en": set("the and to of you with for in our we will is are be your a an as on this that who"),
	"de": set("und der die das mit für wir sie ist zu von den ein eine ihre du bei auf dich uns unser unsere sind oder im"),
	"fr": set("et le la les des vous nous pour avec une un du est au aux votre vos sur dans qui"),
	"es": set("y el los las para con una un en que es nuestro nuestra tu del al por como sus"),
	"nl": set("en het de van een je wij jij met voor zijn op ons onze bij"),
}

// stopwordLangs maps each stopword to the languages that have it: one lookup a token.
var stopwordLangs = func() map[string][]string {
	m := map[string][]string{}
	for lang, sw := range stopwords {
		for w := range sw {
			m[w] = append(m[w], lang)
		}
	}
	return m
}()

func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// detectLanguage guesses the language of sentences from stopword counts. Short texts
// default to English.
func detectLanguage(sents []Sentence) string {
	counts := map[string]int{}
	words := 0
	for _, s := range sents {
		for _, t := range s.Tokens {
			w := strings.ToLower(t.Text)
			words++
			for _, lang := range stopwordLangs[w] {
				counts[lang]++
			}
		}
	}
	best, bestN := "en", counts["en"]
	for _, lang := range []string{"de", "fr", "es", "nl"} {
		if counts[lang] > bestN {
			best, bestN = lang, counts[lang]
		}
	}
	if words < 20 || bestN < 5 {
		return "en"
	}
	return best
}
