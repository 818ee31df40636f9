package accuracy

import (
	"regexp"
	"strconv"
	"strings"
)

// remainingRE finds the quantity of a partly authorized request's
// remaining portion: the first number after "portion of the original
// request,".
var remainingRE = regexp.MustCompile(`(?i)portion of the\s+original\s+request,?\s+[^0-9]{0,80}?#?(\d{1,3})\b`)

// partialSites change the remaining portion of a partly authorized
// request in its header, so that the original less the authorized no
// longer gives it.
func partialSites(d *doc) []edit {
	var out []edit
	for _, it := range d.items {
		from, to := d.lines[it.header.from].start, d.lines[it.header.to-1].end
		h := d.src[from:to]
		if !strings.Contains(strings.ToLower(h), "authorized") {
			continue
		}
		m := remainingRE.FindStringSubmatchIndex(h)
		if m == nil {
			continue
		}
		a, b := from+m[2], from+m[3]
		n, _ := strconv.Atoi(d.src[a:b])
		out = append(out, edit{a, b, strconv.Itoa(n + 2)})
	}
	return out
}

// copiedSites replace an item's rationale, after its label, by the
// rationale of the item before it, where the two headers differ.
func copiedSites(d *doc) []edit {
	var out []edit
	for j := 1; j < len(d.items); j++ {
		i := j - 1
		if norm(d.items[i].headerText) == norm(d.items[j].headerText) {
			continue
		}
		bi, ok1 := d.rationaleBody(d.items[i])
		bj, ok2 := d.rationaleBody(d.items[j])
		if !ok1 || !ok2 || norm(d.src[bi[0]:bi[1]]) == norm(d.src[bj[0]:bj[1]]) {
			continue
		}
		out = append(out, edit{bj[0], bj[1], d.src[bi[0]:bi[1]]})
	}
	return out
}

// rationaleBody is the byte range of a rationale after its label.
func (d *doc) rationaleBody(it item) ([2]int, bool) {
	first := d.text(it.rationale.from)
	m := rationaleRE.FindStringIndex(first)
	if m == nil {
		return [2]int{}, false
	}
	start := d.lines[it.rationale.from].start + m[1]
	end := d.lines[it.rationale.to-1].end
	return [2]int{start, end}, end-start > 80
}

func norm(s string) string { return strings.Join(strings.Fields(strings.ToLower(s)), " ") }
