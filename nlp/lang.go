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

// langOrder lists the languages detectLanguage weighs, English first: it wins ties.
var langOrder = [...]string{"en", "de", "fr", "es", "nl"}

// stopwordLangIdx maps each stopword to the indexes in langOrder of the languages that
// have it (stopwordLangs, without strings to compare).
var stopwordLangIdx = func() map[string][]uint8 {
	m := map[string][]uint8{}
	for w, langs := range stopwordLangs {
		for _, lang := range langs {
			for k, l := range langOrder {
				if l == lang {
					m[w] = append(m[w], uint8(k))
				}
			}
		}
	}
	return m
}()

// maxStopword is the longest stopword in bytes: a longer ASCII word is none.
var maxStopword = func() int {
	n := 0
	for w := range stopwordLangs {
		n = max(n, len(w))
	}
	return n
}()

// detectLanguage guesses the language of sentences from stopword counts. Short texts
// default to English.
func detectLanguage(sents []Sentence) string {
	var counts [len(langOrder)]int
	words := 0
	for _, s := range sents {
		for _, t := range s.Tokens {
			words++
			for _, k := range langsOf(t.Text) {
				counts[k]++
			}
		}
	}
	best, bestN := 0, counts[0]
	for k := 1; k < len(counts); k++ {
		if counts[k] > bestN {
			best, bestN = k, counts[k]
		}
	}
	if words < 20 || bestN < 5 {
		return "en"
	}
	return langOrder[best]
}

// langsOf returns stopwordLangIdx[strings.ToLower(w)], lower-casing ASCII words without
// allocating: an ASCII word longer than any stopword is none.
func langsOf(w string) []uint8 {
	upper := false
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 0x80 {
			return stopwordLangIdx[strings.ToLower(w)]
		}
		upper = upper || c >= 'A' && c <= 'Z'
	}
	var buf [16]byte
	switch {
	case len(w) > maxStopword:
		return nil
	case !upper:
		return stopwordLangIdx[w]
	case len(w) > len(buf):
		return stopwordLangIdx[strings.ToLower(w)]
	}
	b := buf[:len(w)]
	for i := 0; i < len(w); i++ {
		b[i] = lowerASCII(w[i])
	}
	return stopwordLangIdx[string(b)]
}
