package letter

// wordSet is a set of words that answers most look-ups without hashing:
// bit min(len, 63) of first[b] is set for each member that starts with
// byte b, and a word whose bit is clear is no member. The sets below are
// asked about every word of a sentence, and few words share a member's
// first letter and length.
type wordSet struct {
	words map[string]bool
	first [256]uint64
}

func newWordSet(words ...string) *wordSet {
	s := &wordSet{words: make(map[string]bool, len(words))}
	for _, w := range words {
		s.words[w] = true
		if w != "" {
			s.first[w[0]] |= lengthBit(w)
		}
	}
	return s
}

func lengthBit(w string) uint64 { return 1 << min(len(w), 63) }

// has reports whether w is in the set.
func (s *wordSet) has(w string) bool {
	if w != "" && s.first[w[0]]&lengthBit(w) == 0 {
		return false
	}
	return s.words[w]
}
