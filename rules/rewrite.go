package rules

import "github.com/jdlint/jdlint/nlp"

// RetitleFix returns the safe fix for role-mislabeled: retitle to role. TODO(issue 4).
func RetitleFix(p *nlp.Posting, role nlp.Role) *Fix { return nil }

// BlendFix returns the unsafe fix for role-blended. TODO(issue 4).
func BlendFix(p *nlp.Posting, minority nlp.Role) *Fix { return nil }

// CollaborationRewrite rewrites one off-role duty into collaboration. TODO(issue 4).
func CollaborationRewrite(p *nlp.Posting, s *nlp.Sentence, role nlp.Role) (Edit, bool) {
	return Edit{}, false
}
