package nlp

// quoteSeeds are fuzz seeds for every target in this package (issue 14, item 8): curly and
// straight apostrophes and quotes in one paragraph, with multi-byte letters. The first
// crashed the whole pipeline: prose reads ’ as ', so token offsets found by searching for
// "'s" ran past the end of the sentence. lint's fuzz targets add the same.
var quoteSeeds = []string{
	"Upstream’s Salesforce organization's vision Salesforce.",
	"# Product Owner\n\nUpstream’s Salesforce organization's vision Salesforce.\n",
	"- Ownér’s “backlog” isn't the team's ‘roadmap’ — Zoë&rsquo;s plan's scope.\n",
	"l’équipe’s d’“Ownér”’s’ ’s‘s“s”s. a’'’'’'s",
	"İstanbul’s PO's K’s ſcrum’s team’ll we’re don’t can't",
	"„Roadmap“ der Produktverantwortlichen’s ‚Backlog‘ 'n' «Équipe» ‹x›",
	"日本語’s プロダクトオーナー's ‘バックログ’ — 产品负责人’s",
	"“Product Owner’s” role's “scope”: own the team’s backlog's order.",
}
