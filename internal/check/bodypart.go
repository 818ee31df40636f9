package check

import (
	"github.com/imrlint/imrlint/internal/finding"
	"github.com/imrlint/imrlint/internal/letter"
	"github.com/imrlint/imrlint/internal/rules"
)

// BodyPartMismatch reports a conclusion about another body region or side.
var BodyPartMismatch = &Check{
	Name:     "body-part-mismatch",
	Summary:  "a sentence restating the request names another body region or side than the item header",
	Severity: finding.Error,
	Doc: `
A rationale that speaks of "the left wrist" under a header for the right
wrist, or of "the cervical spine" under a header for a lumbar MRI, decides a
body part that was not in dispute; it is a sign of text pasted from another
case. Every sentence that restates the request is compared with the header,
not only the concluding one: the first sentence ("No, the request for an MRI
of the knee was not medically necessary"), "the requested ...", "this is a
request for ...", what would warrant it ("to warrant an MRI of the right
shoulder") and the case summary's statement of the request. Regions are read
with rules/vocab/body_parts.toml: a region and one it contains agree ("upper
extremity" and "wrist"), as do regions the header names together. A side is
compared only when both places name one, and "bilateral" agrees with either
side. Sentences about another item of the letter, about care already had, or
quoting a guideline are not the request.

The conclusion and sentences that name "the request" give errors; the case
summary, "would warrant" and a statement of the patient's complaint with the
other side ("the patient presents with right hip pain" in the rationale of a
left hip x-ray) are likely but not certainly about this request, and give
warnings. The fix for a side of a certain restatement replaces it with the
header's.

Triggers: header "(right wrist/hand)", conclusion "... for the left wrist is
not medically necessary"; header "MRI of the left shoulder", first sentence
"No, the request for an MRI of the knee was not medically necessary."
Does not trigger: header "EMG of the bilateral upper extremities",
conclusion "EMG of the right upper extremity".`,
	Run: func(p *Pass) {
		for _, it := range p.Letter.Items {
			if len(it.BodyParts) == 0 {
				continue
			}
			for _, r := range restatements(&it, true) {
				bodyPartsAgree(p, &it, r)
			}
		}
	},
}

// bodyPartsAgree reports the first body region or side of a restatement
// that the item header contradicts.
func bodyPartsAgree(p *Pass, it *letter.Item, r restatement) {
	head := it.BodyParts
	for _, c := range r.c.BodyParts {
		if c.Region != "" && !regionAgrees(p.Rules, head, c.Region) {
			f := r.report(p, c.Span, "%s is about the %s, but the item header is for the %s", r.where, regionName(p.Rules, c.Region), describe(p.Rules, head))
			f.Related = []finding.Related{{Span: head[0].Span, Message: "the item header names the " + describe(p.Rules, head)}}
			continue
		}
		if c.Side == "" || c.Side == "bilateral" {
			continue
		}
		for _, h := range head {
			if h.Side == "" || h.Side == "bilateral" || h.Side == c.Side {
				continue
			}
			if c.Region != "" && h.Region != "" && !p.Rules.RegionsOverlap(h.Region, c.Region) {
				continue
			}
			f := r.report(p, sideSpan(c), "%s names the %s side, but the item header names the %s", r.where, c.Side, h.Side)
			f.Related = []finding.Related{{Span: h.Span, Message: "the item header names the " + h.Text}}
			if w, ok := sideWord(c); ok && r.certain {
				f.Fix = &finding.Fix{Span: w, Replacement: matchCase(c.Text, h.Side)}
			}
			break
		}
	}
}

// sideSpan is the span of the side word at the start of a body part.
func sideSpan(b letter.BodyPart) finding.Span {
	if s, ok := sideWord(b); ok {
		return s
	}
	return b.Span
}

func sideWord(b letter.BodyPart) (finding.Span, bool) {
	for _, w := range []string{"bilateral", "right", "left", "Bilateral", "Right", "Left", "RIGHT", "LEFT"} {
		if len(b.Text) >= len(w) && b.Text[:len(w)] == w {
			return finding.Span{Start: b.Start, End: b.Start + len(w)}, true
		}
	}
	return finding.Span{}, false
}

func matchCase(orig, word string) string {
	if orig != "" && orig[0] >= 'A' && orig[0] <= 'Z' {
		if len(orig) > 1 && orig[1] >= 'A' && orig[1] <= 'Z' {
			b := []byte(word)
			for i := range b {
				if b[i] >= 'a' && b[i] <= 'z' {
					b[i] -= 32
				}
			}
			return string(b)
		}
		return string(word[0]-32) + word[1:]
	}
	return word
}

func regionAgrees(v *rules.Set, head []letter.BodyPart, region string) bool {
	any := false
	for _, h := range head {
		if h.Region == "" {
			continue
		}
		any = true
		if v.RegionsOverlap(h.Region, region) {
			return true
		}
	}
	return !any
}

func regionName(v *rules.Set, id string) string {
	r, ok := v.RegionByID(id)
	if !ok {
		return id
	}
	return r.Name
}

func describe(v *rules.Set, bps []letter.BodyPart) string {
	for _, b := range bps {
		if b.Region != "" {
			if b.Side != "" {
				return b.Side + " " + regionName(v, b.Region)
			}
			return regionName(v, b.Region)
		}
	}
	return bps[0].Text
}
