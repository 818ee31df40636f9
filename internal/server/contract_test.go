package server

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/imrlint/imrlint/internal/contract"
)

// TestAPICheckIsTheContract: every /api/check answer, for each fixture
// letter and document (text, PDF, DOCX), a multipart batch of them and an
// unreadable file (422), validates against the JSON contract's schema, as
// the command line's --format json does.
func TestAPICheckIsTheContract(t *testing.T) {
	var files []string
	for _, pat := range []string{"../../testdata/letters/*.txt", "../../testdata/docs/*"} {
		m, _ := filepath.Glob(pat)
		files = append(files, m...)
	}
	if len(files) < 20 {
		t.Fatalf("only %d fixtures found", len(files))
	}
	h, _ := newHandler(t, 0)
	var parts [][3]string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		ctype := "text/plain; charset=utf-8"
		switch strings.ToLower(filepath.Ext(f)) {
		case ".pdf":
			ctype = "application/pdf"
		case ".docx":
			ctype = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
		case ".txt":
			if len(parts) < 5 {
				parts = append(parts, [3]string{"file", filepath.Base(f), string(data)})
			}
		default:
			continue
		}
		w := post(h, "/api/check", ctype, data)
		if w.Code != http.StatusOK && w.Code != http.StatusUnprocessableEntity {
			t.Errorf("%s: %d %s", f, w.Code, w.Body.String())
			continue
		}
		if err := contract.Validate("json", w.Body.Bytes()); err != nil {
			t.Errorf("%s: the /api/check answer is not the contract: %v", f, err)
		}
	}
	body, ctype := form(t, parts...)
	if w := post(h, "/api/check", ctype, body); w.Code != http.StatusOK {
		t.Errorf("a batch of %d: %d", len(parts), w.Code)
	} else if err := contract.Validate("json", w.Body.Bytes()); err != nil {
		t.Errorf("a batch: the answer is not the contract: %v", err)
	}
	w := post(h, "/api/check", "text/plain; charset=utf-8", []byte{0xff, 0xfe, 0, 0})
	if w.Code != http.StatusUnprocessableEntity {
		t.Errorf("an unreadable body: %d, want 422", w.Code)
	} else if err := contract.Validate("json", w.Body.Bytes()); err != nil {
		t.Errorf("the 422 answer is not the contract: %v", err)
	}
}
