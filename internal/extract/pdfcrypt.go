package extract

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"hash"
	"regexp"
)

// The PDF library decrypts the RC4 and AES-128 encryptions (revisions 2 to
// 4) with the empty user password, as letters are often encrypted only to
// forbid copying. It cannot decrypt AES-256 (revisions 5 and 6); for those,
// this file only tells whether the file needs a password to open, so that
// the error says the right thing.

var reUKey = regexp.MustCompile(`/U\s*([<(])`)

// aes256NeedsPassword reports whether an AES-256 encryption dictionary's
// user password is not the empty one; ok is false when the dictionary's /U
// entry cannot be read.
func aes256NeedsPassword(dict []byte, rev int) (needs, ok bool) {
	m := reUKey.FindSubmatchIndex(dict)
	if m == nil {
		return false, false
	}
	u, ok := pdfString(dict[m[2]:])
	if !ok || len(u) < 40 {
		return false, false
	}
	hash, salt := u[:32], u[32:40]
	var got []byte
	if rev == 5 {
		h := sha256.Sum256(salt)
		got = h[:]
	} else {
		got = hash2B(nil, salt)
	}
	return !bytes.Equal(got, hash), true
}

// hash2B is algorithm 2.B of ISO 32000-2 (the revision 6 password hash)
// for the user password pw and salt.
func hash2B(pw, salt []byte) []byte {
	h := sha256.New()
	h.Write(pw)
	h.Write(salt)
	k := h.Sum(nil)
	for round := 0; ; round++ {
		k1 := bytes.Repeat(append(append([]byte{}, pw...), k...), 64)
		block, err := aes.NewCipher(k[:16])
		if err != nil {
			return nil
		}
		e := make([]byte, len(k1))
		cipher.NewCBCEncrypter(block, k[16:32]).CryptBlocks(e, k1)
		sum := 0
		for _, b := range e[:16] {
			sum += int(b)
		}
		var hh hash.Hash
		switch sum % 3 {
		case 0:
			hh = sha256.New()
		case 1:
			hh = sha512.New384()
		default:
			hh = sha512.New()
		}
		hh.Write(e)
		k = hh.Sum(nil)
		if round >= 63 && int(e[len(e)-1]) <= round+1-32 {
			break
		}
		if round > 1000 {
			break
		}
	}
	return k[:32]
}

// pdfString reads a PDF string (hex "<…>" or literal "(…)") at the start
// of b.
func pdfString(b []byte) ([]byte, bool) {
	if len(b) == 0 {
		return nil, false
	}
	if b[0] == '<' {
		end := bytes.IndexByte(b, '>')
		if end < 0 {
			return nil, false
		}
		h := bytes.Map(func(r rune) rune {
			if r == ' ' || r == '\n' || r == '\r' || r == '\t' {
				return -1
			}
			return r
		}, b[1:end])
		if len(h)%2 == 1 {
			h = append(h, '0')
		}
		out, err := hex.DecodeString(string(h))
		return out, err == nil
	}
	if b[0] != '(' {
		return nil, false
	}
	var out []byte
	depth := 1
	for i := 1; i < len(b); i++ {
		c := b[i]
		switch c {
		case '\\':
			i++
			if i >= len(b) {
				return nil, false
			}
			switch e := b[i]; e {
			case 'n':
				out = append(out, '\n')
			case 'r':
				out = append(out, '\r')
			case 't':
				out = append(out, '\t')
			case 'b':
				out = append(out, '\b')
			case 'f':
				out = append(out, '\f')
			case '\r':
				if i+1 < len(b) && b[i+1] == '\n' {
					i++
				}
			case '\n':
			default:
				if e >= '0' && e <= '7' {
					v := 0
					for k := 0; k < 3 && i < len(b) && b[i] >= '0' && b[i] <= '7'; k++ {
						v = v*8 + int(b[i]-'0')
						i++
					}
					i--
					out = append(out, byte(v))
				} else {
					out = append(out, e)
				}
			}
		case '(':
			depth++
			out = append(out, c)
		case ')':
			depth--
			if depth == 0 {
				return out, true
			}
			out = append(out, c)
		default:
			out = append(out, c)
		}
	}
	return nil, false
}
